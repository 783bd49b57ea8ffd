// The stored form of an EntityKey, checked whenever the store reads one back.
import { z } from 'zod';
import { ENTITY_KINDS, PLATFORM_ID, type EntityKind } from '../vocabulary/index.js';

export const entityKindSchema = z.enum(ENTITY_KINDS as [EntityKind, ...EntityKind[]]);

export const entityKeySchema = z.object({
  kind: entityKindSchema,
  // Platform ids, digits only (see vocabulary/platform-ids.ts).
  id: z.string().regex(PLATFORM_ID, { error: 'expected digits only (a platform id)' }),
  offerId: z
    .string()
    .regex(PLATFORM_ID, { error: 'expected digits only (a platform id)' })
    .optional(),
});
