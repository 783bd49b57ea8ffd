// The port the sync use cases talk to. Each platform adapter turns these entity-level calls
// into its own endpoints; records go in and out in the entity-view shape of `records.ts`.
import type { PlatformName } from '../config/index.js';
import type { EntityKey, EntityKind, PlatformRecord } from './entities.js';

export interface ListOptions {
  /** For goals and commissions: only those of this offer. */
  offerId?: string;
}

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
  /** Creates an entity from an entity-view record; returns its new key. */
  create(kind: EntityKind, record: PlatformRecord, options?: ListOptions): Promise<EntityKey>;
  /** Writes only the given fields (entity-view names) of an existing entity. */
  update(key: EntityKey, changes: PlatformRecord): Promise<void>;
  /** Retires an entity the platform's way (offers paused, commission payouts zeroed or deleted). */
  retire(key: EntityKey): Promise<void>;
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
