// Offerslook behind the PlatformClient port. Kinds: offer (with offer_geo and the base event's
// settings as `base_event`), goal (offer events other than id 1), commission (affiliate payouts
// with their tier), affiliate (read only). Every record handed out is checked against records.ts.
import type { z } from 'zod';
import type { Logger } from '../../log/logger.js';
import type { EntityKey, EntityKind, PlatformRecord } from '../entities.js';
import { PlatformError, isPlatformError } from '../errors.js';
import type { ListOptions, PlatformClient } from '../platform-client.js';
import type { OfferslookClient } from './client.js';
import {
  baseEventChangesFromDefaults,
  normalizeEvent,
  offerView,
  splitOfferChanges,
} from './offer-view.js';
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
  offerslookAffiliateSchema,
  offerslookOfferEventSchema,
  offerslookOfferSchema,
} from './records.js';
import type { OfferslookOfferEventWire, OfferslookOfferWire } from './wire/index.js';

export interface OfferslookPlatformOptions {
  /** `affiliate_tier.user_id` for new payouts whose record has none (the network user). @defaultValue 1 */
  tierUserId?: number;
  /** The network's time zone for tier dates, in minutes east of UTC. @defaultValue 0 */
  tierUtcOffsetMinutes?: number;
  logger?: Logger;
}

const PLATFORM = 'offerslook';
/** What an affiliate payout's PATCH can change; anything else needs a new payout. */
const PAYOUT_PATCHABLE = new Set(['current_payout', 'percent_payout']);
const PAYOUT_IGNORED = new Set(['id', 'offer_id', 'create_time']);

export function createOfferslookPlatform(
  client: OfferslookClient,
  options: OfferslookPlatformOptions = {},
): PlatformClient {
  const bodyOptions: PayoutBodyOptions = {
    tierUserId: options.tierUserId ?? 1,
    tierUtcOffsetMinutes: options.tierUtcOffsetMinutes ?? 0,
  };

  async function baseEventOf(offerId: string): Promise<OfferslookOfferEventWire | undefined> {
    // Listed by +id, so event 1 is on the first page.
    for await (const event of client.iterateOfferEvents(offerId))
      if (event.id === BASE_EVENT_ID) return event;
    return undefined;
  }

  async function viewOfOffer(offer: OfferslookOfferWire): Promise<PlatformRecord> {
    return checked(
      offerslookOfferSchema,
      offerView(offer, undefined, await baseEventOf(offer.id)),
      'offer',
    );
  }

  async function* goalsOf(offerId: string): AsyncGenerator<PlatformRecord> {
    for await (const event of orNothingIfMissing(client.iterateOfferEvents(offerId))) {
      if (event.id !== BASE_EVENT_ID)
        yield checked(offerslookOfferEventSchema, normalizeEvent(event), 'goal');
    }
  }

  const platform: PlatformClient = {
    platform: PLATFORM,

    ping: () => client.ping(),

    async get(key) {
      switch (key.kind) {
        case 'offer': {
          const data = await orUndefinedIfMissing(client.getOffer(key.id));
          if (!data) return undefined;
          const view = offerView(data.offer, data.offer_geo, await baseEventOf(key.id));
          return checked(offerslookOfferSchema, view, 'offer');
        }
        case 'goal': {
          if (key.id === BASE_EVENT_ID) return undefined;
          for await (const goal of goalsOf(requireOfferId(key)))
            if (goal.id === key.id) return goal;
          return undefined;
        }
        case 'commission': {
          const rows = client.iterateAffiliatePayouts({ id: { EQUAL_TO: key.id } });
          for await (const row of rows) {
            if (row.id === key.id && (key.offerId === undefined || row.offer_id === key.offerId)) {
              return checked(offerslookAffiliatePayoutSchema, row, 'commission');
            }
          }
          return undefined;
        }
        case 'affiliate': {
          for await (const row of client.iterateAffiliates({ id: { EQUAL_TO: key.id } })) {
            if (row.id === key.id) return checked(offerslookAffiliateSchema, row, 'affiliate');
          }
          return undefined;
        }
      }
    },

    async *list(kind, listOptions: ListOptions = {}) {
      const { offerId } = listOptions;
      switch (kind) {
        case 'offer':
          for await (const offer of client.iterateOffers()) yield await viewOfOffer(offer);
          return;
        case 'goal':
          if (offerId !== undefined) {
            yield* goalsOf(offerId);
            return;
          }
          for await (const offer of client.iterateOffers()) yield* goalsOf(offer.id);
          return;
        case 'commission': {
          const filters = offerId === undefined ? undefined : { offer_id: { EQUAL_TO: offerId } };
          for await (const row of client.iterateAffiliatePayouts(filters)) {
            if (offerId === undefined || row.offer_id === offerId) {
              yield checked(offerslookAffiliatePayoutSchema, row, 'commission');
            }
          }
          return;
        }
        case 'affiliate':
          for await (const row of client.iterateAffiliates())
            yield checked(offerslookAffiliateSchema, row, 'affiliate');
          return;
      }
    },

    keyOf(kind, record) {
      const id = textOf(record.id);
      if (id === undefined) throw invalidRecord(`keyOf ${kind}`, 'id: is required');
      if (kind === 'offer' || kind === 'affiliate') return { kind, id };
      const offerId = textOf(record.offer_id);
      if (offerId === undefined) throw invalidRecord(`keyOf ${kind}`, 'offer_id: is required');
      return { kind, id, offerId };
    },

    async create(kind, record, createOptions: ListOptions = {}) {
      switch (kind) {
        case 'offer': {
          fits(offerslookOfferSchema.partial({ id: true }), record, 'create offer');
          const created = await client.createOffer(createOfferBody(record));
          const key: EntityKey = { kind, id: created.offer.id };
          const baseEvent = baseEventChangesFromDefaults(
            record.base_event as Record<string, unknown> | undefined,
          );
          if (Object.keys(baseEvent).length > 0) {
            try {
              await client.updateOfferEvent(key.id, BASE_EVENT_ID, eventBody(baseEvent));
            } catch (error) {
              // The offer exists now: failing the create would let a retry make a second one. The
              // base event stays at its defaults until the next update of this offer fixes it.
              options.logger?.warn(
                {
                  platform: PLATFORM,
                  offerId: key.id,
                  err: isPlatformError(error) ? error.toJSON() : String(error),
                },
                'offerslook: offer created but its base event could not be set',
              );
            }
          }
          return key;
        }
        case 'goal': {
          const offerId = textOf(record.offer_id) ?? createOptions.offerId;
          if (offerId === undefined) throw invalidRecord('create goal', 'offer_id: is required');
          fits(offerslookOfferEventSchema.partial({ id: true }), record, 'create goal');
          const event = await client.createOfferEvent(offerId, eventBody(record));
          return { kind, id: event.id, offerId };
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
          return { kind, id: payout.id, offerId };
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
          return;
        }
        case 'goal': {
          fits(offerslookOfferEventSchema.partial(), changes, 'update goal');
          const body = eventBody(changes);
          if (Object.keys(body).length > 0)
            await client.updateOfferEvent(requireOfferId(key), key.id, body);
          return;
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
          if (fields.length === 0) return;
          const text = (value: unknown) =>
            typeof value === 'number' ? String(value) : (value as string | undefined);
          await client.updateAffiliatePayout(key.id, {
            current_payout: text(changes.current_payout),
            percent_payout: text(changes.percent_payout),
          });
          return;
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
  return platform;
}

/** Validates a record handed out; a mismatch means the platform answered something unexpected. */
function checked(schema: z.ZodType, value: unknown, kind: EntityKind): PlatformRecord {
  const result = schema.safeParse(value);
  if (result.success) return result.data as PlatformRecord;
  throw new PlatformError('PROTOCOL', `${PLATFORM} ${kind} record: ${firstIssue(result.error)}`, {
    platform: PLATFORM,
    operation: `read ${kind}`,
  });
}

/** Validates a record handed in; a mismatch is a permanent VALIDATION error before any request. */
function fits(schema: z.ZodType, record: unknown, operation: string): void {
  const result = schema.safeParse(record);
  if (!result.success) throw invalidRecord(operation, firstIssue(result.error));
}

function invalidRecord(operation: string, problem: string): PlatformError {
  return new PlatformError('VALIDATION', `${PLATFORM} ${operation}: ${problem}`, {
    platform: PLATFORM,
    operation,
    platformMessage: problem,
  });
}

function readOnly(operation: string): PlatformError {
  return invalidRecord(
    `${operation} affiliate`,
    'Offerslook affiliates are read only here (matched by e-mail)',
  );
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'invalid record';
}

function requireOfferId(key: EntityKey): string {
  if (key.offerId === undefined)
    throw invalidRecord(`${key.kind} ${key.id}`, 'the key needs an offerId');
  return key.offerId;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

async function orUndefinedIfMissing<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (isPlatformError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

async function* orNothingIfMissing<T>(rows: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* rows;
  } catch (error) {
    if (isPlatformError(error) && error.code === 'NOT_FOUND') return;
    throw error;
  }
}
