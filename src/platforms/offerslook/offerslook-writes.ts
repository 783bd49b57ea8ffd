// The writing half of the Offerslook adapter. Records are checked against records.ts before any
// request; the platform judges the rest. An offer's base event is written with a PATCH of event 1.
import type { Logger } from '../../log/logger.js';
import type { EntityKey } from '../entities.js';
import { isPlatformError } from '../errors.js';
import type { CreateOptions, PlatformClient } from '../platform-client.js';
import {
  PLATFORM,
  fits,
  invalidRecord,
  orUndefinedIfMissing,
  readOnly,
  requireOfferId,
  textOf,
} from './adapter-support.js';
import type { OfferslookClient } from './client.js';
import { baseEventChangesFromDefaults, splitOfferChanges } from './offer-view.js';
import {
  createOfferBody,
  createPayoutBody,
  eventBody,
  updateOfferBody,
  type PayoutBodyOptions,
} from './record-bodies.js';
import {
  BASE_EVENT_ID,
  offerslookAffiliatePayoutSchema,
  offerslookOfferEventSchema,
  offerslookOfferSchema,
} from './records.js';

/** What an affiliate payout's PATCH can change; anything else needs a new payout. */
const PAYOUT_PATCHABLE = new Set(['current_payout', 'percent_payout']);
const PAYOUT_IGNORED = new Set(['id', 'offer_id', 'create_time']);

export type OfferslookWrites = Pick<PlatformClient, 'create' | 'update' | 'retire'>;

export function createOfferslookWrites(
  client: OfferslookClient,
  bodyOptions: PayoutBodyOptions,
  logger?: Logger,
): OfferslookWrites {
  return {
    async create(kind, record, createOptions: CreateOptions = {}) {
      switch (kind) {
        case 'offer': {
          fits(offerslookOfferSchema.partial({ id: true }), record, 'create offer');
          const created = await client.createOffer(createOfferBody(record));
          const key: EntityKey = { kind, id: created.offer.id };
          await createOptions.created?.(key);
          const baseEvent = baseEventChangesFromDefaults(
            record.base_event as Record<string, unknown> | undefined,
          );
          if (Object.keys(baseEvent).length > 0) {
            try {
              await client.updateOfferEvent(key.id, BASE_EVENT_ID, eventBody(baseEvent));
            } catch (error) {
              // The offer exists now: failing the create would let a retry make a second one. The
              // base event stays at its defaults until the next update of this offer fixes it.
              logger?.warn(
                {
                  platform: PLATFORM,
                  offerId: key.id,
                  err: isPlatformError(error) ? error.toJSON() : String(error),
                },
                'offerslook: offer created but its base event could not be set',
              );
            }
          }
          return { key };
        }
        case 'goal': {
          const offerId = textOf(record.offer_id) ?? createOptions.offerId;
          if (offerId === undefined) throw invalidRecord('create goal', 'offer_id: is required');
          fits(offerslookOfferEventSchema.partial({ id: true }), record, 'create goal');
          const event = await client.createOfferEvent(offerId, eventBody(record));
          return { key: { kind, id: event.id, offerId } };
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
          const payout = await client.createAffiliatePayout(
            createPayoutBody(withOffer, bodyOptions),
          );
          return { key: { kind, id: payout.id, offerId } };
        }
        case 'affiliate':
          throw readOnly('create');
      }
    },

    async update(key, changes) {
      switch (key.kind) {
        case 'offer': {
          fits(offerslookOfferSchema.partial(), changes, 'update offer');
          const { offer, geo, baseEvent } = splitOfferChanges(changes);
          if (Object.keys(offer).length > 0 || geo !== undefined) {
            await client.updateOffer(key.id, updateOfferBody(offer, geo));
          }
          if (Object.keys(baseEvent).length > 0) {
            await client.updateOfferEvent(key.id, BASE_EVENT_ID, eventBody(baseEvent));
          }
          return { key };
        }
        case 'goal': {
          fits(offerslookOfferEventSchema.partial(), changes, 'update goal');
          const body = eventBody(changes);
          if (Object.keys(body).length > 0)
            await client.updateOfferEvent(requireOfferId(key), key.id, body);
          return { key };
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
          await client.updateAffiliatePayout(key.id, {
            current_payout: text(changes.current_payout),
            percent_payout: text(changes.percent_payout),
          });
          return { key };
        }
        case 'affiliate':
          throw readOnly('update');
      }
    },

    async retire(key) {
      switch (key.kind) {
        case 'offer':
          await client.updateOffer(key.id, { offer: { status: 'paused' } });
          return;
        case 'goal':
          await client.updateOfferEvent(requireOfferId(key), key.id, { status: 'paused' });
          return;
        case 'commission':
          // Already gone (say, a retry after a delete whose answer was lost) is what retiring wants.
          await orUndefinedIfMissing(client.deleteAffiliatePayout(key.id));
          return;
        case 'affiliate':
          throw readOnly('retire');
      }
    },
  };
}
