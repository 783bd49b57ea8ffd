// Retiring many entities at once. Offers are paused 100 per request with
// `PATCH /v1/batches/offers/{ids}?status=paused` (contract v2; OfferSync chunks by 90); other kinds
// have no batch endpoint and are retired one by one. Every key gets an outcome; one chunk's
// failure fails only that chunk's keys.
//
// The batch answer is a bare success envelope: it does not say which ids existed. A key whose
// offer no longer exists therefore reports `ok` (the sandbox, too, skips unknown ids and answers
// success); whether a vanished twin matters is the caller's concern, as with `retire`.
import type { EntityKey, EntityKind } from '../../vocabulary/index.js';
import type { RetireOutcome } from '../platform-client.js';
import { invalidRecord } from './adapter-support.js';
import type { OfferslookClient } from './client.js';
import { BATCH_LIMIT } from './wire/index.js';

export function createRetireMany(
  client: OfferslookClient,
  retireOne: (key: EntityKey) => Promise<void>,
): (kind: EntityKind, keys: readonly EntityKey[]) => Promise<RetireOutcome[]> {
  return async (kind, keys) => {
    type Result = { ok: true } | { ok: false; error: unknown };
    const results = new Map<EntityKey, Result>();
    const batched: EntityKey[] = [];
    for (const key of keys) {
      if (key.kind !== kind) {
        results.set(key, {
          ok: false,
          error: invalidRecord(`retire ${kind}`, `${key.kind} ${key.id}: not a ${kind}`),
        });
      } else if (kind === 'offer' && !/^\d+$/.test(key.id)) {
        results.set(key, {
          ok: false,
          error: invalidRecord('retire offer', `id ${key.id}: not numeric`),
        });
      } else if (kind === 'offer') {
        batched.push(key);
      } else {
        try {
          await retireOne(key);
          results.set(key, { ok: true });
        } catch (error) {
          results.set(key, { ok: false, error });
        }
      }
    }
    // The same offer twice in one call is paused once.
    const ids = [...new Set(batched.map((key) => key.id))];
    const byId = new Map<string, Result>();
    for (let start = 0; start < ids.length; start += BATCH_LIMIT) {
      const chunk = ids.slice(start, start + BATCH_LIMIT);
      let result: Result = { ok: true };
      try {
        await client.setOffersStatus(chunk, 'paused');
      } catch (error) {
        result = { ok: false, error };
      }
      for (const id of chunk) byId.set(id, result);
    }
    return keys.map((key) => ({ key, ...(results.get(key) ?? byId.get(key.id)!) }));
  };
}
