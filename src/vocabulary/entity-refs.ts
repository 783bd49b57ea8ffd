// A ref names one entity on one connection: `<connection>:<entity>:<id>`, e.g. `offerit:offer:400`
// or `partner-a:goal:7/3` (goals and commissions name their offer). What `status`, `history`,
// `lock`, `approve` and `sync` take, what the console looks up, and what
// `GET /entities/<connection>/<entity>/<id>` spells as a path. Ids are platform ids: digits.
import { CONNECTION_NAME } from './connections.js';
import { parseEntityKey, type EntityKey } from './entities.js';
import { platformIdProblem } from './platform-ids.js';

export interface EntityRef {
  connection: string;
  key: EntityKey;
}

/** The ref, or a sentence saying what is wrong with `text`. */
export function parseEntityRef(text: string): EntityRef | string {
  const [connection = '', ...rest] = text.split(':');
  if (!CONNECTION_NAME.test(connection)) {
    return `expected <connection>:<entity>:<id> (e.g. offerit:offer:400), got ${JSON.stringify(text)}`;
  }
  return refOfParts(connection, rest[0] ?? '', rest.slice(1).join(':'), text);
}

/** The ref of a connection, an entity kind and an id (`400`, or `400/48` for goals and commissions). */
export function refOfParts(
  connection: string,
  entity: string,
  id: string,
  shown = `${connection}:${entity}:${id}`,
): EntityRef | string {
  if (!CONNECTION_NAME.test(connection)) {
    return `${JSON.stringify(connection)} is not a connection name (lower-case letters, digits and dashes)`;
  }
  if (entity !== 'offer' && entity !== 'goal' && entity !== 'commission') {
    return `the entity of ${JSON.stringify(shown)} must be offer, goal or commission, got ${JSON.stringify(entity)}`;
  }
  const key = parseEntityKey(`${entity}:${id}`);
  if (!key) {
    return `the id of ${JSON.stringify(shown)} must be 1 to 128 characters without spaces or ":" (goals and commissions as <offerId>/<id>), got ${JSON.stringify(id)}`;
  }
  if (entity !== 'offer' && key.offerId === undefined) {
    return `a ${entity} lives under an offer: write ${connection}:${entity}:<offerId>/${key.id}`;
  }
  if (entity === 'offer' && key.offerId !== undefined) {
    return `an offer's id has no "/": got ${JSON.stringify(id)}`;
  }
  for (const [field, value] of [
    ['offer id', key.offerId],
    [`${entity} id`, key.id],
  ] as const) {
    const problem = value === undefined ? undefined : platformIdProblem(value);
    if (problem) return `${shown}: the ${field} ${problem}`;
  }
  return { connection, key };
}
