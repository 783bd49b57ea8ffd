// A link ties one entity on Offerit to its twin on Offerslook. Besides the two keys it keeps,
// per side, what the planner needs to tell our own writes from other people's edits.
import { z } from 'zod';
import type { EntityKey, EntityKind, PlatformRecord } from '../../vocabulary/index.js';
import { entityKeySchema, entityKindSchema } from '../entity-key-schema.js';

export interface LinkSide {
  key: EntityKey;
  /** `contentHash` of this side's record as the sync last read it. */
  seenHash?: string;
  /**
   * The managed field values of this side (its own shape, nested like the record) as of the
   * last sync into it: what we wrote, what we found already equal, or the source value we
   * deliberately did not write over a local edit. The planner's per-field baseline; `once`
   * fields present here are never written again.
   */
  written?: PlatformRecord;
  /**
   * `contentHash` of this side's record right after our last write to it. Reading this hash
   * again means the "change" is our own write coming back (echo). Cleared once the side is
   * seen with other content, so a later edit back to the same content still syncs.
   */
  writtenHash?: string;
  /** The platform's own update time for this side as last seen, epoch milliseconds. */
  updatedAt?: number;
  /** When a sync last read or wrote this side, epoch milliseconds. */
  syncedAt?: number;
  /**
   * Set when offer-sync last wrote this side and the write's answers did not carry the record
   * (Offerit answers ids and status words), so its hashes are unknown. The next read of the side
   * settles it: a record holding every `written` value is our own write (its hash becomes the
   * seen and written hash, with no further request); any other is a change made since.
   */
  unconfirmed?: boolean;
}

export interface Link {
  kind: EntityKind;
  offerit: LinkSide;
  offerslook: LinkSide;
  /**
   * Incremented by every save; 0 for a link never saved. Pass it back as `expectedVersion`
   * to save only if nobody saved in between.
   */
  version: number;
}

const linkSideSchema = z.object({
  key: entityKeySchema,
  seenHash: z.string().optional(),
  written: z.record(z.string(), z.unknown()).optional(),
  writtenHash: z.string().optional(),
  updatedAt: z.number().optional(),
  syncedAt: z.number().optional(),
  unconfirmed: z.boolean().optional(),
});

/** The stored JSON: the link without its version (kept beside it, so scripts can compare it). */
export const storedLinkSchema = z.object({
  kind: entityKindSchema,
  offerit: linkSideSchema,
  offerslook: linkSideSchema,
});

/** Throws a TypeError when the link's kinds disagree: a link never ties an offer to a goal. */
export function assertLinkShape(link: Link): void {
  if (link.offerit.key.kind !== link.kind || link.offerslook.key.kind !== link.kind) {
    throw new TypeError(
      `Link kinds disagree: link ${link.kind}, offerit ${link.offerit.key.kind}, offerslook ${link.offerslook.key.kind}`,
    );
  }
}
