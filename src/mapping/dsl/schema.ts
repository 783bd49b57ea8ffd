// The mapping language, as zod schemas: one YAML file declares one route. The shapes here are
// only the syntax; meaning (field names, enums, coverage) is checked by the compiler.
import { z } from 'zod';
import { BOOLEAN_FORMS, type BooleanForm } from '../values/booleans.js';
import { DATE_FORMS, type DateForm } from '../values/dates.js';
import { ROUNDING_MODES, type RoundingMode } from '../values/decimal.js';
import { LINK_KINDS, SYNC_POLICIES, type LinkKind, type SyncPolicy } from '../types.js';

export type Scalar = string | number | boolean;
export type PlatformKey = 'offerit' | 'offerslook';
/** A value keyed by platform, so one declaration reads the same in both directions. */
export type PerPlatform<T> = Partial<Record<PlatformKey, T>>;

export interface DecimalOptions {
  /** Digits after the point; when set, results are rounded with `rounding`. */
  scale?: number;
  /** @defaultValue 'half-up' */
  rounding?: RoundingMode;
  /** How each platform writes "no amount" (`offerit: ""`, `offerslook: "-1"`). */
  unset?: PerPlatform<Scalar>;
}
export interface DateOptions {
  offerit: DateForm;
  offerslook: DateForm;
  /** How each platform writes "no date"; unset sides leave the field out. */
  unset?: PerPlatform<Scalar>;
  /** A date-only value means the end of that day (23:59:59) when written with a time. */
  day_end?: boolean;
}
export interface ListOptions {
  /** Upper-case each item (country codes). */
  upper?: boolean;
  /** @defaultValue ',' (a string value is split on it) */
  separator?: string;
}

/** A condition: field path -> test, all of which must hold; `any`/`all`/`not` combine conditions. */
export type Condition = Record<string, unknown>;

export interface RuleBody {
  from?: string;
  const?: unknown;
  template?: string;
  compute?: string;
  cases?: RuleBody[];
  map?: Record<string, Scalar>;
  decimal?: true | DecimalOptions;
  integer?: true;
  boolean?: true | PerPlatform<BooleanForm>;
  date?: DateOptions;
  list?: true | ListOptions;
  replace?: string | Record<string, string>;
  single_key?: true;
  link?: LinkKind;
  when?: Condition;
  default?: Scalar;
  sync?: SyncPolicy;
  owner?: PlatformKey;
  reverse?: Record<string, RuleBody>;
  note?: string;
}

export interface NoTwinRule {
  when: Condition;
  reason: string;
}

export interface ReverseBlock {
  no_twin?: NoTwinRule[];
  lossy?: Record<string, string>;
  ignore?: string[];
  fields?: Record<string, RuleBody>;
  sync?: SyncPolicy;
  owner?: PlatformKey;
}

export interface RouteFile {
  route: string;
  description?: string;
  direction: 'one-way' | 'both';
  key: { source: string[]; target: string[] };
  conflict: 'newest-wins' | 'manual';
  sync?: SyncPolicy;
  owner?: PlatformKey;
  tables?: Record<string, Record<string, string>>;
  no_twin?: NoTwinRule[];
  lossy?: Record<string, string>;
  ignore?: string[];
  fields: Record<string, RuleBody>;
  reverse?: ReverseBlock;
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const platformKey = z.enum(['offerit', 'offerslook']);
const perPlatform = <T extends z.ZodType>(value: T) =>
  z.strictObject({ offerit: value.optional(), offerslook: value.optional() });
const condition = z.record(z.string(), z.unknown());
const pathList = z
  .union([z.string(), z.array(z.string()).min(1)])
  .transform((value) => (Array.isArray(value) ? value : [value]));

const decimalOptions = z.strictObject({
  scale: z.number().int().min(0).max(20).optional(),
  rounding: z.enum(ROUNDING_MODES).optional(),
  unset: perPlatform(scalar).optional(),
});
const dateOptions = z.strictObject({
  offerit: z.enum(DATE_FORMS),
  offerslook: z.enum(DATE_FORMS),
  unset: perPlatform(scalar).optional(),
  day_end: z.boolean().optional(),
});
const listOptions = z.strictObject({
  upper: z.boolean().optional(),
  separator: z.string().min(1).optional(),
});

export const ruleBodySchema: z.ZodType<RuleBody> = z.lazy(() =>
  z.strictObject({
    from: z.string().min(1).optional(),
    const: z.unknown().optional(),
    template: z.string().optional(),
    compute: z.string().min(1).optional(),
    cases: z.array(ruleBodySchema).min(1).optional(),
    map: z.record(z.string(), scalar).optional(),
    decimal: z.union([z.literal(true), decimalOptions]).optional(),
    integer: z.literal(true).optional(),
    boolean: z.union([z.literal(true), perPlatform(z.enum(BOOLEAN_FORMS))]).optional(),
    date: dateOptions.optional(),
    list: z.union([z.literal(true), listOptions]).optional(),
    replace: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
    single_key: z.literal(true).optional(),
    link: z.enum(LINK_KINDS as [LinkKind, ...LinkKind[]]).optional(),
    when: condition.optional(),
    default: scalar.optional(),
    sync: z.enum(SYNC_POLICIES as [SyncPolicy, ...SyncPolicy[]]).optional(),
    owner: platformKey.optional(),
    reverse: z.record(z.string(), ruleBodySchema).optional(),
    note: z.string().optional(),
  }),
);

const noTwinSchema = z.strictObject({ when: condition, reason: z.string().min(1) });

export const routeFileSchema: z.ZodType<RouteFile, unknown> = z.strictObject({
  route: z.string(),
  description: z.string().optional(),
  direction: z.enum(['one-way', 'both']).default('one-way'),
  key: z.strictObject({ source: pathList, target: pathList }),
  conflict: z.enum(['newest-wins', 'manual']).default('newest-wins'),
  sync: z.enum(SYNC_POLICIES as [SyncPolicy, ...SyncPolicy[]]).optional(),
  owner: platformKey.optional(),
  tables: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  no_twin: z.array(noTwinSchema).optional(),
  lossy: z.record(z.string(), z.string().min(1)).optional(),
  ignore: z.array(z.string()).optional(),
  fields: z.record(z.string(), ruleBodySchema),
  reverse: z
    .strictObject({
      no_twin: z.array(noTwinSchema).optional(),
      lossy: z.record(z.string(), z.string().min(1)).optional(),
      ignore: z.array(z.string()).optional(),
      fields: z.record(z.string(), ruleBodySchema).optional(),
      sync: z.enum(SYNC_POLICIES as [SyncPolicy, ...SyncPolicy[]]).optional(),
      owner: platformKey.optional(),
    })
    .optional(),
});

/** Every key word of the language, for "did you mean" on an unknown key. */
export const DSL_KEYWORDS: readonly string[] = [
  ...[
    'route',
    'description',
    'direction',
    'key',
    'source',
    'target',
    'conflict',
    'tables',
    'no_twin',
    'reason',
  ],
  ...[
    'lossy',
    'ignore',
    'fields',
    'reverse',
    'from',
    'const',
    'template',
    'compute',
    'cases',
    'map',
    'decimal',
  ],
  ...[
    'integer',
    'boolean',
    'date',
    'list',
    'replace',
    'single_key',
    'link',
    'when',
    'default',
    'sync',
    'owner',
  ],
  ...[
    'note',
    'scale',
    'rounding',
    'unset',
    'offerit',
    'offerslook',
    'day_end',
    'upper',
    'separator',
  ],
];
