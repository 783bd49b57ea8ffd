// Run ids sort by start time (so a listing is in order without a second index) and are unique
// across processes started in the same millisecond.
import { randomBytes } from 'node:crypto';

/** `20250102T030405678Z-1a2b3c` */
export function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
}

const RUN_ID = /^\d{8}T\d{9}Z-[0-9a-f]{6}$/;

export function isRunId(text: string): boolean {
  return RUN_ID.test(text);
}
