// Edits of a source offer for the benches, made through the platform client (unthrottled, before
// a measurement), each returning the writes its mirror needs: the mapped offer before and after,
// compared (minimum.ts). The edit is picked by the offer's index among those edited, in tens:
//   on Offerit     0-3 the name (an Offerslook PUT), 4-6 the conversion type (Offerslook's base
//                  event: a PATCH), 7-9 both (PUT + PATCH);
//   on Offerslook  0-3 the name (edit_offer), 4-5 the base event's conversion protocol (Offerit's
//                  conversion_type: edit_offer), 6-7 the status (pause_offer or activate_offer),
//                  8-9 name and status (edit_offer + pause/activate).
import type { PlatformName } from '../../src/vocabulary/index.js';
import type { CompiledRoute } from '../../src/mapping/index.js';
import type { EntityKey, PlatformRecord } from '../../src/vocabulary/index.js';
import type { PlatformClient } from '../../src/platforms/platform-client.js';
import { mapRecord, offeritUpdateWrites, offerslookUpdateWrites } from './minimum.js';

export function offerKey(id: number): EntityKey {
  return { kind: 'offer', id: String(id) };
}

/** Edits source offer `id` (the edit picked by `index`) and returns the writes its mirror needs. */
export async function editSourceOffer(
  client: PlatformClient,
  route: CompiledRoute,
  from: PlatformName,
  id: number,
  index: number,
): Promise<string[]> {
  const key = offerKey(id);
  const view = (await client.get(key))!;
  const before = mapRecord(route, view);
  const group = index % 10;
  const changes: PlatformRecord = {};
  if (from === 'offerit') {
    if (group < 4 || group >= 7) changes.name = `${String(view.name)} (edited)`;
    if (group >= 4) changes.conversion_type = view.conversion_type === 'post' ? 'image' : 'post';
  } else {
    if (group < 4 || group >= 8) changes.name = `${String(view.name)} (edited)`;
    if (group === 4 || group === 5) {
      const base = view.base_event as Record<string, unknown>;
      changes.base_event = {
        conversion_protocol: String(base.conversion_protocol) === '1' ? 3 : 1,
      };
    }
    if (group >= 6)
      changes.status = String(view.status).toLowerCase() === 'active' ? 'paused' : 'active';
  }
  await client.update(key, changes, view);
  const after = mapRecord(route, (await client.get(key))!);
  return from === 'offerit'
    ? offerslookUpdateWrites(before, after)
    : offeritUpdateWrites(before, after);
}
