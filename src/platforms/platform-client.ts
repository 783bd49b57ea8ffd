// The port the sync use cases talk to. Each platform adapter turns these entity-level calls
// into its own endpoints; records go in and out in the entity-view shape of `records.ts`.
import type { PlatformName } from '../vocabulary/index.js';
import type { EntityKey, EntityKind, PlatformRecord } from '../vocabulary/index.js';

export interface ListOptions {
  /** For goals and commissions: only those of this offer. */
  offerId?: string;
}

export interface CreateOptions extends ListOptions {
  /**
   * Told the new entity's key as soon as the platform names it, before any follow-up request
   * of the same create (an Offerslook offer's base-event PATCH, an Offerit pause), so a crash in
   * between is resumed by that key instead of by searching. Awaited.
   */
  created?: (key: EntityKey) => Promise<void>;
}

/**
 * What a write left on the platform, as far as its answers tell. Callers never read back what
 * `record` already says: an Offerslook POST or PUT answers the offer itself.
 */
export interface Written {
  key: EntityKey;
  /**
   * The entity view (the shape `get` returns) after the write, composed from the answers and,
   * for an update, the `current` record the caller passed; `undefined` when the answers do not
   * carry the whole entity (Offerit answers ids and status words). Then the caller does not know
   * the entity's content hash until it next reads the entity (see `LinkSide.written`).
   */
  record?: PlatformRecord;
}

/** One entity of a `retireMany` call. */
export type RetireOutcome =
  { key: EntityKey; ok: true } | { key: EntityKey; ok: false; error: unknown };

export interface PlatformClient {
  readonly platform: PlatformName;
  /** One cheap authenticated call; throws a PlatformError naming the reason. */
  ping(): Promise<void>;
  /** Reads one entity; `undefined` when the platform has none with that key. */
  get(key: EntityKey): Promise<PlatformRecord | undefined>;
  /** Streams entities page by page (offers: every offer; goals and commissions: per offer, or all). */
  list(kind: EntityKind, options?: ListOptions): AsyncIterable<PlatformRecord>;
  /**
   * Records that may match these field values (entity-view names), cheaper than a full list
   * where the platform can filter (by name, say). A superset is fine: callers check each one.
   * Optional: callers fall back to `list`.
   */
  search?(
    kind: EntityKind,
    match: PlatformRecord,
    options?: ListOptions,
  ): AsyncIterable<PlatformRecord>;
  /** The key of a record this client returned. */
  keyOf(kind: EntityKind, record: PlatformRecord): EntityKey;
  /**
   * Creates an entity from an entity-view record; returns its new key (and view, when known). A
   * create of several requests may fail after the platform made the entity: `options.created`
   * has then been told its key, which is how a retry finds it instead of creating another.
   */
  create(kind: EntityKind, record: PlatformRecord, options?: CreateOptions): Promise<Written>;
  /**
   * Writes only the given fields (entity-view names) of an existing entity. `current` is the
   * entity as the caller last read it: with it, an answer that carries part of the entity (an
   * Offerslook PUT answers the offer, not its base event) still gives the whole view back.
   */
  update(key: EntityKey, changes: PlatformRecord, current?: PlatformRecord): Promise<Written>;
  /** Retires an entity the platform's way (offers paused, commission payouts zeroed or deleted). */
  retire(key: EntityKey): Promise<void>;
  /**
   * Retires many entities of one kind in as few requests as the platform allows (Offerslook
   * pauses up to 100 offers per call). Optional: callers fall back to `retire` one by one.
   * Resolves with one outcome per key; never rejects for a single entity's failure.
   */
  retireMany?(kind: EntityKind, keys: readonly EntityKey[]): Promise<RetireOutcome[]>;
}

/** Hooks every HTTP request goes through: the per-network limiter and the metrics. */
export interface RequestHooks {
  /** Awaited before each request; the Redis-backed limiter takes its token here. */
  beforeRequest?: (operation: string) => Promise<void>;
  /** Called after each response or failure, for metrics and logs. */
  afterResponse?: (event: {
    operation: string;
    status: number | undefined;
    durationMs: number;
  }) => void;
}
