// Dotted field paths compiled once into plain property reads and writes.

export type Rec = Record<string, unknown>;
export type Getter = (record: Rec) => unknown;
export type Setter = (target: Rec, value: unknown) => void;

const isObject = (value: unknown): value is Rec => typeof value === 'object' && value !== null;

export function compileGetter(path: string): Getter {
  const parts = path.split('.');
  if (parts.length === 1) {
    const [key] = parts as [string];
    return (record) => record[key];
  }
  if (parts.length === 2) {
    const [outer, inner] = parts as [string, string];
    return (record) => {
      const child = record[outer];
      return isObject(child) ? child[inner] : undefined;
    };
  }
  return (record) => {
    let current: unknown = record;
    for (const part of parts) {
      if (!isObject(current)) return undefined;
      current = current[part];
    }
    return current;
  };
}

/** Writes `value` at the path, creating the parent objects on the way. */
export function compileSetter(path: string): Setter {
  const parts = path.split('.');
  const last = parts.pop()!;
  if (parts.length === 0) {
    return (target, value) => {
      target[last] = value;
    };
  }
  return (target, value) => {
    let current = target;
    for (const part of parts) {
      const child = current[part];
      if (isObject(child)) current = child;
      else {
        const created: Rec = {};
        current[part] = created;
        current = created;
      }
    }
    current[last] = value;
  };
}

/** `a.b.c` -> `a`, `a.b` (the groups a path lies under). */
export function parentPaths(path: string): string[] {
  const parts = path.split('.');
  return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join('.'));
}
