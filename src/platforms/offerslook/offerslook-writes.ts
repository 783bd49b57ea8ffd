// The writing half of the Offerslook adapter. Records are checked against records.ts before any
// request; the platform judges the rest. Every write answers the entity it wrote, so each returns
// the entity's view composed from its answers, never from a read-back; and each answer is checked
// to show what was sent (applied-check.ts). Offers: offer-writes.ts; many offers: retire-many.ts.
import type { CreateOptions, PlatformClient } from '../platform-client.js';
import {
  checked,
  fits,
  invalidRecord,
  orUndefinedIfMissing,
  readOnly,
  requireOfferId,
  textOf,
} from './adapter-support.js';
import { assertApplied } from './applied-check.js';
import type { OfferslookClient } from './client.js';
import { viewOfGoal } from './entity-views.js';
import { createOfferWrites } from './offer-writes.js';
import { normalizeEvent } from './offer-view.js';
import {
  createPayoutBody,
  eventBody,
  eventQuery,
  type PayoutBodyOptions,
} from './record-bodies.js';
import { offerslookAffiliatePayoutSchema, offerslookOfferEventSchema } from './records.js';
import { createRetireMany } from './retire-many.js';

/** What an affiliate payout's PATCH can change; anything else needs a new payout. */
const PAYOUT_PATCHABLE = new Set(['current_payout', 'percent_payout']);
const PAYOUT_IGNORED = new Set(['id', 'offer_id', 'create_time']);

export type OfferslookWrites = Pick<PlatformClient, 'create' | 'update' | 'retire'> &
  Required<Pick<PlatformClient, 'retireMany'>>;

export function createOfferslookWrites(
  client: OfferslookClient,
  bodyOptions: PayoutBodyOptions,
): OfferslookWrites {
  const offers = createOfferWrites(client);

  const writes: OfferslookWrites = {
    async create(kind, record, createOptions: CreateOptions = {}) {
      switch (kind) {
        case 'offer':
          return offers.create(record, createOptions);
        case 'goal': {
          const offerId = textOf(record.offer_id) ?? createOptions.offerId;
          if (offerId === undefined) throw invalidRecord('create goal', 'offer_id: is required');
          fits(offerslookOfferEventSchema.partial({ id: true }), record, 'create goal');
          const body = eventBody(record);
          const event = await client.createOfferEvent(offerId, body);
          const operation = `POST /v1/offers/${offerId}/offer_events (created event ${event.id})`;
          assertApplied(operation, body, normalizeEvent(event));
          return { key: { kind, id: event.id, offerId }, record: viewOfGoal(event) };
        }
        case 'commission': {
          const offerId = textOf(record.offer_id) ?? createOptions.offerId;
          if (offerId === undefined)
            throw invalidRecord('create commission', 'offer_id: is required');
          const withOffer = { ...record, offer_id: offerId };
          fits(
            offerslookAffiliatePayoutSchema.partial({ id: true }),
            withOffer,
            'create commission',
          );
          const body = createPayoutBody(withOffer, bodyOptions);
          const payout = await client.createAffiliatePayout(body);
          const operation = `POST /v1/affiliate_payouts (created payout ${payout.id})`;
          assertApplied(operation, body.affiliate_payout, payout);
          return {
            key: { kind, id: payout.id, offerId },
            record: checked(offerslookAffiliatePayoutSchema, payout, 'commission'),
          };
        }
        case 'affiliate':
          throw readOnly('create');
      }
    },

    async update(key, changes, current) {
      switch (key.kind) {
        case 'offer':
          return offers.update(key, changes, current);
        case 'goal': {
          fits(offerslookOfferEventSchema.partial(), changes, 'update goal');
          const offerId = requireOfferId(key);
          const query = eventQuery(changes, 'update goal');
          if (Object.keys(query).length === 0) return { key };
          const event = await client.updateOfferEvent(offerId, key.id, query);
          assertApplied(
            `PATCH /v1/offers/${offerId}/offer_events/${key.id}`,
            query,
            normalizeEvent(event),
          );
          return { key, record: viewOfGoal(event) };
        }
        case 'commission': {
          fits(offerslookAffiliatePayoutSchema.partial(), changes, 'update commission');
          const fields = Object.keys(changes).filter((field) => !PAYOUT_IGNORED.has(field));
          const other = fields.filter((field) => !PAYOUT_PATCHABLE.has(field));
          if (other.length > 0) {
            throw invalidRecord(
              'update commission',
              `${other.join(', ')}: an affiliate payout can only change current_payout and percent_payout`,
            );
          }
          if (fields.length === 0) return { key };
          const text = (value: unknown) =>
            typeof value === 'number' ? String(value) : (value as string | undefined);
          const query = {
            current_payout: text(changes.current_payout),
            percent_payout: text(changes.percent_payout),
          };
          const payout = await client.updateAffiliatePayout(key.id, query);
          assertApplied(`PATCH /v1/affiliate_payouts/${key.id}`, query, payout);
          // The PATCH answers the payout without its tier, which it cannot change: the tier is
          // the one `current` has (none there is none), and without `current` it is unknown.
          if (current === undefined) return { key };
          const tier = current.affiliate_tier;
          const record = tier === undefined ? payout : { ...payout, affiliate_tier: tier };
          return { key, record: checked(offerslookAffiliatePayoutSchema, record, 'commission') };
        }
        case 'affiliate':
          throw readOnly('update');
      }
    },

    async retire(key) {
      switch (key.kind) {
        case 'offer': {
          const data = await client.updateOffer(key.id, { offer: { status: 'paused' } });
          assertApplied(`PUT /v1/offers/${key.id}`, { status: 'paused' }, data.offer);
          return;
        }
        case 'goal': {
          const offerId = requireOfferId(key);
          const event = await client.updateOfferEvent(offerId, key.id, { status: 'paused' });
          assertApplied(
            `PATCH /v1/offers/${offerId}/offer_events/${key.id}`,
            { status: 'paused' },
            event,
          );
          return;
        }
        case 'commission':
          // Already gone (say, a retry after a delete whose answer was lost) is what retiring wants.
          await orUndefinedIfMissing(client.deleteAffiliatePayout(key.id));
          return;
        case 'affiliate':
          throw readOnly('retire');
      }
    },

    retireMany: (kind, keys) => retireMany(kind, keys),
  };
  const retireMany = createRetireMany(client, (key) => writes.retire(key));
  return writes;
}
