// Connections and routes: the accounts offer-sync talks to, and which of them it keeps in step.
// A connection is one network's account on one platform, with its own budget, queue, dead
// letters and metrics; a route syncs some entity kinds from one connection to another (of the
// other platform: mappings exist per platform pair).
import type { EntityKind, PlatformName } from '../vocabulary/index.js';
import type { RateLimit } from './duration.js';

export { CONNECTION_NAME } from '../vocabulary/index.js';

interface ConnectionBase {
  /** `main`, `partner-a`; without a config file, the platform's own name. */
  name: string;
  rateLimit: RateLimit;
  timeoutMs: number;
  /** This connection's webhook secret, when it has one of its own (else WEBHOOK_SECRET). */
  webhookSecret?: string;
}

export interface OfferitConfig extends ConnectionBase {
  platform: 'offerit';
  /** Ends in `/api`; endpoint paths like `/offer/add_offer` are appended. */
  baseUrl: string;
  username: string;
  apiKey: string;
  maxOfferId: number;
  emptyWindows: number;
  windowSize: number;
}

export interface OfferslookConfig extends ConnectionBase {
  platform: 'offerslook';
  /** Paths like `/v1/offers` are appended. */
  baseUrl: string;
  network: string;
  apiKey: string;
  pageSize: number;
}

export type ConnectionConfig = OfferitConfig | OfferslookConfig;

/** The entity kinds a route syncs (affiliates are matched, never synced). */
export type RouteEntity = Exclude<EntityKind, 'affiliate'>;
export const ROUTE_ENTITIES: readonly RouteEntity[] = ['offer', 'goal', 'commission'];

/** One direction: `source` -> `target`. A `between` in the config file is two of these. */
export interface RouteConfig {
  /** `partner-b->main` */
  name: string;
  source: string;
  target: string;
  entities: readonly RouteEntity[];
  /**
   * Advertiser ids of the Offerit connection and their twins on the Offerslook connection
   * (`[offeritId, offerslookId]`), whichever way the route runs.
   */
  advertiserMap: ReadonlyArray<readonly [string, string]>;
  /** The folder of YAML mappings this route uses. */
  mappingsDir: string;
  /**
   * New source offers wait in the pending list (`offer-sync pending list`) until approved,
   * instead of being created on the target. @defaultValue false
   */
  approveNew: boolean;
}

export function routeName(source: string, target: string): string {
  return `${source}->${target}`;
}

/** The connection of each platform in a route (a route always joins the two platforms). */
export function sidesOf(
  route: Pick<RouteConfig, 'source' | 'target'>,
  connections: Readonly<Record<string, ConnectionConfig>>,
): Record<PlatformName, ConnectionConfig> {
  const source = connections[route.source]!;
  const target = connections[route.target]!;
  return source.platform === 'offerit'
    ? { offerit: source, offerslook: target }
    : { offerit: target, offerslook: source };
}
