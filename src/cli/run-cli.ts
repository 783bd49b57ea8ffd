// Runs the CLI with the given arguments (after `node script`): shared by the `offer-sync` bin
// and the process entry points in workers/.
import { loadDotEnv } from '../config/index.js';
import { buildProgram } from './program.js';
import { registrars } from './registrars.js';

export async function runCli(args: readonly string[]): Promise<void> {
  loadDotEnv();
  await buildProgram(registrars).parseAsync([...args], { from: 'user' });
}
