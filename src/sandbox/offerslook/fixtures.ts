// What `state.seed()` and `/__sandbox/seed` take: JSON fixtures in the platform's own field names,
// checked like API requests (plus the ids and times only a fixture may set). A snapshot has the
// same shape, so `seed(snapshot())` rebuilds a state.
import { z } from 'zod';
import {
  affiliateTierRequestSchema,
  createAffiliatePayoutBodySchema,
  createOfferBodySchema,
  createOfferEventBodySchema,
  offerGeoRequestSchema,
  tierDate,
  wirePositiveId,
  wireUnixSeconds,
} from '../../platforms/offerslook/wire/index.js';

const times = { create_time: wireUnixSeconds.optional(), update_time: wireUnixSeconds.optional() };

export const offerFixtureSchema = createOfferBodySchema.shape.offer.extend({
  id: wirePositiveId.optional(),
  offer_geo: offerGeoRequestSchema.optional(),
  ...times,
});

/** An event of `offer_id`; id 1 amends the offer's base event. */
export const eventFixtureSchema = createOfferEventBodySchema.extend({
  offer_id: wirePositiveId,
  id: wirePositiveId.optional(),
  ...times,
});

/** A payout, flat, with its tier nested; tier dates as `YYYY-MM-DD` or unix seconds. */
export const affiliatePayoutFixtureSchema =
  createAffiliatePayoutBodySchema.shape.affiliate_payout.extend({
    id: wirePositiveId.optional(),
    create_time: wireUnixSeconds.optional(),
    affiliate_tier: affiliateTierRequestSchema
      .extend({
        effective_time: z.union([tierDate, wireUnixSeconds]).optional(),
        expiration_time: z.union([tierDate, wireUnixSeconds]).optional(),
        create_time: wireUnixSeconds.optional(),
      })
      .optional(),
  });

export const affiliateFixtureSchema = z.strictObject({
  id: wirePositiveId,
  first_name: z.string().default(''),
  last_name: z.string().default(''),
  email: z.string().default(''),
  company: z.string().default(''),
  status: z.string().default('active'),
});

export const offerslookFixturesSchema = z.strictObject({
  offers: z.array(offerFixtureSchema).default([]),
  events: z.array(eventFixtureSchema).default([]),
  affiliatePayouts: z.array(affiliatePayoutFixtureSchema).default([]),
  affiliates: z.array(affiliateFixtureSchema).default([]),
});

export type OfferslookFixtures = z.input<typeof offerslookFixturesSchema>;
export type ParsedOfferslookFixtures = z.output<typeof offerslookFixturesSchema>;
