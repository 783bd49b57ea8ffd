// `offer-sync conflicts list` and `offer-sync conflicts resolve <id> --keep <platform>`. Resolving
// syncs the kept platform's entity onto the other with every field forced, at once, in-process.
import { Option, type Command } from 'commander';
import { buildRuntime } from '../../app/runtime.js';
import { PLATFORMS, type PlatformName } from '../../vocabulary/index.js';
import { createLogger } from '../../log/logger.js';
import { formatEntityKey } from '../../vocabulary/index.js';
import type { Conflict, ConflictStore } from '../../store/index.js';
import { runSync, type SyncDeps } from '../../sync/run/index.js';
import { configOrExit } from '../config-or-exit.js';
import { EXIT, type CommandRegistrar } from '../program.js';

export function describeConflict(conflict: Conflict): string {
  const fields = Object.entries(conflict.fields)
    .map(
      ([field, values]) =>
        `${field}: offerit ${JSON.stringify(values.offerit)} / offerslook ${JSON.stringify(values.offerslook)}`,
    )
    .join('; ');
  return `${conflict.id}  ${formatEntityKey(conflict.offerit)} <-> ${formatEntityKey(conflict.offerslook)}  since ${new Date(conflict.detectedAt).toISOString()}  ${fields}`;
}

export async function runConflictsList(
  store: ConflictStore,
  json: boolean,
  out: (line: string) => void,
): Promise<number> {
  const conflicts = await store.list();
  if (json) out(JSON.stringify(conflicts, null, 2));
  else if (conflicts.length === 0) out('no open conflicts');
  else for (const conflict of conflicts) out(describeConflict(conflict));
  return EXIT.OK;
}

export async function runConflictsResolve(
  deps: SyncDeps,
  id: string,
  keep: PlatformName,
  out: (line: string) => void,
): Promise<number> {
  const conflict = await deps.conflicts.get(id);
  if (!conflict) {
    out(`no open conflict ${id} (offer-sync conflicts list shows the open ones)`);
    return EXIT.USAGE;
  }
  const result = await runSync({ source: keep, key: conflict[keep], force: 'all' }, deps);
  await deps.conflicts.resolve(id, keep);
  out(
    `kept ${keep}: ${result.action} ${result.targetId ?? ''} ${JSON.stringify(result.changes)}`.trim(),
  );
  return EXIT.OK;
}

export const registerConflictsCommands: CommandRegistrar = (program: Command) => {
  const conflicts = program
    .command('conflicts')
    .description('manual conflicts: fields changed on both platforms');
  conflicts
    .command('list')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const config = configOrExit();
      const runtime = await buildRuntime(config, createLogger({ level: 'warn' }));
      try {
        process.exitCode = await runConflictsList(
          runtime.conflicts,
          options.json === true,
          (line) => process.stdout.write(`${line}\n`),
        );
      } finally {
        await runtime.cleanup.close();
      }
    });
  conflicts
    .command('resolve')
    .argument('<id>', 'conflict id from `conflicts list`')
    .addOption(
      new Option('--keep <platform>', 'the platform whose values win')
        .choices(PLATFORMS)
        .makeOptionMandatory(),
    )
    .action(async (id: string, options: { keep: PlatformName }) => {
      const config = configOrExit();
      const runtime = await buildRuntime(config, createLogger({ level: 'warn' }));
      try {
        process.exitCode = await runConflictsResolve(runtime.syncDeps, id, options.keep, (line) =>
          process.stdout.write(`${line}\n`),
        );
      } finally {
        await runtime.cleanup.close();
      }
    });
};
