// Words for the shape of a JSON answer, never its values: what a probe line may say about an
// answer it cannot read. Keys are names (field names, ids used as keys), never field contents.
// Pure.

/** How many keys of an object a description names before it says "…". */
const KEYS_SHOWN = 8;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{offer, offer_event}`, `a list of 3 ({id, name, …})`, `text`, `a number`, `null`, `missing`. */
export function describeShape(value: unknown, depth = 1): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'an empty list';
    return depth > 0
      ? `a list of ${value.length} (${describeShape(value[0], depth - 1)}, …)`
      : `a list of ${value.length}`;
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const shown = keys.slice(0, KEYS_SHOWN).join(', ');
    return `{${shown}${keys.length > KEYS_SHOWN ? ', …' : ''}}`;
  }
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    default:
      return typeof value;
  }
}

/** `data.rowset[0].offer`, `message["400"]`, `message.changes[2]["Change Id"]`. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const segment of path) {
    const text = String(segment);
    if (typeof segment === 'number') out += `[${text}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) out += out === '' ? text : `.${text}`;
    else out += `[${JSON.stringify(text)}]`;
  }
  return out;
}

/** The value at `path` inside `value` (arrays by index), `undefined` when a step is missing. */
export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isObject(current))
      current = Object.hasOwn(current, String(segment)) ? current[String(segment)] : undefined;
    else return undefined;
  }
  return current;
}

/**
 * The keys of `records` that `declared` does not name, prefixed (`offer_geo.`), sorted, once
 * each. `skip` leaves out keys the client knowingly drops (affiliates' secrets).
 */
export function extraKeys(
  records: readonly unknown[],
  declared: Iterable<string>,
  prefix = '',
  skip?: (key: string) => boolean,
): string[] {
  const known = new Set(declared);
  const extra = new Set<string>();
  for (const record of records) {
    if (!isObject(record)) continue;
    for (const key of Object.keys(record))
      if (!known.has(key) && !skip?.(key)) extra.add(`${prefix}${key}`);
  }
  return [...extra].sort();
}

/** Unique, sorted: the lists a report carries. */
export function sortedUnique(items: Iterable<string>): string[] {
  return [...new Set(items)].sort();
}
