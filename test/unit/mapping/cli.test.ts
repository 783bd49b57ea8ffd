// `mappings check` and `mappings preview`, driven through their run functions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMappingsCheck, runMappingsPreview } from '../../../src/cli/commands/mappings.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) },
    out,
    err,
  };
}

const scratch = mkdtempSync(join(tmpdir(), 'mappings-cli-'));
function recordFile(name: string, record: unknown): string {
  const file = join(scratch, name);
  writeFileSync(file, JSON.stringify(record));
  return file;
}

describe('mappings check', () => {
  it('prints every route with its coverage and lossy fields, and exits 0', async () => {
    const { io, out, err } = capture();
    expect(await runMappingsCheck({ dir: 'mappings' }, io)).toBe(0);
    expect(err).toEqual([]);
    expect(out).toContain(
      'offerit.offer->offerslook.offer  (mappings/offer.yaml, both directions)',
    );
    expect(out).toContain(
      'offerslook.offer->offerit.offer  (mappings/offer.yaml, reverse of offerit.offer->offerslook.offer)',
    );
    expect(out).toContain('    featured: Offerslook offers have no featured flag');
    expect(out).toContain(
      '  required on create: name, advertiser_id, offer_approval, revenue_type, payout_type - all covered',
    );
    expect(out.at(-1)).toBe('6 routes OK in mappings');
  });

  it('prints every error with file:line:col and exits 1', async () => {
    const { io, out, err } = capture();
    expect(await runMappingsCheck({ dir: 'test/fixtures/mappings/broken' }, io)).toBe(1);
    expect(out).toEqual([]);
    expect(err).toContain(
      'test/fixtures/mappings/broken/typo-source-field.yaml:10:11: rule "payout": unknown source field "flat_amount_per_conversoin" of offerit.offer (expected a field of offerit.offer); did you mean "flat_amount_per_conversion"?',
    );
    expect(err.at(-1)).toMatch(/^\d+ mapping errors in test\/fixtures\/mappings\/broken$/);
    expect(
      err
        .slice(0, -1)
        .every((line) => /^test\/fixtures\/mappings\/broken\/[a-z-]+\.yaml:\d+:\d+: /.test(line)),
    ).toBe(true);
  });

  it('fails on a folder that does not exist', async () => {
    const { io, err } = capture();
    expect(await runMappingsCheck({ dir: join(scratch, 'nowhere') }, io)).toBe(1);
    expect(err[0]).toMatch(/cannot read the mappings folder/);
  });
});

describe('mappings preview', () => {
  it('prints the mapped record, its issues and lossy fields, and the reverse mapping', async () => {
    const { io, out } = capture();
    const file = recordFile('offer.json', {
      offerid: '400',
      name: 'API TEST Offer',
      url: 'http://example.com/?id=%%click_hash%%',
      advertiserid: 1,
      advertiser_cost_type: 'conversion',
      commission_type: '201',
      flat_amount_per_continuity: 5,
    });
    expect(
      await runMappingsPreview(
        {
          dir: 'mappings',
          route: 'offerit.offer -> offerslook.offer',
          record: file,
          now: '2024-01-01T00:00:00Z',
        },
        io,
      ),
    ).toBe(1);
    const text = out.join('\n');
    expect(text).toContain(
      'note: link lookups (offer, goal, affiliate, advertiser ids) use an identity resolver',
    );
    expect(text).toContain('"destination_url": "http://example.com/?id={click_id}"');
    expect(text).toContain('"advertiser_id": "1"');
    expect(text).toContain(
      'payout_type UNMAPPABLE: commission_type "201" has no twin in payout_type',
    );
    expect(text).toContain(
      'flat_amount_per_continuity: Offerslook has no continuity (rebill) payout',
    );
    expect(text).toContain('reverse (offerslook.offer->offerit.offer) of the mapped record:');
    expect(text).toContain('"url": "http://example.com/?id=%%click_hash%%"');
  });

  it('unwraps an Offerslook answer and exits 0 when nothing is wrong', async () => {
    const { io, out } = capture();
    const file = recordFile('event.json', {
      code: 0,
      message: 'Success',
      data: {
        offer_event: { id: 10, offer_id: 102, name: 'Lead', payout_type: 'CPA', payout: '2.1' },
      },
    });
    expect(
      await runMappingsPreview(
        { dir: 'mappings', route: 'offerslook.offer_event->offerit.goal', record: file },
        io,
      ),
    ).toBe(0);
    expect(out.join('\n')).toContain('"commission_type": "flat"');
  });

  it('names the nearest route on a typo and exits 2', async () => {
    const { io, err } = capture();
    const file = recordFile('x.json', {});
    expect(
      await runMappingsPreview(
        { dir: 'mappings', route: 'offerit.offer->offerslook.offers', record: file },
        io,
      ),
    ).toBe(2);
    expect(err[0]).toBe(
      'unknown route "offerit.offer->offerslook.offers"; did you mean "offerit.offer->offerslook.offer"?',
    );
  });
});
