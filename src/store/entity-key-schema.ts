// The stored form of an EntityKey, checked whenever the store reads one back.
import { z } from 'zod';
import { ENTITY_KINDS, type EntityKind } from '../vocabulary/index.js';

export const entityKindSchema = z.enum(ENTITY_KINDS as [EntityKind, ...EntityKind[]]);

export const entityKeySchema = z.object({
  kind: entityKindSchema,
  id: z.string(),
  offerId: z.string().optional(),
});
