// Which fields of a record to match `search` narrows an Offerslook list by.
import type { EntityKind, PlatformRecord } from '../../vocabulary/index.js';
import type { ListFilters } from './wire/index.js';

/**
 * Fields `search` turns into list filters, per kind: ids as `EQUAL_TO`, text as `CONTAINS` (which
 * also matches other letter case), so the platform's answer is a superset of the true matches.
 * `advertiser_offer_id` holds the source offer's id on a twin: finding a twin by it costs one
 * request however many offers the network has.
 */
export const SEARCH_FILTERS: Readonly<
  Record<EntityKind, Readonly<Record<string, 'EQUAL_TO' | 'CONTAINS'>>>
> = {
  offer: { name: 'CONTAINS', advertiser_id: 'EQUAL_TO', advertiser_offer_id: 'EQUAL_TO' },
  goal: { name: 'CONTAINS' },
  commission: { offer_id: 'EQUAL_TO', affiliate_id: 'EQUAL_TO', event_id: 'EQUAL_TO' },
  affiliate: { id: 'EQUAL_TO', email: 'CONTAINS' },
};

/** The list filters for the searchable fields of `match` that hold a single value. */
export function searchFilters(kind: EntityKind, match: PlatformRecord): ListFilters {
  const filters: ListFilters = {};
  for (const [field, operator] of Object.entries(SEARCH_FILTERS[kind])) {
    const value = match[field];
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') {
      filters[field] = { [operator]: typeof value === 'string' ? value.trim() : value };
    }
  }
  return filters;
}

/**
 * Whether `record` passes `filters` as the platform would judge them (EQUAL_TO as text, CONTAINS
 * ignoring case); for rows that came without the platform filtering them (events nested in a
 * batch row). Operators other than those two pass everything: callers check candidates anyway.
 */
export function passesFilters(record: PlatformRecord, filters: ListFilters): boolean {
  return Object.entries(filters).every(([field, conditions]) => {
    const value = record[field];
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    return Object.entries(conditions).every(([operator, expected]) => {
      if (operator === 'EQUAL_TO') return text === String(expected);
      if (operator === 'CONTAINS')
        return text?.toLowerCase().includes(String(expected).toLowerCase()) ?? false;
      return true;
    });
  });
}
