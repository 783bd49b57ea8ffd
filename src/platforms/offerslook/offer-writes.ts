// Writing an offer: a POST or PUT of the offer (with its geo), and a PATCH of event 1 for the base
// event's settings. Nothing is read back: POST and PUT answer the offer, the PATCH answers event
// 1, and the view is composed from those answers (offer-view.ts), from a new offer's documented
// base-event defaults, and, for an update, from `current`, the offer as the caller last read it.
// Each answer is checked to show what was sent (applied-check.ts).
import type { EntityKey, PlatformRecord } from '../../vocabulary/index.js';
import type { CreateOptions, Written } from '../platform-client.js';
import { checked, fits } from './adapter-support.js';
import { assertApplied, assertGeoApplied } from './applied-check.js';
import type { OfferslookClient } from './client.js';
import {
  BASE_EVENT_DEFAULTS,
  baseEventChangesFromDefaults,
  baseEventView,
  normalizeEvent,
  offerView,
  splitOfferChanges,
  type BaseEventView,
} from './offer-view.js';
import { createOfferBody, eventQuery, updateOfferBody } from './record-bodies.js';
import { BASE_EVENT_ID, offerslookOfferSchema } from './records.js';
import {
  offerGeoWireSchema,
  type OfferslookOfferData,
  type OfferslookOfferGeo,
} from './wire/index.js';

type Fields = Record<string, unknown>;

export interface OfferWrites {
  create(record: PlatformRecord, options?: CreateOptions): Promise<Written>;
  update(key: EntityKey, changes: PlatformRecord, current?: PlatformRecord): Promise<Written>;
}

export function createOfferWrites(client: OfferslookClient): OfferWrites {
  /** PATCHes event 1 and answers its view; throws PROTOCOL when the answer ignores a field. */
  async function patchBaseEvent(offerId: string, changes: Fields): Promise<BaseEventView> {
    const operation = 'PATCH /v1/offers/{id}/offer_events/{event_id}';
    const query = eventQuery(changes, 'update offer base_event');
    const event = await client.updateOfferEvent(offerId, BASE_EVENT_ID, query);
    assertApplied(`${operation} (offer ${offerId}, event 1)`, query, normalizeEvent(event));
    return baseEventView(event);
  }

  /** Checks that a POST or PUT answer shows the offer fields and geo sent. */
  function checkOfferAnswer(
    operation: string,
    body: { offer?: Fields | undefined; offer_geo?: unknown },
    data: OfferslookOfferData,
  ): void {
    assertApplied(operation, body.offer ?? {}, data.offer);
    assertGeoApplied(operation, geoOf(body.offer_geo), data.offer_geo ?? data.offer.offer_geo);
  }

  return {
    async create(record, options = {}) {
      fits(offerslookOfferSchema.partial({ id: true }), record, 'create offer');
      const body = createOfferBody(record);
      const created = await client.createOffer(body);
      const key: EntityKey = { kind: 'offer', id: created.offer.id };
      // Before anything else can fail: the offer exists now, whatever follows.
      await options.created?.(key);
      checkOfferAnswer(`POST /v1/offers (created offer ${key.id})`, body, created);
      // The POST answer has no events: a new offer's base event has the documented defaults,
      // changed by the PATCH below where the record wants other settings.
      let baseEvent: BaseEventView = { ...BASE_EVENT_DEFAULTS };
      const changes = baseEventChangesFromDefaults(record.base_event as Fields | undefined);
      // A failure here fails the create, though the offer exists: the caller was told its key
      // (`created`), so its retry adopts this offer and writes only what is still missing.
      if (Object.keys(changes).length > 0) {
        baseEvent = { ...baseEvent, ...(await patchBaseEvent(key.id, changes)) };
      }
      return { key, record: view(created, undefined, baseEvent) };
    },

    async update(key, changes, current) {
      fits(offerslookOfferSchema.partial(), changes, 'update offer');
      const { offer, geo, baseEvent } = splitOfferChanges(changes);
      let answered: OfferslookOfferData | undefined;
      if (Object.keys(offer).length > 0 || geo !== undefined) {
        const body = updateOfferBody(offer, geo);
        answered = await client.updateOffer(key.id, body);
        checkOfferAnswer(`PUT /v1/offers/${key.id}`, body, answered);
      }
      let base = current?.base_event as BaseEventView | undefined;
      if (Object.keys(baseEvent).length > 0) base = await patchBaseEvent(key.id, baseEvent);

      // The whole view needs the offer part (the PUT answer, else `current`) and the base event
      // (the PATCH answer, else `current`); without them the caller reads the offer.
      if (base === undefined) return { key };
      if (answered !== undefined) {
        // A PUT answer without geo: the geo sent, else the geo the offer had.
        const writtenGeo =
          geo === undefined ? undefined : geoOf(updateOfferBody({}, geo).offer_geo);
        const keptGeo = current?.offer_geo as OfferslookOfferGeo | undefined;
        return { key, record: view(answered, writtenGeo ?? keptGeo, base) };
      }
      if (current === undefined) return { key };
      return {
        key,
        record: checked(offerslookOfferSchema, { ...current, base_event: base }, 'offer'),
      };
    },
  };
}

/** The view after a POST or PUT answer: its geo, else `fallbackGeo`, and the base event given. */
function view(
  data: OfferslookOfferData,
  fallbackGeo: OfferslookOfferGeo | undefined,
  baseEvent: BaseEventView,
): PlatformRecord {
  const geo = data.offer_geo ?? data.offer.offer_geo ?? fallbackGeo;
  return checked(offerslookOfferSchema, offerView(data.offer, geo, baseEvent), 'offer');
}

/** The view of a geo as a request sent it. */
function geoOf(body: unknown): OfferslookOfferGeo | undefined {
  if (body === undefined) return undefined;
  const parsed = offerGeoWireSchema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}
