// How records are hashed for the link store: volatile bookkeeping fields (update times, create
// times) are left out, so our own write read back hashes the same as the next read of it.
import type { PlatformRecord } from '../../platforms/entities.js';
import { contentHash } from '../plan/index.js';

const VOLATILE = [
  'update_time',
  'create_time',
  'base_event.update_time',
  'base_event.create_time',
  'affiliate_tier.create_time',
] as const;

export function recordHash(record: PlatformRecord): string {
  return contentHash(record, { omit: VOLATILE });
}

/** The platform's own update time in epoch milliseconds (Offerslook `update_time` is seconds). */
export function updatedAtOf(record: PlatformRecord): number | undefined {
  const value = record.update_time;
  const seconds =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
