// Which record schema describes `<platform>.<entity>`, and what each platform needs on create.
import type { z } from 'zod';
import type { PlatformName } from '../../vocabulary/index.js';
import {
  offeritAffiliateSchema,
  offeritCommissionChangeSchema,
  offeritGoalSchema,
  offeritOfferSchema,
} from '../../platforms/offerit/records.js';
import {
  offerslookAffiliatePayoutSchema,
  offerslookAffiliateSchema,
  offerslookOfferEventSchema,
  offerslookOfferSchema,
} from '../../platforms/offerslook/records.js';
import { buildEntityCatalog, type EntityCatalog } from './field-catalog.js';

/** Looks up the record schema of a platform entity (by the platform's own entity name). */
export type SchemaSource = (platform: PlatformName, entity: string) => z.ZodType | undefined;

const RECORD_SCHEMAS: Record<PlatformName, Record<string, z.ZodType>> = {
  offerit: {
    offer: offeritOfferSchema,
    goal: offeritGoalSchema,
    commission_change: offeritCommissionChangeSchema,
    affiliate: offeritAffiliateSchema,
  },
  offerslook: {
    offer: offerslookOfferSchema,
    offer_event: offerslookOfferEventSchema,
    affiliate_payout: offerslookAffiliatePayoutSchema,
    affiliate: offerslookAffiliateSchema,
  },
};

export const platformRecordSchemas: SchemaSource = (platform, entity) =>
  RECORD_SCHEMAS[platform][entity];

/**
 * Fields a platform refuses to create an entity without (contract section 2 and the seeds'
 * "Nullable: No"/"required"). The record schemas mark most fields optional because reads may
 * omit them, so "required" for a mapping comes from here.
 */
export const REQUIRED_ON_CREATE: Record<PlatformName, Record<string, readonly string[]>> = {
  offerit: {
    offer: ['name', 'url'],
    goal: ['name'],
    commission_change: ['offerid', 'type'],
    affiliate: [],
  },
  offerslook: {
    offer: ['name', 'advertiser_id', 'offer_approval', 'revenue_type', 'payout_type'],
    offer_event: ['name'],
    affiliate_payout: ['offer_id', 'affiliate_id'],
    affiliate: [],
  },
};

/** Builds each entity's catalog once and hands out the same one after. */
export function catalogCache(
  schemas: SchemaSource,
): (platform: PlatformName, entity: string) => EntityCatalog | undefined {
  const cache = new Map<string, EntityCatalog>();
  return (platform, entity) => {
    const label = `${platform}.${entity}`;
    const cached = cache.get(label);
    if (cached) return cached;
    const schema = schemas(platform, entity);
    if (!schema) return undefined;
    const catalog = buildEntityCatalog(platform, entity, schema);
    cache.set(label, catalog);
    return catalog;
  };
}
