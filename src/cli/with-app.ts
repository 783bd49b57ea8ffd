// Opens the composition root for one command, runs it, and always closes it.
import { openApp, type App } from '../app/app.js';
import { createLogger } from '../log/logger.js';
import { configOrExit } from './config-or-exit.js';

export async function withApp(run: (app: App) => Promise<number>): Promise<number> {
  const app = await openApp(configOrExit(), createLogger({ level: 'warn' }));
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}
