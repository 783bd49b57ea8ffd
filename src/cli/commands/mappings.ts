// `offer-sync mappings check|preview`: validate the mapping files, and try one route on a record.
// The run* functions take their inputs and an output sink and return an exit code, so tests
// drive them directly; the registrar only parses arguments.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  identityResolver,
  loadMappings,
  MappingLoadError,
  nearest,
  platformRecordSchemas,
  type CompiledRoute,
  type MappingResult,
  type MappingSet,
} from '../../mapping/index.js';

import { EXIT, type CommandRegistrar } from '../program.js';

export interface MappingsIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const stdio: MappingsIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

async function loadOrReport(dir: string, io: MappingsIo): Promise<MappingSet | undefined> {
  try {
    return await loadMappings(dir);
  } catch (error) {
    if (!(error instanceof MappingLoadError)) throw error;
    for (const problem of error.errors) io.err(problem.toString());
    io.err(`${error.errors.length} mapping error${error.errors.length === 1 ? '' : 's'} in ${dir}`);
    return undefined;
  }
}

export async function runMappingsCheck(options: { dir: string }, io: MappingsIo): Promise<number> {
  const set = await loadOrReport(options.dir, io);
  if (!set) return EXIT.FAILED;
  for (const route of set.routes.values()) describeRoute(route, io);
  for (const warning of set.warnings) io.err(`warning: ${warning}`);
  io.out(`${set.routes.size} route${set.routes.size === 1 ? '' : 's'} OK in ${options.dir}`);
  return EXIT.OK;
}

function describeRoute(route: CompiledRoute, io: MappingsIo): void {
  const { coverage } = route;
  const origin = route.derived
    ? `reverse of ${route.reverse?.name ?? '?'}`
    : route.reverse
      ? 'both directions'
      : 'one way';
  io.out(`${route.name}  (${route.file}, ${origin})`);
  io.out(
    `  key: ${route.source.key.join(', ')} -> ${route.target.key.join(', ')}; conflicts: ${route.conflictPolicy}`,
  );
  const once = route.fields.filter((field) => field.sync === 'once').map((field) => field.target);
  const never = route.fields.filter((field) => field.sync === 'never').map((field) => field.target);
  io.out(
    `  writes ${coverage.targets.length} fields` +
      (once.length > 0 ? `; set once: ${once.join(', ')}` : '') +
      (never.length > 0 ? `; never synced: ${never.join(', ')}` : ''),
  );
  io.out(
    `  required on create: ${coverage.required.length > 0 ? coverage.required.join(', ') : '(none)'} - all covered`,
  );
  io.out(
    `  reads ${coverage.mapped.length} source fields; ignores ${coverage.ignored.length}: ${coverage.ignored.map((entry) => entry.field).join(', ') || '(none)'}`,
  );
  if (coverage.unaccounted.length > 0)
    io.out(`  NOT ACCOUNTED FOR: ${coverage.unaccounted.join(', ')}`);
  io.out(`  lossy ${coverage.lossy.length}${coverage.lossy.length > 0 ? ':' : ''}`);
  for (const entry of coverage.lossy) io.out(`    ${entry.field}: ${entry.reason}`);
}

export interface PreviewOptions {
  dir: string;
  route: string;
  /** Path of a JSON file: the record itself, or an Offerslook answer `{ "data": { "<entity>": {...} } }`. */
  record: string;
  /** ISO time used for `now`/`today`. @defaultValue the current time */
  now?: string;
}

export async function runMappingsPreview(options: PreviewOptions, io: MappingsIo): Promise<number> {
  const set = await loadOrReport(options.dir, io);
  if (!set) return EXIT.FAILED;
  const wanted = options.route.replace(/\s+/g, '');
  const route = set.routes.get(wanted);
  if (!route) {
    const names = [...set.routes.keys()];
    const suggestion = nearest(wanted, names);
    io.err(
      `unknown route "${options.route}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
    );
    io.err(`routes: ${names.join(', ')}`);
    return EXIT.USAGE;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(options.record, 'utf8'));
  } catch (error) {
    io.err(`cannot read ${options.record}: ${(error as Error).message}`);
    return EXIT.USAGE;
  }
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime())) {
    io.err(`--now: "${options.now}" is not a date`);
    return EXIT.USAGE;
  }
  const record = normalize(unwrap(raw), route, io);
  io.out(`route ${route.name}`);
  io.out(
    'note: link lookups (offer, goal, affiliate, advertiser ids) use an identity resolver: ids are shown unchanged',
  );
  const result = route.apply(record, { now, resolve: identityResolver });
  printResult('mapped record', result, io);
  if (route.reverse && !result.issues.some((issue) => issue.code === 'NO_TWIN')) {
    printResult(
      `reverse (${route.reverse.name}) of the mapped record`,
      route.reverse.apply(result.value, { now, resolve: identityResolver }),
      io,
    );
  }
  return result.issues.length > 0 ? EXIT.FAILED : EXIT.OK;
}

/** An Offerslook answer carries the record under `data.<entity>`; take it out. */
function unwrap(raw: unknown): unknown {
  const data = (raw as { data?: unknown } | null)?.data;
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const values = Object.values(data);
    if (values.length >= 1 && typeof values[0] === 'object' && values[0] !== null) return values[0];
  }
  return raw;
}

/** Reads the record as the platform client would (tolerant wire values); maps it raw if that fails. */
function normalize(raw: unknown, route: CompiledRoute, io: MappingsIo): Record<string, unknown> {
  const schema = platformRecordSchemas(route.source.platform, route.source.entity);
  const parsed = schema?.safeParse(raw);
  if (parsed?.success) return parsed.data as Record<string, unknown>;
  if (parsed)
    io.out(
      `note: the record does not read as ${route.source.platform}.${route.source.entity}; mapping it as is:\n${z.prettifyError(parsed.error)}`,
    );
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
}

function printResult(title: string, result: MappingResult, io: MappingsIo): void {
  io.out(`${title}:`);
  io.out(JSON.stringify(result.value, null, 2));
  io.out(result.issues.length === 0 ? 'issues: none' : 'issues:');
  for (const issue of result.issues) io.out(`  ${issue.field} ${issue.code}: ${issue.message}`);
  if (result.lossy.length > 0) io.out('lossy:');
  for (const entry of result.lossy) io.out(`  ${entry.field}: ${entry.reason}`);
}

export const registerMappingsCommands: CommandRegistrar = (program: Command) => {
  const mappings = program
    .command('mappings')
    .description('Check the field mapping files and try a route on a record.');
  mappings
    .command('check')
    .description(
      'Load every mapping file; print each route with its coverage and lossy fields. Exit 1 on any error.',
    )
    .option('--dir <dir>', 'the mappings folder', 'mappings')
    .action(async (options: { dir: string }) => {
      process.exitCode = await runMappingsCheck(options, stdio);
    });
  mappings
    .command('preview')
    .description(
      'Map one record (a JSON file) through a route and back; print the result, issues and lossy fields.',
    )
    .requiredOption('--route <name>', 'e.g. offerit.offer->offerslook.offer')
    .option('--dir <dir>', 'the mappings folder', 'mappings')
    .option('--now <iso>', 'the time used for "now"/"today" (default: the current time)')
    .argument('<record>', 'a JSON file holding the source record')
    .action(async (record: string, options: Omit<PreviewOptions, 'record'>) => {
      process.exitCode = await runMappingsPreview({ ...options, record }, stdio);
    });
};
