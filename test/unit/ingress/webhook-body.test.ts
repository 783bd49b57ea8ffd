import { describe, expect, it } from 'vitest';
import { parseWebhookBody } from '../../../src/ingress/index.js';

function issuesOf(value: unknown): Record<string, string> {
  const result = parseWebhookBody(value);
  if (result.ok) throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
  return Object.fromEntries(result.issues.map((issue) => [issue.path, issue.message]));
}

describe('parseWebhookBody', () => {
  it('accepts offers, goals and commissions, keeping ids as text', () => {
    expect(parseWebhookBody({ entity: 'offer', id: '400', event: 'updated' })).toEqual({
      ok: true,
      body: { entity: 'offer', id: '400', event: 'updated' },
    });
    expect(parseWebhookBody({ entity: 'goal', id: 48, offerId: 400 })).toEqual({
      ok: true,
      body: { entity: 'goal', id: '48', offerId: '400' },
    });
    expect(
      parseWebhookBody({ entity: 'commission', id: '59', offerId: '400', extra: 'ignored' }),
    ).toEqual({
      ok: true,
      body: { entity: 'commission', id: '59', offerId: '400' },
    });
  });

  it('says which field is wrong and why', () => {
    expect(issuesOf({})).toEqual({ entity: 'is required', id: 'is required' });
    expect(issuesOf({ entity: 'affiliate', id: '3' })).toEqual({
      entity: 'expected one of offer, goal, commission, got "affiliate"',
    });
    expect(issuesOf({ entity: 'offer', id: 4.5 })).toEqual({
      id: 'expected a string id such as "400", got number 4.5',
    });
    // Platform ids are digits: `.` and `..` would walk request paths to other endpoints.
    for (const id of ['', '.', '..', 'a/b', '1.5', '-1', '12a', ' 12', '1'.repeat(21), '%2e']) {
      expect(issuesOf({ entity: 'offer', id }), id).toEqual({
        id: `expected digits only (a platform id such as "400"), got ${JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}...` : id)}`,
      });
      expect(issuesOf({ entity: 'goal', id: '48', offerId: id }), id).toEqual({
        offerId: expect.stringMatching(/^expected digits only/),
      });
    }
    expect(issuesOf({ entity: 'offer', id: '1', event: 7 })).toEqual({
      event: expect.stringMatching(/got number 7/),
    });
  });

  it('requires offerId for goals and commissions, and refuses it for offers', () => {
    expect(issuesOf({ entity: 'goal', id: '48' })).toEqual({
      offerId: 'is required for a goal (it lives under an offer)',
    });
    expect(issuesOf({ entity: 'commission', id: '59' })).toEqual({
      offerId: 'is required for a commission (it lives under an offer)',
    });
    expect(issuesOf({ entity: 'offer', id: '400', offerId: '400' })).toEqual({
      offerId: 'only goals and commissions take an offerId',
    });
  });

  it('rejects bodies that are not objects', () => {
    expect(issuesOf([])).toEqual({ '(body)': 'expected a JSON object, got an array' });
    expect(issuesOf(null)).toEqual({ '(body)': 'expected a JSON object, got null' });
    expect(issuesOf('offer')).toEqual({ '(body)': 'expected a JSON object, got "offer"' });
  });
});
