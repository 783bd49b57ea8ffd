// A field changed on both platforms since the last sync, under each policy the mappings offer:
// the field's owner wins; newest-wins (the shipped offer route); manual (a route variant compiled
// from a copy of the shipped mappings), recorded, listed and resolved through the CLI.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflictScopes, runConflictsList } from '../../../src/cli/commands/conflicts.js';
import type { Conflict } from '../../../src/store/index.js';
import { startPipelineHarness, type PipelineHarness } from '../../helpers/pipeline-harness.js';
import { decimal } from '../../helpers/decimal-matcher.js';
import { redisScope, type RedisScope } from '../../helpers/redis.js';
import { pipelineNetwork } from './network.js';

const SHIPPED_MAPPINGS = new URL('../../../mappings/', import.meta.url);

function offerIdOf(targetId: string | undefined): string {
  const match = /^offer:(\d+)$/.exec(targetId ?? '');
  if (!match) throw new Error(`not an offer key: ${String(targetId)}`);
  return match[1]!;
}

describe('conflicts under the shipped policies', () => {
  let scope: RedisScope;
  let h: PipelineHarness;

  beforeAll(async () => {
    scope = redisScope('pipeline-conflicts');
    h = await startPipelineHarness({
      redisUrl: scope.url,
      prefix: scope.prefix,
      seed: pipelineNetwork(),
    });
  });
  afterAll(async () => {
    await h?.stop();
    await scope?.cleanup();
  });

  it('owner wins: a field owned by Offerit keeps its Offerit value, whichever side syncs first', async () => {
    const created = await h.sync('offerit', { kind: 'offer', id: '400' });
    const twin = offerIdOf(created.targetId);
    // Both sides change the revenue type (advertiser_cost_type <-> revenue_type, owner: offerit).
    await h.pair.clients.offerit.update(
      { kind: 'offer', id: '400' },
      { advertiser_cost_type: 'sale' },
    );
    await h.pair.clients.offerslook.update({ kind: 'offer', id: twin }, { revenue_type: 'RPC' });

    const fromOfferslook = await h.sync('offerslook', { kind: 'offer', id: twin });
    expect(fromOfferslook.changes).not.toHaveProperty('advertiser_cost_type');
    expect(h.offerit.state.offers.get('400')?.fields.advertiser_cost_type).toBe('sale');

    const fromOfferit = await h.sync('offerit', { kind: 'offer', id: '400' });
    expect(fromOfferit).toMatchObject({
      action: 'update',
      changes: { revenue_type: { from: 'RPC', to: 'RPS' } },
    });
    expect(h.offerslook.state.store.offers.get(Number(twin))?.revenue_type).toBe('RPS');

    // Settled: neither direction has anything left to write.
    const settled = [
      await h.sync('offerslook', { kind: 'offer', id: twin }),
      await h.sync('offerit', { kind: 'offer', id: '400' }),
    ];
    expect(settled.map((result) => result.writes)).toEqual([0, 0]);
  });

  // Offerit records carry no update time (as on the real platform); Offerslook's carry one, in
  // whole seconds. offer-sync orders an Offerit edit by what it observed: after the last read
  // that saw the old value, at or before the first read that saw the new one.
  const rename = async (platform: 'offerit' | 'offerslook', id: string, name: string) => {
    await h.pair.clients[platform].update({ kind: 'offer', id }, { name });
  };
  const names = (id: string, twin: string) => [
    h.offerit.state.offers.get(id)?.fields.name,
    h.offerslook.state.store.offers.get(Number(twin))?.name,
  ];
  const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1100));

  for (const first of ['offerit', 'offerslook'] as const) {
    it(`newest-wins: an older Offerslook edit never overwrites a newer Offerit edit (${first} syncs first)`, async () => {
      const id = first === 'offerit' ? '401' : '403';
      const twin = offerIdOf((await h.sync('offerit', { kind: 'offer', id })).targetId);
      await rename('offerslook', twin, 'Edited on Offerslook (older)');
      await nextSecond(); // Offerslook's update time counts whole seconds
      // Any read of Offerit after that edit (a sync, a reconcile page) sees its name unchanged...
      expect((await h.sync('offerit', { kind: 'offer', id })).writes).toBe(0);
      // ...so this Offerit edit is known to be the later one.
      await rename('offerit', id, 'Edited on Offerit (newer)');

      const one =
        first === 'offerit'
          ? await h.sync('offerit', { kind: 'offer', id })
          : await h.sync('offerslook', { kind: 'offer', id: twin });
      const other =
        first === 'offerit'
          ? await h.sync('offerslook', { kind: 'offer', id: twin })
          : await h.sync('offerit', { kind: 'offer', id });
      const decided = first === 'offerit' ? one : other;

      expect(names(id, twin)).toEqual(['Edited on Offerit (newer)', 'Edited on Offerit (newer)']);
      expect(decided).toMatchObject({
        action: 'update',
        changes: { name: { to: 'Edited on Offerit (newer)' } },
      });
      // The report says which kind of time decided: an observation against an update time.
      const said = [...one.warnings, ...other.warnings].join('\n');
      expect(said).toMatch(
        /newest-wins name: offerit kept the later edit|newest-wins name: offerit/,
      );
      expect(said).toMatch(
        /offerit observed .*offerslook update time|offerslook update time .*offerit observed/,
      );
      expect(await h.pair.conflicts.list()).toEqual([]);
    });
  }

  it('newest-wins: a newer Offerslook edit wins over an Offerit edit offer-sync saw before it', async () => {
    const twin = offerIdOf((await h.sync('offerit', { kind: 'offer', id: '406' })).targetId);
    await rename('offerit', '406', 'Edited on Offerit (older)');
    // A read of Offerit sees the edit (and the Offerslook side unchanged: nothing to keep back).
    await h.sync('offerslook', { kind: 'offer', id: twin });
    expect(h.offerslook.state.store.offers.get(Number(twin))?.name).not.toBe(
      'Edited on Offerit (older)',
    );
    await nextSecond(); // Offerslook's update time counts whole seconds
    await rename('offerslook', twin, 'Edited on Offerslook (newer)');

    const result = await h.sync('offerit', { kind: 'offer', id: '406' });
    await h.sync('offerslook', { kind: 'offer', id: twin });

    expect(result.changes).not.toHaveProperty('name');
    expect(names('406', twin)).toEqual([
      'Edited on Offerslook (newer)',
      'Edited on Offerslook (newer)',
    ]);
    expect(await h.pair.conflicts.list()).toEqual([]);
  });

  it('newest-wins: two edits no time can order go to the manual queue, never settled silently', async () => {
    const twin = offerIdOf((await h.sync('offerit', { kind: 'offer', id: '404' })).targetId);
    // No read of Offerit between these two edits: either may be the later one.
    await rename('offerit', '404', 'Edited on Offerit');
    await rename('offerslook', twin, 'Edited on Offerslook');

    const result = await h.sync('offerit', { kind: 'offer', id: '404' });

    expect(result).toMatchObject({ action: 'conflict' });
    expect(result.reason).toMatch(/name.*newest-wins cannot order the two edits/);
    expect(names('404', twin)).toEqual(['Edited on Offerit', 'Edited on Offerslook']);
    const open = await h.pair.conflicts.list();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      fields: { name: { offerit: 'Edited on Offerit', offerslook: 'Edited on Offerslook' } },
    });
  });
});

describe('conflicts under a manual route', () => {
  let scope: RedisScope;
  let h: PipelineHarness;
  let mappingsDir: string;

  beforeAll(async () => {
    // The shipped mappings with the offer route switched to `conflict: manual`.
    mappingsDir = await mkdtemp(join(tmpdir(), 'offer-sync-manual-'));
    for (const name of await readdir(SHIPPED_MAPPINGS)) {
      const text = await readFile(new URL(name, SHIPPED_MAPPINGS), 'utf8');
      const variant =
        name === 'offer.yaml' ? text.replace(/^conflict: newest-wins$/m, 'conflict: manual') : text;
      if (name === 'offer.yaml' && variant === text)
        throw new Error('offer.yaml no longer says "conflict: newest-wins"');
      await writeFile(join(mappingsDir, name), variant);
    }
    scope = redisScope('pipeline-manual');
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

  it('records the conflict, writes only the other changes, lists it and applies `resolve --keep`', async () => {
    expect(h.pair.mappings.route('offerit', 'offer')?.conflictPolicy).toBe('manual');
    const created = await h.sync('offerit', { kind: 'offer', id: '402' });
    const twin = offerIdOf(created.targetId);
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
    expect(result.conflictId).toMatch(/^[0-9a-f]{10,}$/);
    // The field changed on one side only is written while the conflict waits; the name is not.
    expect(result.changes).toEqual({ payout: { from: decimal('60.00'), to: decimal('65.00') } });
    expect(h.offerslook.state.store.offers.get(Number(twin))).toMatchObject({
      name: 'Casino bonus (Offerslook)',
      payout: decimal('65.00'),
    });

    const listed = await h.cli(['conflicts', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const conflicts = JSON.parse(listed.stdout) as Conflict[];
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      id: result.conflictId,
      offerit: { kind: 'offer', id: '402' },
      offerslook: { kind: 'offer', id: twin },
      fields: {
        name: { offerit: 'Casino bonus (Offerit)', offerslook: 'Casino bonus (Offerslook)' },
      },
    });
    const lines: string[] = [];
    await runConflictsList(conflictScopes(h.app), false, (line) => lines.push(line));
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${result.conflictId}  offer:402 <-> offer:${twin}  since .*  name: offerit "Casino bonus \\(Offerit\\)" / offerslook "Casino bonus \\(Offerslook\\)"$`,
        ),
      ),
    ]);

    // Detected again (nothing resolved yet): still one conflict, nothing written.
    const again = await h.sync('offerit', { kind: 'offer', id: '402' });
    expect(again).toMatchObject({ action: 'conflict', conflictId: result.conflictId, writes: 0 });

    const resolved = await h.cli([
      'conflicts',
      'resolve',
      result.conflictId!,
      '--keep',
      'offerslook',
    ]);
    expect(resolved.code, resolved.stderr).toBe(0);
    expect(resolved.stdout).toContain('kept offerslook');
    expect(h.offerit.state.offers.get('402')?.fields.name).toBe('Casino bonus (Offerslook)');
    expect(await h.pair.conflicts.list()).toEqual([]);

    // Settled both ways.
    const settled = [
      await h.sync('offerit', { kind: 'offer', id: '402' }),
      await h.sync('offerslook', { kind: 'offer', id: twin }),
    ];
    expect(settled.map((entry) => [entry.action === 'conflict', entry.writes])).toEqual([
      [false, 0],
      [false, 0],
    ]);
  });
});
