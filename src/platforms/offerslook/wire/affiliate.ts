// Affiliates: `GET /v1/affiliates` (read only: offer-sync matches them, never creates them).
import type { z } from 'zod';
import { offerslookAffiliateSchema } from '../records.js';

/** `{id, first_name, last_name, email, company, status, ...}`. */
export const affiliateWireSchema = offerslookAffiliateSchema;
export type OfferslookAffiliateWire = z.output<typeof affiliateWireSchema>;
