// Value converters, each compiled once into a closure: map, decimal, integer, boolean, date,
// list, replace, single_key, link. A converter gets a present (non-null) value and returns
// the converted value, or undefined to set nothing (after recording an issue if it is a problem).
import type { PlatformName } from '../../vocabulary/index.js';
import type {
  DateOptions,
  DecimalOptions,
  ListOptions,
  PerPlatform,
  Scalar,
} from '../dsl/index.js';
import type { ApplyContext, LinkKind, MappingIssue } from '../types.js';
import { formatBoolean, parseBoolean, type BooleanForm } from '../values/booleans.js';
import { endOfDay, formatDate, parseDate } from '../values/dates.js';
import { decimalEquals, decimalText, ExactDecimal, roundingConstant } from '../values/decimal.js';
import { scalarKey } from '../values/presence.js';

export type Convert = (value: unknown, ctx: ApplyContext, issues: MappingIssue[]) => unknown;

/** Where a converter runs: which field it writes, what it reads (for messages), which way it maps. */
export interface ConvertSite {
  field: string;
  /** How the input is named in messages: a source path, or `compute`/`template`. */
  input: string;
  sourcePlatform: PlatformName;
  targetPlatform: PlatformName;
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

function sameScalar(a: unknown, b: Scalar): boolean {
  return scalarKey(a) === scalarKey(b) || decimalEquals(a, b);
}

export function mapConverter(table: ReadonlyMap<string, unknown>, site: ConvertSite): Convert {
  const known = [...table.keys()].join(', ');
  return (value, _ctx, issues) => {
    const key = scalarKey(value);
    if (key !== undefined) {
      const mapped = table.get(key);
      if (mapped !== undefined) return mapped;
      if (key === '') return undefined;
    }
    issues.push({
      field: site.field,
      code: 'UNMAPPABLE',
      message: `${site.input} ${show(value)} has no twin in ${site.field} (mapped values: ${known})`,
    });
    return undefined;
  };
}

/** Formats a decimal result: rounded to `scale` when one is declared, else the exact text. */
export function decimalFormatter(options: DecimalOptions): (text: string) => string {
  const { scale } = options;
  if (scale === undefined) return (text) => text;
  const rounding = roundingConstant(options.rounding ?? 'half-up');
  return (text) => new ExactDecimal(text).toFixed(scale, rounding);
}

/** The target's "not set" form for a per-platform `unset` table, and whether a value is the source's. */
export function unsetForms(unset: PerPlatform<Scalar> | undefined, site: ConvertSite) {
  const sourceForm = unset?.[site.sourcePlatform];
  const targetForm = unset?.[site.targetPlatform];
  // Only a decimal spelling (`"-1"`) needs the decimal comparison (`"-1.00"`); "" is compared as is.
  const compare = sourceForm !== undefined && sourceForm !== '';
  return {
    isSourceUnset: (value: unknown) =>
      value === '' || value === sourceForm || (compare && sameScalar(value, sourceForm)),
    targetForm,
  };
}

export function decimalConverter(options: DecimalOptions, site: ConvertSite): Convert {
  const format = decimalFormatter(options);
  const { isSourceUnset, targetForm } = unsetForms(options.unset, site);
  return (value, _ctx, issues) => {
    if (isSourceUnset(value)) return targetForm;
    const text = decimalText(value);
    if (text === undefined) {
      issues.push({
        field: site.field,
        code: 'INVALID_DECIMAL',
        message: `${site.input} ${show(value)} is not a decimal number`,
      });
      return undefined;
    }
    return format(text);
  };
}

export function integerConverter(site: ConvertSite): Convert {
  return (value, _ctx, issues) => {
    if (value === '') return undefined;
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
    issues.push({
      field: site.field,
      code: 'INVALID_INTEGER',
      message: `${site.input} ${show(value)} is not a whole number`,
    });
    return undefined;
  };
}

export function booleanConverter(
  forms: PerPlatform<BooleanForm> | undefined,
  site: ConvertSite,
): Convert {
  const form = forms?.[site.targetPlatform];
  return (value, _ctx, issues) => {
    const parsed = parseBoolean(value);
    if (parsed === undefined) {
      issues.push({
        field: site.field,
        code: 'INVALID_BOOLEAN',
        message: `${site.input} ${show(value)} is not 0/1 or true/false`,
      });
      return undefined;
    }
    // Without a declared form the output kind of the target field decides (0/1, "0"/"1", true/false).
    return form === undefined ? parsed : formatBoolean(parsed, form);
  };
}

export function dateConverter(options: DateOptions, site: ConvertSite): Convert {
  const targetForm = options[site.targetPlatform];
  const { isSourceUnset, targetForm: unsetForm } = unsetForms(options.unset, site);
  const dayEnd = options.day_end === true && targetForm !== 'day';
  return (value, ctx, issues) => {
    if (isSourceUnset(value)) return unsetForm;
    const parsed = parseDate(value, ctx.now);
    if (!parsed.ok) {
      issues.push({
        field: site.field,
        code: 'INVALID_DATE',
        message: `${site.input}: ${parsed.reason}`,
      });
      return undefined;
    }
    if (parsed.seconds === null) return unsetForm;
    return formatDate(
      dayEnd && parsed.dayOnly ? endOfDay(parsed.seconds) : parsed.seconds,
      targetForm,
    );
  };
}

export function listConverter(options: ListOptions, site: ConvertSite): Convert {
  const separator = options.separator ?? ',';
  const upper = options.upper === true;
  return (value, _ctx, issues) => {
    const items = Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined;
    if (items === undefined) {
      issues.push({
        field: site.field,
        code: 'INVALID_VALUE',
        message: `${site.input} ${show(value)} is not a list`,
      });
      return undefined;
    }
    const out: string[] = [];
    for (const item of items) {
      const text = scalarKey(item);
      if (text === undefined) continue;
      for (const part of text.split(separator)) {
        const trimmed = part.trim();
        if (trimmed !== '') out.push(upper ? trimmed.toUpperCase() : trimmed);
      }
    }
    return out;
  };
}

/** Replaces every occurrence of a table key (longest first) with its value, in one pass. */
export function replaceConverter(
  table: Readonly<Record<string, string>>,
  site: ConvertSite,
): Convert {
  const keys = Object.keys(table)
    .filter((key) => key !== '')
    .sort((a, b) => b.length - a.length);
  if (keys.length === 0) return (value) => value;
  const pattern = new RegExp(
    keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'g',
  );
  const lookup = (match: string) => table[match] ?? match;
  return (value, _ctx, issues) => {
    if (typeof value !== 'string') {
      issues.push({
        field: site.field,
        code: 'INVALID_VALUE',
        message: `${site.input} ${show(value)} is not text`,
      });
      return undefined;
    }
    return value.replace(pattern, lookup);
  };
}

export function singleKeyConverter(site: ConvertSite): Convert {
  return (value, _ctx, issues) => {
    const keys =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.keys(value)
        : undefined;
    if (keys?.length === 1) return keys[0];
    issues.push({
      field: site.field,
      code: 'INVALID_VALUE',
      message: `${site.input} names ${keys === undefined ? 'no' : keys.length} entries; exactly one was expected`,
    });
    return undefined;
  };
}

export function linkConverter(kind: LinkKind, site: ConvertSite): Convert {
  return (value, ctx, issues) => {
    const id = scalarKey(value);
    if (id === undefined || id === '') return undefined;
    const linked = ctx.resolve(kind, id);
    if (linked !== undefined) return linked;
    issues.push({
      field: site.field,
      code: 'UNRESOLVED_LINK',
      message: `no ${kind} link for ${site.sourcePlatform} id "${id}" (${site.input})`,
    });
    return undefined;
  };
}

/** Runs converters in order; stops at the first that sets nothing. */
export function chain(converters: readonly Convert[]): Convert | undefined {
  if (converters.length === 0) return undefined;
  if (converters.length === 1) return converters[0];
  return (value, ctx, issues) => {
    let current = value;
    for (const convert of converters) {
      current = convert(current, ctx, issues);
      if (current === undefined || current === null) return undefined;
    }
    return current;
  };
}
