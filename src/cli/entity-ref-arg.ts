// A `<connection>:<entity>:<id>` argument checked against the configuration: the ref, or the
// sentence to print before exiting 2.
import { unknownConnection, type Config } from '../config/index.js';
import { parseEntityRef, type EntityRef } from '../vocabulary/index.js';

export function refArgument(config: Config, text: string): EntityRef | string {
  const ref = parseEntityRef(text);
  if (typeof ref === 'string') return ref;
  if (!config.connections[ref.connection]) return unknownConnection(config, ref.connection);
  return ref;
}
