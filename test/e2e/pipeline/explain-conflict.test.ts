// Status names an open manual conflict (route policy `manual`), and history keeps the write a
// conflict still made (the fields changed on one side only), until `conflicts resolve`.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConflictsResolve } from '../../../src/cli/commands/conflicts.js';
import { runHistory, runStatus } from '../../../src/cli/commands/status.js';
import type { EntityHistory, EntityStatus } from '../../../src/sync/explain/index.js';
import { startPipelineHarness, type PipelineHarness } from '../../helpers/pipeline-harness.js';
import { redisScope, type RedisScope } from '../../helpers/redis.js';
import { pipelineNetwork } from './network.js';

const SHIPPED_MAPPINGS = new URL('../../../mappings/', import.meta.url);

async function json<T>(
  run: (io: { out: (line: string) => void; err: (line: string) => void }) => Promise<number>,
): Promise<T> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run({ out: (line) => out.push(line), err: (line) => err.push(line) });
  expect(code, err.join('\n')).toBe(0);
  return JSON.parse(out.join('\n')) as T;
}

describe('status of an entity with an open conflict', () => {
  let scope: RedisScope;
  let h: PipelineHarness;
  let mappingsDir: string;

  beforeAll(async () => {
    mappingsDir = await mkdtemp(join(tmpdir(), 'offer-sync-explain-manual-'));
    for (const name of await readdir(SHIPPED_MAPPINGS)) {
      const text = await readFile(new URL(name, SHIPPED_MAPPINGS), 'utf8');
      const variant =
        name === 'offer.yaml' ? text.replace(/^conflict: newest-wins$/m, 'conflict: manual') : text;
      if (name === 'offer.yaml' && variant === text)
        throw new Error('offer.yaml no longer says "conflict: newest-wins"');
      await writeFile(join(mappingsDir, name), variant);
    }
    scope = redisScope('explain-conflict');
    h = await startPipelineHarness({
      redisUrl: scope.url,
      prefix: scope.prefix,
      seed: pipelineNetwork(),
      env: { MAPPINGS_DIR: mappingsDir },
    });
  });
  afterAll(async () => {
    await h?.stop();
    await scope?.cleanup();
    if (mappingsDir) await rm(mappingsDir, { recursive: true, force: true });
  });

  it('shows the conflict until it is resolved, and the history keeps what was written meanwhile', async () => {
    const created = await h.sync('offerit', { kind: 'offer', id: '402' });
    const twin = created.targetId!.split(':')[1]!;
    await h.pair.clients.offerit.update(
      { kind: 'offer', id: '402' },
      { name: 'Casino bonus (Offerit)', flat_amount_per_conversion: '65.00' },
    );
    await h.pair.clients.offerslook.update(
      { kind: 'offer', id: twin },
      { name: 'Casino bonus (Offerslook)' },
    );
    const result = await h.sync('offerit', { kind: 'offer', id: '402' });
    expect(result.action).toBe('conflict');

    const status = await json<EntityStatus>((io) =>
      runStatus(h.app, 'offerit:offer:402', { json: true, check: false }, io),
    );
    expect(status.conflict).toMatchObject({
      id: result.conflictId,
      pair: 'offerit+offerslook',
      fields: {
        name: { offerit: 'Casino bonus (Offerit)', offerslook: 'Casino bonus (Offerslook)' },
      },
    });
    expect(status.lastSync).toMatchObject({ action: 'conflict', writes: 1 });
    // The twin's status names the same conflict.
    const twinStatus = await json<EntityStatus>((io) =>
      runStatus(h.app, `offerslook:offer:${twin}`, { json: true, check: false }, io),
    );
    expect(twinStatus.conflict?.id).toBe(result.conflictId);

    const history = await json<EntityHistory>((io) =>
      runHistory(h.app, 'offerit:offer:402', { json: true }, io),
    );
    expect(history.entries[0]).toMatchObject({ action: 'conflict', writes: 1 });
    expect(Object.keys(history.entries[0]!.changes)).toEqual(['payout']);
    // Decimal text as Offerit answered it (v2 answers send the number 65).
    expect(history.entries[0]!.changes.payout!.to).toMatch(/^65(\.00)?$/);

    const lines: string[] = [];
    expect(
      await runConflictsResolve(h.app, result.conflictId!, 'offerslook', (l) => lines.push(l)),
    ).toBe(0);
    const after = await json<EntityStatus>((io) =>
      runStatus(h.app, 'offerit:offer:402', { json: true, check: true }, io),
    );
    expect(after.conflict).toBeNull();
    expect(after.lastSync).toMatchObject({ route: 'offerslook->offerit', jobId: null });
    expect(after.hashesMatch).not.toBeNull();
  });
});
