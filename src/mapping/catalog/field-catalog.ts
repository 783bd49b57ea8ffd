// What a mapping may name: every field path of a platform's record schema (zod 4), with its
// allowed values and the JavaScript kind its parsed value takes. Built by introspecting the
// schemas in `platforms/*/records.ts`, so fields other engineers add are picked up unchanged.
import type { z } from 'zod';
import type { PlatformName } from '../../vocabulary/index.js';

/** The JavaScript kind of a field's parsed value; the engine coerces outputs to it. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'any';
export type EnumValue = string | number | boolean;

export interface FieldInfo {
  /** Dotted path from the record root, e.g. `base_event.conversion_protocol`. */
  path: string;
  optional: boolean;
  kind: ValueKind;
  /** An object with sub-fields of its own (mappings may name it or its sub-fields). */
  group: boolean;
  /** The allowed values when the schema closes the set (enums, literals); `''` included if allowed. */
  enumValues?: readonly EnumValue[];
  /** The field's own schema (optional unwrapped): constants and map values are checked with it. */
  schema: z.ZodType;
}

export interface EntityCatalog {
  platform: PlatformName;
  entity: string;
  /** `offerit.offer` */
  label: string;
  fields: ReadonlyMap<string, FieldInfo>;
  /** Paths of fields without sub-fields: what coverage counts. */
  leaves: readonly string[];
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, EnumValue>;
  values?: EnumValue[];
  shape?: Record<string, z.ZodType>;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'readonly',
  'catch',
  'nonoptional',
]);

/** Strips optional/nullable/default wrappers; tells whether one of them made the field optional. */
function unwrap(schema: z.ZodType): { schema: z.ZodType; optional: boolean } {
  let current = schema;
  let optional = false;
  for (let def = defOf(current); WRAPPERS.has(def.type) && def.innerType; def = defOf(current)) {
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault')
      optional = true;
    current = def.innerType;
  }
  return { schema: current, optional };
}

/** The closed set of values a schema accepts, or `open` when it accepts more than a listed set. */
function enumOf(schema: z.ZodType): { values: EnumValue[]; open: boolean } {
  const def = defOf(unwrap(schema).schema);
  switch (def.type) {
    case 'enum':
      return { values: Object.values(def.entries ?? {}), open: false };
    case 'literal':
      return { values: [...(def.values ?? [])], open: false };
    case 'union': {
      const parts = (def.options ?? []).map(enumOf);
      return {
        values: parts.flatMap((part) => part.values),
        open: parts.some((part) => part.open),
      };
    }
    case 'pipe': {
      // A pipe into a transform is a tolerant reader: the input side says what is allowed.
      const out = def.out && defOf(def.out).type !== 'transform' ? def.out : def.in;
      return out ? enumOf(out) : { values: [], open: true };
    }
    default:
      return { values: [], open: true };
  }
}

/** The kind of the parsed value, found by parsing sample inputs (transforms make it unknowable statically). */
function kindOf(schema: z.ZodType, enumValues: readonly EnumValue[] | undefined): ValueKind {
  const typeName = defOf(schema).type;
  if (typeName === 'object' || typeName === 'record') return 'object';
  if (typeName === 'array') return 'array';
  if (typeName === 'unknown' || typeName === 'any') return 'any';
  const sample = enumValues?.find((value) => value !== '');
  if (sample !== undefined)
    return typeof sample === 'number'
      ? 'number'
      : typeof sample === 'boolean'
        ? 'boolean'
        : 'string';
  for (const probe of ['1', 1, true, ['X']] as const) {
    const parsed = schema.safeParse(probe);
    if (!parsed.success) continue;
    const value: unknown = parsed.data;
    if (Array.isArray(value)) return 'array';
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return typeof value as ValueKind;
  }
  return 'any';
}

export function buildEntityCatalog(
  platform: PlatformName,
  entity: string,
  schema: z.ZodType,
): EntityCatalog {
  const fields = new Map<string, FieldInfo>();
  const leaves: string[] = [];
  const visit = (shape: Record<string, z.ZodType>, prefix: string, parentOptional: boolean) => {
    for (const [name, fieldSchema] of Object.entries(shape)) {
      const path = prefix + name;
      const { schema: inner, optional } = unwrap(fieldSchema);
      const innerDef = defOf(inner);
      const group = innerDef.type === 'object' && innerDef.shape !== undefined;
      const found = enumOf(inner);
      const enumValues = !found.open && found.values.length > 0 ? found.values : undefined;
      const info: FieldInfo = {
        path,
        optional: optional || parentOptional,
        kind: kindOf(inner, enumValues),
        group,
        schema: inner,
      };
      if (enumValues) info.enumValues = enumValues;
      fields.set(path, info);
      if (group) visit(innerDef.shape!, `${path}.`, info.optional);
      else leaves.push(path);
    }
  };
  const root = defOf(unwrap(schema).schema);
  visit(root.shape ?? {}, '', false);
  return { platform, entity, label: `${platform}.${entity}`, fields, leaves };
}
