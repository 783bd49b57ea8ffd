// Mapping throughput: the compiled engine on the shipped offer route against a hand-written
// TypeScript function for the same route, measured in the same run on the same records.
// Run: npx tsx bench/mapping/run.ts   (target: engine >= 0.5x hand-written)
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import {
  loadMappings,
  tableResolver,
  type ApplyContext,
  type MappingResult,
} from '../../src/mapping/index.js';
import { handWrittenOfferToOfferslook } from './hand-written.js';
import { benchRecords } from './records.js';

export interface MappingBenchOptions {
  /** Records per round. @defaultValue 5000 */
  records?: number;
  /** Timed rounds per side, alternating engine and hand-written. @defaultValue 20 */
  rounds?: number;
  /** @defaultValue 'mappings' */
  dir?: string;
}

export interface MappingBenchResult {
  records: number;
  rounds: number;
  /**
   * Records per second in the fastest round of each side: on a shared machine the other
   * rounds measure the neighbours as much as the code.
   */
  engineRecordsPerSec: number;
  handWrittenRecordsPerSec: number;
  /** engine / hand-written: 1 is as fast as hand-written code. */
  ratio: number;
}

type Mapper = (record: Record<string, unknown>, ctx: ApplyContext) => MappingResult;

function timeRound(
  map: Mapper,
  records: readonly Record<string, unknown>[],
  ctx: ApplyContext,
): number {
  const started = performance.now();
  let sink = 0;
  for (const record of records) sink += map(record, ctx).issues.length;
  const elapsed = performance.now() - started;
  // Uses the results so the work cannot be optimised away.
  if (sink < 0) throw new Error('unreachable');
  return elapsed;
}

export async function runMappingBench(
  options: MappingBenchOptions = {},
): Promise<MappingBenchResult> {
  const count = options.records ?? 5000;
  const rounds = options.rounds ?? 20;
  const mappings = await loadMappings(options.dir ?? 'mappings');
  const route = mappings.routes.get('offerit.offer->offerslook.offer');
  if (!route) throw new Error('the offer route is missing');
  const records = benchRecords(count);
  const ctx: ApplyContext = {
    now: new Date('2024-01-01T00:00:00Z'),
    resolve: tableResolver({ advertiser: { '1': '21', '9': '12' } }),
  };
  const engine: Mapper = (record, context) => route.apply(record, context);

  // The comparison only means something if both compute the same thing.
  for (const record of records) {
    const expected = engine(record, ctx);
    const actual = handWrittenOfferToOfferslook(record, ctx);
    if (!isDeepStrictEqual(expected, actual)) {
      throw new Error(
        `hand-written and engine differ on offer ${String(record.offerid)}:\n${JSON.stringify(expected)}\n${JSON.stringify(actual)}`,
      );
    }
  }
  for (let warm = 0; warm < 3; warm++) {
    timeRound(engine, records, ctx);
    timeRound(handWrittenOfferToOfferslook, records, ctx);
  }
  const engineTimes: number[] = [];
  const handTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    engineTimes.push(timeRound(engine, records, ctx));
    handTimes.push(timeRound(handWrittenOfferToOfferslook, records, ctx));
  }
  const engineRecordsPerSec = count / (Math.min(...engineTimes) / 1000);
  const handWrittenRecordsPerSec = count / (Math.min(...handTimes) / 1000);
  return {
    records: count,
    rounds,
    engineRecordsPerSec,
    handWrittenRecordsPerSec,
    ratio: engineRecordsPerSec / handWrittenRecordsPerSec,
  };
}

export function formatMappingBench(result: MappingBenchResult): string {
  return (
    `mapping offerit.offer->offerslook.offer: engine ${Math.round(result.engineRecordsPerSec)} records/s, ` +
    `hand-written ${Math.round(result.handWrittenRecordsPerSec)} records/s, ratio ${result.ratio.toFixed(2)} ` +
    `(target >= 0.50; ${result.records} records x ${result.rounds} rounds, fastest round each)`
  );
}

async function main(): Promise<void> {
  const result = await runMappingBench();
  console.log(formatMappingBench(result));
  if (result.ratio < 0.5) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
