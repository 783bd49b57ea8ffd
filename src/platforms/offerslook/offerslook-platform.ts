// Offerslook behind the PlatformClient port. Kinds: offer (with offer_geo and the base event's
// settings as `base_event`), goal (offer events other than id 1), commission (affiliate payouts
// with their tier), affiliate (read only). Offers are read whole in one request (`/all`, or 100
// per batch page), written without read-backs, and paused 100 at a time (`retireMany`).
import type { Logger } from '../../log/logger.js';
import type { PlatformClient } from '../platform-client.js';
import { PLATFORM, invalidRecord, textOf } from './adapter-support.js';
import type { OfferslookClient } from './client.js';
import { createOfferslookReads, type OfferslookReads } from './offerslook-reads.js';
import { createOfferslookWrites } from './offerslook-writes.js';

export interface OfferslookPlatformOptions {
  /** `affiliate_tier.user_id` for new payouts whose record has none (the network user). @defaultValue 1 */
  tierUserId?: number;
  /** The network's time zone for tier dates, in minutes east of UTC. @defaultValue 0 */
  tierUtcOffsetMinutes?: number;
  logger?: Logger;
}

export function createOfferslookPlatform(
  client: OfferslookClient,
  options: OfferslookPlatformOptions = {},
): PlatformClient & Pick<OfferslookReads, 'search'> {
  const reads = createOfferslookReads(client, options.logger);
  const writes = createOfferslookWrites(client, {
    tierUserId: options.tierUserId ?? 1,
    tierUtcOffsetMinutes: options.tierUtcOffsetMinutes ?? 0,
  });
  return {
    platform: PLATFORM,
    ping: () => client.ping(),
    get: (key) => reads.get(key),
    // A search with nothing to match is the whole list.
    list: (kind, listOptions) => reads.search(kind, {}, listOptions),
    search: (kind, match, searchOptions) => reads.search(kind, match, searchOptions),
    keyOf(kind, record) {
      const id = textOf(record.id);
      if (id === undefined) throw invalidRecord(`keyOf ${kind}`, 'id: is required');
      if (kind === 'offer' || kind === 'affiliate') return { kind, id };
      const offerId = textOf(record.offer_id);
      if (offerId === undefined) throw invalidRecord(`keyOf ${kind}`, 'offer_id: is required');
      return { kind, id, offerId };
    },
    ...writes,
  };
}
