// The entities offer-sync keeps in step, and how each platform names them.
import type { PlatformName } from './index.js';

/** Logical kinds, shared by both platforms (webhook bodies and job payloads use these). */
export type EntityKind = 'offer' | 'goal' | 'commission' | 'affiliate';
export const ENTITY_KINDS: readonly EntityKind[] = ['offer', 'goal', 'commission', 'affiliate'];

/** Each platform's own name for a kind; mapping routes use `<platform>.<entity>`. */
export const ENTITY_NAMES: Readonly<Record<PlatformName, Readonly<Record<EntityKind, string>>>> = {
  offerit: {
    offer: 'offer',
    goal: 'goal',
    commission: 'commission_change',
    affiliate: 'affiliate',
  },
  offerslook: {
    offer: 'offer',
    goal: 'offer_event',
    commission: 'affiliate_payout',
    affiliate: 'affiliate',
  },
};

/**
 * Identifies one entity on one platform. Goals and commissions live under an offer, so their
 * key carries the offer id too; `id` alone is unique only within that offer.
 */
export interface EntityKey {
  kind: EntityKind;
  id: string;
  offerId?: string;
}

/** `offer:400`, `goal:400/48`: stable text for job ids, link keys and logs. */
export function formatEntityKey(key: EntityKey): string {
  return key.offerId === undefined
    ? `${key.kind}:${key.id}`
    : `${key.kind}:${key.offerId}/${key.id}`;
}

export function parseEntityKey(text: string): EntityKey | undefined {
  const match = /^(offer|goal|commission|affiliate):(?:([^/:]+)\/)?([^/:]+)$/.exec(text);
  if (!match) return undefined;
  const key: EntityKey = { kind: match[1] as EntityKind, id: match[3]! };
  if (match[2] !== undefined) key.offerId = match[2];
  return key;
}

/** A platform record in its entity-view shape (see each platform's `records.ts`). */
export type PlatformRecord = Record<string, unknown>;
