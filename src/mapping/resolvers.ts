// Link resolvers for previews and tests; the sync layer builds its own from the link store.
import type { LinkKind, LinkResolver } from './types.js';

/** Every id maps to itself: what `mappings preview` uses, so links show the source's ids. */
export const identityResolver: LinkResolver = (_kind, id) => id;

/** Resolves from a fixed table per kind (`{ advertiser: { "9": "12" } }`); unknown ids stay unresolved. */
export function tableResolver(
  tables: Partial<Record<LinkKind, Readonly<Record<string, string>>>>,
): LinkResolver {
  return (kind, id) => tables[kind]?.[id];
}
