// Builds small routes from inline YAML for unit tests: coverage gaps are warnings here, so a
// test names only the fields it is about.
import {
  compileMappings,
  tableResolver,
  type ApplyContext,
  type CompiledRoute,
  type LinkKind,
} from '../../../src/mapping/index.js';

export const NOW = new Date('2024-05-06T07:08:09Z');

export function context(
  links: Partial<Record<LinkKind, Record<string, string>>> = {},
  now = NOW,
): ApplyContext {
  return { now, resolve: tableResolver(links) };
}

/** A one-way (or `both`) route between two entities, from a `fields:` block and extra top-level YAML. */
export function route(
  fields: string,
  options: { route?: string; extra?: string; direction?: 'one-way' | 'both'; key?: string } = {},
): CompiledRoute {
  const text = [
    `route: ${options.route ?? 'offerit.offer -> offerslook.offer'}`,
    `direction: ${options.direction ?? 'one-way'}`,
    `key: ${options.key ?? '{ source: offerid, target: id }'}`,
    options.extra ?? '',
    'fields:',
    indent(fields),
  ].join('\n');
  const set = compileMappings([{ file: 'inline.yaml', text }], { coverage: 'warn' });
  return [...set.routes.values()][0]!;
}

/** Required Offerslook offer fields, for routes that need to load but are not about them. */
export const OFFER_REQUIRED = `
name: { from: name }
advertiser_id: { const: "1" }
offer_approval: { const: 2 }
revenue_type: { const: RPA }
payout_type: { const: CPA }
`;

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : `  ${line}`))
    .join('\n');
}
