// Bull Board's link out of a job: the console's page of the entity a sync job or dead letter
// synced from, or of the run a reconcile job made; nothing for anything else.
import { describe, expect, it } from 'vitest';
import { consoleJobUrl } from '../../../../src/ingress/dashboard/console-links.js';

describe('consoleJobUrl', () => {
  it("links a sync job to its source entity's page", () => {
    expect(
      consoleJobUrl({ data: { source: 'partner-a', kind: 'goal', id: '48', offerId: '400' } }),
    ).toEqual({
      href: '/console/entities/partner-a/goal/400/48',
      displayText: 'console: partner-a:goal:400/48',
    });
  });

  it('links a dead letter through its payload, and a reconcile job to its run', () => {
    expect(
      consoleJobUrl({
        data: {
          connection: 'offerslook',
          payload: { source: 'offerit', kind: 'offer', id: '400' },
        },
      })?.href,
    ).toBe('/console/entities/offerit/offer/400');
    expect(consoleJobUrl({ data: {}, returnvalue: { runId: 'r-1' } })?.href).toBe(
      '/console/runs/r-1',
    );
  });

  it('gives no link for jobs it cannot read', () => {
    expect(consoleJobUrl({ data: { source: 'offerit', kind: 'goal', id: '48' } })).toBeUndefined();
    expect(
      consoleJobUrl({ data: { source: 'Not A Name', kind: 'offer', id: '1' } }),
    ).toBeUndefined();
    expect(consoleJobUrl({ data: null })).toBeUndefined();
  });
});
