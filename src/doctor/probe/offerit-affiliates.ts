// `GET /affiliate/search`, classified from the raw answer (contract section 1, v2): the bare
// object keyed by loginid (documented), or inside a success envelope (v1); records keyed by
// loginid or listed. Secret-looking fields are the client's to drop, so they are not "unexpected";
// they are never described beyond their existence. Pure.
import { SECRET_FIELD_PATTERN, offeritAffiliateSchema } from '../../platforms/offerit/index.js';
import type { LocatedRecord } from './offerit-details.js';
import { describeShape, extraKeys, formatPath, isObject } from './shape.js';

export type AffiliatesShape =
  | {
      ok: true;
      reply: 'bare' | 'envelope';
      records: 'by-loginid' | 'list' | 'none';
      located: LocatedRecord[];
    }
  | { ok: false; problem: string };

export function affiliatesShape(answer: unknown): AffiliatesShape {
  // An envelope is told by its `result` text: no loginid is ever called "result".
  const envelope = isObject(answer) && typeof answer.result === 'string';
  const root = envelope ? 'message' : 'answer';
  let holder: unknown = isObject(answer) && envelope ? answer.message : answer;
  const path: PropertyKey[] = [];
  if (isObject(holder) && (Array.isArray(holder.affiliates) || isObject(holder.affiliates))) {
    holder = holder.affiliates;
    path.push('affiliates');
  }
  const reply = envelope ? 'envelope' : 'bare';
  if (!Array.isArray(holder) && !isObject(holder)) {
    return {
      ok: false,
      problem: `the answer holds no affiliates keyed by loginid nor a list (${formatPath(root, path)}: ${describeShape(holder)})`,
    };
  }
  const entries = Array.isArray(holder)
    ? (holder as unknown[]).map((record: unknown, index) => [index, record] as const)
    : Object.entries(holder);
  const located = entries.map(([key, record]) => ({
    where: formatPath(root, [...path, key]),
    record,
  }));
  const stranger = located.find(({ record }) => !isObject(record));
  if (stranger) {
    return {
      ok: false,
      problem: `records are not affiliates (${stranger.where}: ${describeShape(stranger.record)})`,
    };
  }
  const records = located.length === 0 ? 'none' : Array.isArray(holder) ? 'list' : 'by-loginid';
  return { ok: true, reply, records, located };
}

/** Keys the affiliate schema does not declare, less the secrets the client drops on purpose. */
export function unexpectedAffiliateKeys(records: readonly unknown[]): string[] {
  return extraKeys(records, Object.keys(offeritAffiliateSchema.shape), '', (key) =>
    SECRET_FIELD_PATTERN.test(key),
  );
}
