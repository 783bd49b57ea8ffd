// A `<ref>`: an entity on one connection, `<connection>:<entity>:<id>` (`offerit:offer:400`,
// `partner-a:goal:7/3`: goals and commissions name their offer). What `offer-sync sync` takes and
// the console looks up.
import type { ConnectionName } from './connections.js';
import { CONNECTION_NAME } from './connections.js';
import { parseEntityKey, type EntityKey } from './entities.js';

export interface EntityRef {
  /** The connection the entity lives on. */
  connection: ConnectionName;
  key: EntityKey;
}

/** Parses a ref of a synced entity (offer, goal, commission); returns an error sentence otherwise. */
export function parseEntityRef(text: string): EntityRef | string {
  const [connection = '', ...rest] = text.split(':');
  if (!CONNECTION_NAME.test(connection)) {
    return `expected <connection>:<entity>:<id> (e.g. offerit:offer:400), got ${JSON.stringify(text)}`;
  }
  const key = parseEntityKey(rest.join(':'));
  if (!key || key.kind === 'affiliate') {
    return `expected <connection>:<offer|goal|commission>:<id> (goals and commissions as <offerId>/<id>), got ${JSON.stringify(text)}`;
  }
  if (key.kind !== 'offer' && key.offerId === undefined) {
    return `a ${key.kind} lives under an offer: write ${connection}:${key.kind}:<offerId>/${key.id}`;
  }
  return { connection, key };
}
