// Link lookups for the mapping engine. The engine is pure and its resolver synchronous, so a
// record is mapped once with a recording resolver to learn which ids it needs, those links are
// fetched (and, for affiliates, matched by e-mail when no link exists yet), then it is mapped again.
import type { PlatformName } from '../../vocabulary/index.js';
import type { CompiledRoute, LinkKind, LinkResolver, MappingResult } from '../../mapping/index.js';
import type { EntityKey, PlatformRecord } from '../../vocabulary/index.js';
import { otherPlatform } from '../../vocabulary/index.js';
import { ParentNotLinkedError } from './sync-errors.js';
import type { SyncDeps } from './sync-deps.js';

export async function mapWithLinks(
  route: CompiledRoute,
  record: PlatformRecord,
  offerId: string | undefined,
  deps: SyncDeps,
): Promise<MappingResult> {
  const wanted = new Map<string, { kind: LinkKind; id: string }>();
  route.apply(record, {
    now: deps.now(),
    resolve: (kind, id) => {
      wanted.set(`${kind}:${id}`, { kind, id });
      return undefined;
    },
  });
  const from = route.source.platform;
  const found = new Map<string, string>();
  const missing: { kind: LinkKind; id: string }[] = [];
  for (const [text, { kind, id }] of wanted) {
    const twin = await resolveOne(kind, id, from, offerId, deps);
    if (twin === undefined) missing.push({ kind, id });
    else found.set(text, twin);
  }
  const resolve: LinkResolver = (kind, id) => found.get(`${kind}:${id}`);
  const result = route.apply(record, { now: deps.now(), resolve });
  return explainMissingLinks(result, missing, from);
}

/**
 * An affiliate with no twin (nobody with that e-mail on the other platform) makes the record
 * one that cannot be mirrored yet: a NO_TWIN skip, picked up again by the next reconciliation
 * once the affiliate exists. An offer or goal without a twin is usually still being synced:
 * worth a retry. Advertisers come from configuration, so their issue stays as the engine says.
 */
function explainMissingLinks(
  result: MappingResult,
  missing: readonly { kind: LinkKind; id: string }[],
  from: PlatformName,
): MappingResult {
  const unlinked = result.issues.filter((issue) => issue.code === 'UNRESOLVED_LINK');
  if (unlinked.length === 0) return result;
  const affiliate = missing.find((link) => link.kind === 'affiliate');
  if (affiliate) {
    const issues = result.issues.map((issue) =>
      issue.code === 'UNRESOLVED_LINK'
        ? {
            ...issue,
            code: 'NO_TWIN' as const,
            message: `affiliate ${affiliate.id} on ${from} has no twin on ${otherPlatform(from)} (no affiliate there with the same e-mail)`,
          }
        : issue,
    );
    return { ...result, issues };
  }
  const parent = missing.find((link) => link.kind === 'offer' || link.kind === 'goal');
  if (parent) throw new ParentNotLinkedError(`${parent.kind} ${parent.id} on ${from}`);
  return result;
}

async function resolveOne(
  kind: LinkKind,
  id: string,
  from: PlatformName,
  offerId: string | undefined,
  deps: SyncDeps,
): Promise<string | undefined> {
  const to = otherPlatform(from);
  if (kind === 'advertiser') {
    const pair = deps.advertiserMap.find((entry) => entry[from === 'offerit' ? 0 : 1] === id);
    return pair?.[from === 'offerit' ? 1 : 0];
  }
  const key: EntityKey =
    kind === 'goal' && offerId !== undefined ? { kind, id, offerId } : { kind, id };
  const link = await deps.links.find(from, key);
  if (link) return link[to].key.id;
  return kind === 'affiliate' ? matchAffiliateByEmail(id, from, deps) : undefined;
}

/** Affiliates are the same person on both platforms when their e-mail addresses match. */
async function matchAffiliateByEmail(
  id: string,
  from: PlatformName,
  deps: SyncDeps,
): Promise<string | undefined> {
  const to = otherPlatform(from);
  const source = await deps.clients[from].get({ kind: 'affiliate', id });
  const email = emailOf(source);
  if (email === undefined) return undefined;
  // Narrowed by the platform where it can filter by e-mail (a superset; checked below).
  const other = deps.clients[to];
  const candidates = other.search ? other.search('affiliate', { email }) : other.list('affiliate');
  for await (const candidate of candidates) {
    if (emailOf(candidate) !== email) continue;
    const twinKey = other.keyOf('affiliate', candidate);
    const sourceKey: EntityKey = { kind: 'affiliate', id };
    const sides =
      from === 'offerit'
        ? { offerit: sourceKey, offerslook: twinKey }
        : { offerit: twinKey, offerslook: sourceKey };
    await deps.links.save({
      kind: 'affiliate',
      offerit: { key: sides.offerit },
      offerslook: { key: sides.offerslook },
      version: 0,
    });
    return twinKey.id;
  }
  return undefined;
}

function emailOf(record: PlatformRecord | undefined): string | undefined {
  const email = record?.email;
  return typeof email === 'string' && email.trim() !== '' ? email.trim().toLowerCase() : undefined;
}
