// `offer-sync conflicts list` and `offer-sync conflicts resolve <id> --keep <side>`. Conflicts live
// with their connection pair; listing walks every configured pair. The use case (shared with the
// console) is src/sync/conflicts: resolving syncs the kept side's entity onto the other with
// every field forced, at once, in-process, along the route from the kept connection.
import type { Command } from 'commander';
import { openApp, type App } from '../../app/app.js';
import { conflictScopes, routeSyncOf } from '../../app/conflict-scopes.js';
import { createLogger } from '../../log/logger.js';
import type { Conflict } from '../../store/index.js';
import {
  ConflictResolveError,
  listConflicts,
  resolveConflict,
  type ConflictScope,
} from '../../sync/conflicts/index.js';
import { formatEntityKey, type PlatformName } from '../../vocabulary/index.js';
import { configOrExit } from '../config-or-exit.js';
import { EXIT, type CommandRegistrar } from '../program.js';

export { conflictScopes } from '../../app/conflict-scopes.js';
export type { ConflictScope, ListedConflict } from '../../sync/conflicts/index.js';

export function describeConflict(conflict: Conflict, sides?: Record<PlatformName, string>): string {
  const name = (platform: PlatformName) =>
    sides && sides[platform] !== platform ? `${platform} (${sides[platform]})` : platform;
  const fields = Object.entries(conflict.fields)
    .map(
      ([field, values]) =>
        `${field}: ${name('offerit')} ${JSON.stringify(values.offerit)} / ${name('offerslook')} ${JSON.stringify(values.offerslook)}`,
    )
    .join('; ');
  return `${conflict.id}  ${formatEntityKey(conflict.offerit)} <-> ${formatEntityKey(conflict.offerslook)}  since ${new Date(conflict.detectedAt).toISOString()}  ${fields}`;
}

export async function runConflictsList(
  scopes: readonly ConflictScope[],
  json: boolean,
  out: (line: string) => void,
): Promise<number> {
  const listed = await listConflicts(scopes);
  if (json) out(JSON.stringify(listed, null, 2));
  else if (listed.length === 0) out('no open conflicts');
  else for (const conflict of listed) out(describeConflict(conflict, conflict.connections));
  return EXIT.OK;
}

export async function runConflictsResolve(
  app: App,
  id: string,
  keep: string,
  out: (line: string) => void,
): Promise<number> {
  try {
    const { kept, result } = await resolveConflict(conflictScopes(app), routeSyncOf(app), id, keep);
    out(
      `kept ${kept}: ${result.action} ${result.targetId ?? ''} ${JSON.stringify(result.changes)}`.trim(),
    );
    return EXIT.OK;
  } catch (error) {
    if (!(error instanceof ConflictResolveError)) throw error;
    out(error.message);
    return EXIT.USAGE;
  }
}

async function withApp(run: (app: App) => Promise<number>): Promise<number> {
  const app = await openApp(configOrExit(), createLogger({ level: 'warn' }));
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

export const registerConflictsCommands: CommandRegistrar = (program: Command) => {
  const conflicts = program
    .command('conflicts')
    .description('manual conflicts: fields changed on both sides');
  conflicts
    .command('list')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      process.exitCode = await withApp((app) =>
        runConflictsList(conflictScopes(app), options.json === true, (line) =>
          process.stdout.write(`${line}\n`),
        ),
      );
    });
  conflicts
    .command('resolve')
    .argument('<id>', 'conflict id from `conflicts list`')
    .requiredOption(
      '--keep <side>',
      "whose values win: a platform (offerit, offerslook) or one of the pair's connections",
    )
    .action(async (id: string, options: { keep: string }) => {
      process.exitCode = await withApp((app) =>
        runConflictsResolve(app, id, options.keep, (line) => process.stdout.write(`${line}\n`)),
      );
    });
};
