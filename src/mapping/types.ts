// The public shapes of the mapping engine: what the sync layer calls and what it gets back.
import type { PlatformName } from '../vocabulary/index.js';
import type { EntityKind, PlatformRecord } from '../vocabulary/index.js';

export type { PlatformName, PlatformRecord };

/** The kinds of id a link lookup can translate from one platform to the other. */
export type LinkKind = 'offer' | 'goal' | 'affiliate' | 'advertiser';
export const LINK_KINDS: readonly LinkKind[] = ['offer', 'goal', 'affiliate', 'advertiser'];

/**
 * Translates an id of the route's source platform into the target platform's id. Synchronous:
 * the sync layer pre-fetches the links a record needs. `undefined` = not linked (yet).
 */
export type LinkResolver = (kind: LinkKind, sourceId: string) => string | undefined;

export interface ApplyContext {
  /** The clock reading used where a rule asks for `now`/`today`; the engine reads no clock itself. */
  now: Date;
  resolve: LinkResolver;
}

export const MAPPING_ISSUE_CODES = [
  'UNMAPPABLE',
  'INVALID_DECIMAL',
  'INVALID_INTEGER',
  'INVALID_BOOLEAN',
  'INVALID_DATE',
  'INVALID_VALUE',
  'UNRESOLVED_LINK',
  'NO_TWIN',
  'REQUIRED_MISSING',
  'INTERNAL',
] as const;
export type MappingIssueCode = (typeof MAPPING_ISSUE_CODES)[number];

/** One problem with one record. `field` is the target field (or, for NO_TWIN, the source field that decided it). */
export interface MappingIssue {
  field: string;
  code: MappingIssueCode;
  message: string;
}

export interface LossyField {
  field: string;
  reason: string;
}

export interface MappingResult {
  value: PlatformRecord;
  issues: MappingIssue[];
  /** Source fields that carried a value with no twin on the target (declared `lossy` in the route). */
  lossy: LossyField[];
}

/** always: keep updating; once: set when the target is created, never after; never: not written. */
export type SyncPolicy = 'always' | 'once' | 'never';
export const SYNC_POLICIES: readonly SyncPolicy[] = ['always', 'once', 'never'];

export interface FieldPolicy {
  /** Dotted target path, e.g. `base_event.is_private`. */
  target: string;
  sync: SyncPolicy;
  /** The platform whose value wins when both sides changed the field. */
  owner?: PlatformName;
  /**
   * The source fields (dotted paths) this field's rule reads, conditions included: when its
   * value last changed on the source is when the latest of these did.
   */
  reads?: readonly string[];
}

export type ConflictPolicy = 'newest-wins' | 'manual';

export interface RouteEnd {
  platform: PlatformName;
  /** The platform's own entity name (`offer_event`, `commission_change`, ...). */
  entity: string;
  key: readonly string[];
}

/** What a route reads, declares lossy or ignores, and writes: printed by `mappings check`. */
export interface CoverageReport {
  /** Source fields some rule or condition reads (keys included). */
  mapped: readonly string[];
  lossy: readonly LossyField[];
  ignored: readonly LossyField[];
  /** Source fields nobody accounted for; non-empty only when coverage gaps are warnings. */
  unaccounted: readonly string[];
  /** Target fields the route writes. */
  targets: readonly string[];
  /** Target fields the platform needs on create (all covered, or the route would not load). */
  required: readonly string[];
}

export interface CompiledRoute {
  /** `offerit.offer->offerslook.offer` */
  name: string;
  source: RouteEnd;
  target: RouteEnd;
  kind: EntityKind;
  fields: readonly FieldPolicy[];
  conflictPolicy: ConflictPolicy;
  /** Pure and total: a bad record yields issues, never an exception. */
  apply(record: PlatformRecord, ctx: ApplyContext): MappingResult;
  reverse?: CompiledRoute;
  /** The file the route was declared in, and whether it was derived as the reverse of a `both` route. */
  file: string;
  derived: boolean;
  coverage: CoverageReport;
}

export interface MappingSet {
  routes: ReadonlyMap<string, CompiledRoute>;
  /** The route that maps records of `from`'s entity of this logical kind to the other platform. */
  route(from: PlatformName, entity: EntityKind): CompiledRoute | undefined;
  /** Problems that did not stop loading (coverage gaps when `coverage: 'warn'`). */
  warnings: readonly string[];
}
