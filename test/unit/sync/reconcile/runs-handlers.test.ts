// GET /reconcile/runs and /reconcile/runs/:id as plain handlers over the RunStore port.
import { describe, expect, it } from 'vitest';
import { handleGetRun, handleListRuns } from '../../../../src/ingress/runs/index.js';
import { isRunId, newRunId, type RunStore } from '../../../../src/store/index.js';
import type { RunSummary } from '../../../../src/sync/reconcile/index.js';

const run = (runId: string): RunSummary => ({
  runId,
  route: 'offerit->offerslook',
  entity: 'all',
  dryRun: false,
  reason: 'schedule',
  status: 'done',
  startedAt: '2025-01-02T03:04:05.000Z',
  created: 0,
  updated: 0,
  unchanged: 3,
  skipped: 0,
  failed: 0,
  paused: 0,
  pending: 0,
  reactivated: 0,
  writes: 0,
});

/** A RunStore over an array (the Redis one has its own integration tests). */
function storeOf(runs: RunSummary[]): Pick<RunStore, 'list' | 'get'> & { limits: number[] } {
  const limits: number[] = [];
  return {
    limits,
    list: (limit = 50) => {
      limits.push(limit);
      return Promise.resolve(runs.slice(0, limit));
    },
    get: (id) => Promise.resolve(runs.find((entry) => entry.runId === id)),
  };
}

describe('run ids', () => {
  it('sort by start time and are recognised', () => {
    const early = newRunId(new Date('2025-01-02T03:04:05.678Z'));
    const late = newRunId(new Date('2025-01-02T03:04:05.679Z'));
    expect(early).toMatch(/^20250102T030405678Z-[0-9a-f]{6}$/);
    expect([late, early].sort()).toEqual([early, late]);
    expect(isRunId(early)).toBe(true);
    expect(isRunId('../etc/passwd')).toBe(false);
  });
});

describe('handleListRuns', () => {
  it('lists runs, 50 unless asked for another number', async () => {
    const store = storeOf([run(newRunId(new Date()))]);
    const response = await handleListRuns({ query: {} }, store);
    expect(response).toEqual({
      status: 200,
      body: { runs: [expect.objectContaining({ unchanged: 3 })] },
    });
    await handleListRuns({ query: { limit: '5' } }, store);
    expect(store.limits).toEqual([50, 5]);
  });

  it('answers 400 for a limit that is not a whole number from 1 to 200', async () => {
    for (const limit of ['0', '201', 'ten', '1.5']) {
      const response = await handleListRuns({ query: { limit } }, storeOf([]));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'INVALID_LIMIT' } });
    }
  });
});

describe('handleGetRun', () => {
  it('returns the run, 404 for one not kept, 400 for something that is not a run id', async () => {
    const id = newRunId(new Date());
    const store = storeOf([run(id)]);
    expect(await handleGetRun({ params: { id } }, store)).toMatchObject({
      status: 200,
      body: { runId: id },
    });
    expect(await handleGetRun({ params: { id: newRunId(new Date()) } }, store)).toMatchObject({
      status: 404,
      body: { error: { code: 'RUN_NOT_FOUND' } },
    });
    expect(await handleGetRun({ params: { id: 'nope' } }, store)).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_RUN_ID' } },
    });
  });
});
