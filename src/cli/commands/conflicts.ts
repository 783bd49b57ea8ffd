// `offer-sync conflicts list` and `offer-sync conflicts resolve <id> --keep <side>`. Conflicts live
// with their connection pair; listing walks every configured pair. Resolving syncs the kept
// side's entity onto the other with every field forced, at once, in-process, along the route
// from the kept connection.
import type { Command } from 'commander';
import { openApp, type App } from '../../app/app.js';
import type { PairStores } from '../../app/routes.js';
import { createLogger } from '../../log/logger.js';
import type { Conflict, ConflictStore } from '../../store/index.js';
import { runSync, type SyncDeps } from '../../sync/run/index.js';
import {
  PLATFORMS,
  formatEntityKey,
  otherPlatform,
  type PlatformName,
} from '../../vocabulary/index.js';
import { configOrExit } from '../config-or-exit.js';
import { EXIT, type CommandRegistrar } from '../program.js';

/** A conflict as listed: with the connections of its pair (which names are on which side). */
export interface ListedConflict extends Conflict {
  connections: Record<PlatformName, string>;
}

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

/** A pair's conflict store and which connection is on which side. */
export interface ConflictScope {
  store: ConflictStore;
  connections: Record<PlatformName, string>;
}

export function conflictScopes(app: App): ConflictScope[] {
  const pairs = new Map<string, PairStores>();
  for (const route of app.routes) pairs.set(route.pair.name, route.pair);
  return [...pairs.values()].map((pair) => ({
    store: pair.conflicts,
    connections: { offerit: pair.sides.offerit.name, offerslook: pair.sides.offerslook.name },
  }));
}

export async function runConflictsList(
  scopes: readonly ConflictScope[],
  json: boolean,
  out: (line: string) => void,
): Promise<number> {
  const listed: ListedConflict[] = [];
  for (const scope of scopes) {
    for (const conflict of await scope.store.list())
      listed.push({ ...conflict, connections: scope.connections });
  }
  listed.sort((a, b) => a.detectedAt - b.detectedAt || a.id.localeCompare(b.id));
  if (json) out(JSON.stringify(listed, null, 2));
  else if (listed.length === 0) out('no open conflicts');
  else for (const conflict of listed) out(describeConflict(conflict, conflict.connections));
  return EXIT.OK;
}

/** `keep` names a platform or one of the pair's connections; the platform of the side kept. */
function keptPlatform(keep: string, sides: Record<PlatformName, string>): PlatformName | undefined {
  if ((PLATFORMS as readonly string[]).includes(keep)) return keep as PlatformName;
  return PLATFORMS.find((platform) => sides[platform] === keep);
}

export async function runConflictsResolve(
  app: App,
  id: string,
  keep: string,
  out: (line: string) => void,
): Promise<number> {
  for (const scope of conflictScopes(app)) {
    const conflict = await scope.store.get(id);
    if (!conflict) continue;
    const platform = keptPlatform(keep, scope.connections);
    if (!platform) {
      out(
        `--keep must name a platform or one of this conflict's connections (${scope.connections.offerit}, ${scope.connections.offerslook}), got ${JSON.stringify(keep)}`,
      );
      return EXIT.USAGE;
    }
    const from = scope.connections[platform];
    const to = scope.connections[otherPlatform(platform)];
    const route = app.route(from, to);
    if (!route) {
      out(`no route from ${from} to ${to} is configured: keeping ${from} would write along it`);
      return EXIT.USAGE;
    }
    const deps: SyncDeps = route.sync;
    const result = await runSync({ source: platform, key: conflict[platform], force: 'all' }, deps);
    await scope.store.resolve(id, platform);
    out(
      `kept ${from}: ${result.action} ${result.targetId ?? ''} ${JSON.stringify(result.changes)}`.trim(),
    );
    return EXIT.OK;
  }
  out(`no open conflict ${id} (offer-sync conflicts list shows the open ones)`);
  return EXIT.USAGE;
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
