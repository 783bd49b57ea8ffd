// Dotted-path access into plain records (`base_event.payout`, `offer_geo.countries`). Field
// policies and plan changes name fields this way. Pure: inputs are never mutated.

/** Segments that would reach an object's prototype: a mapping must never write through them. */
const UNSAFE_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** Splits `a.b.c`; throws on empty segments or prototype-reaching names. */
export function splitPath(path: string): string[] {
  const segments = path.split('.');
  for (const segment of segments) {
    if (segment === '') throw new TypeError(`Invalid field path "${path}": empty segment`);
    if (UNSAFE_SEGMENTS.has(segment)) {
      throw new TypeError(`Invalid field path "${path}": "${segment}" is not allowed`);
    }
  }
  return segments;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(container: unknown, segment: string): unknown {
  if (Array.isArray(container)) {
    return /^\d+$/.test(segment) ? (container as unknown[])[Number(segment)] : undefined;
  }
  if (isPlainObject(container) && Object.hasOwn(container, segment)) return container[segment];
  return undefined;
}

/** The value at `path`, or `undefined` when any step is missing. Numeric segments index arrays. */
export function getPath(record: unknown, path: string): unknown {
  let current = record;
  for (const segment of splitPath(path)) {
    current = child(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}

/** Whether `path` leads to an own property (whose value may itself be `undefined`). */
export function hasPath(record: unknown, path: string): boolean {
  const segments = splitPath(path);
  let current = record;
  for (const [index, segment] of segments.entries()) {
    const isLast = index === segments.length - 1;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment) || Number(segment) >= current.length) return false;
    } else if (!isPlainObject(current) || !Object.hasOwn(current, segment)) {
      return false;
    }
    if (isLast) return true;
    current = child(current, segment);
  }
  return false;
}

/**
 * A copy of `record` with `value` at `path`; objects along the way are copied (structural
 * sharing elsewhere) or created when missing. A non-object in the way is replaced by an object.
 */
export function setPath(
  record: Readonly<Record<string, unknown>>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  return setSegments(record, splitPath(path), value) as Record<string, unknown>;
}

function setSegments(container: unknown, segments: string[], value: unknown): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  if (Array.isArray(container) && /^\d+$/.test(head)) {
    const copy = [...(container as unknown[])];
    copy[Number(head)] = setSegments(copy[Number(head)], rest, value);
    return copy;
  }
  const copy: Record<string, unknown> = isPlainObject(container) ? { ...container } : {};
  copy[head] = setSegments(copy[head], rest, value);
  return copy;
}

/** A copy of `record` without the given paths (missing paths are ignored). */
export function omitPaths(
  record: Readonly<Record<string, unknown>>,
  paths: readonly string[],
): Record<string, unknown> {
  let result: Record<string, unknown> = { ...record };
  for (const path of paths) {
    if (hasPath(result, path))
      result = deleteSegments(result, splitPath(path)) as Record<string, unknown>;
  }
  return result;
}

function deleteSegments(container: unknown, segments: string[]): unknown {
  const [head, ...rest] = segments;
  if (head === undefined || !isPlainObject(container)) return container;
  const copy = { ...container };
  if (rest.length === 0) delete copy[head];
  else copy[head] = deleteSegments(copy[head], rest);
  return copy;
}
