// The benchmark compares like with like: it refuses to time anything unless the hand-written
// route gives exactly the engine's result on every record (not a timing test).
import { describe, expect, it } from 'vitest';
import { runMappingBench } from '../../../bench/mapping/run.js';

describe('mapping benchmark', () => {
  it('runs on records where the hand-written route and the engine agree', async () => {
    const result = await runMappingBench({ records: 400, rounds: 2 });
    expect(result.records).toBe(400);
    expect(result.engineRecordsPerSec).toBeGreaterThan(0);
    expect(result.handWrittenRecordsPerSec).toBeGreaterThan(0);
    expect(Number.isFinite(result.ratio)).toBe(true);
  });
});
