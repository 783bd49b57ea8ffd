// What `offer-sync doctor --probe` finds, in the shape `--json` prints (stable: fields are only
// ever added) and as the lines it prints without `--json`.
import type { PlatformName } from '../../vocabulary/index.js';

export interface EndpointReport {
  /** `GET /v1/batches/offers`; ids in paths stay placeholders (`/v1/offers/{id}/all`). */
  endpoint: string;
  /** The answer could be read by the client's own schemas (a skipped endpoint counts as ok). */
  ok: boolean;
  /** Each way the contract lets this answer vary, and the one the account answered with. */
  variant: Record<string, string>;
  /** Keys the record schemas do not declare (names only, prefixed by where they sit). */
  unexpected: string[];
  /** Fields the shipped mappings read that were empty or missing in every record probed. */
  emptyMapped: string[];
  /** Why the answer could not be read (a shape, or the platform failure): only when not ok. */
  problem?: string;
  /** Why the endpoint was not asked (nothing to ask it about, or its platform failed first). */
  skipped?: string;
}

export interface PlatformReport {
  /** The connection's platform (its key in `platforms` is the connection's name). */
  platform: PlatformName;
  configured: boolean;
  ok: boolean;
  /** HTTP requests the probe sent this platform (all GET). */
  requests: number;
  endpoints: EndpointReport[];
}

export interface ProbeReport {
  ok: boolean;
  /** `redis`: the shared limiter; `local`: paced in this process (Redis unreachable). */
  limiter: { kind: 'redis' | 'local'; detail: string };
  /** Whether the mappings loaded (without them `emptyMapped` stays empty). */
  mappings: { loaded: boolean; problem?: string };
  /**
   * By connection name. Without a config file the two connections are named after their
   * platforms (`offerit`, `offerslook`), and an unconfigured one is listed as not configured.
   */
  platforms: Record<string, PlatformReport>;
  summary: { endpoints: number; failed: number; skipped: number; requests: number };
}

/** `message by-id, return_columns honoured`: the variant as words. */
export function variantText(variant: Record<string, string>): string {
  return Object.entries(variant)
    .map(([dimension, value]) => `${dimension} ${value}`)
    .join(', ');
}

/** One line per endpoint, then the summary line. */
export function reportLines(report: ProbeReport): string[] {
  const lines = [`limiter: ${report.limiter.detail}`];
  if (!report.mappings.loaded)
    lines.push(
      `warn  mappings: ${report.mappings.problem ?? 'not loaded'}; mapped fields not checked`,
    );
  for (const [platform, result] of Object.entries(report.platforms)) {
    if (!result.configured) {
      lines.push(
        `skip  ${platform}: not configured (set the ${result.platform.toUpperCase()}_* variables)`,
      );
      continue;
    }
    for (const endpoint of result.endpoints) lines.push(endpointLine(platform, endpoint));
  }
  lines.push(summaryLine(report));
  return lines;
}

export function endpointLine(platform: string, endpoint: EndpointReport): string {
  const name = `${platform} ${endpoint.endpoint}`;
  if (!endpoint.ok) return `FAIL  ${name}: ${endpoint.problem ?? 'could not be read'}`;
  if (endpoint.skipped !== undefined) return `skip  ${name}: ${endpoint.skipped}`;
  const parts = [variantText(endpoint.variant) || 'read'];
  if (endpoint.unexpected.length > 0)
    parts.push(`unexpected fields: ${endpoint.unexpected.join(', ')}`);
  if (endpoint.emptyMapped.length > 0)
    parts.push(`mapped fields empty or missing: ${endpoint.emptyMapped.join(', ')}`);
  return `ok    ${name}: ${parts.join('; ')}`;
}

function summaryLine(report: ProbeReport): string {
  const { endpoints, failed, skipped, requests } = report.summary;
  const perPlatform = Object.entries(report.platforms)
    .filter(([, result]) => result.configured)
    .map(([platform, result]) => `${platform} ${result.requests}`)
    .join(', ');
  const sent = `${requests} GET request${requests === 1 ? '' : 's'} (${perPlatform})`;
  if (failed === 0) {
    const read = endpoints - skipped;
    return `probe passed: ${read} endpoint${read === 1 ? '' : 's'} read${skipped > 0 ? `, ${skipped} skipped` : ''}; ${sent}`;
  }
  const names = Object.entries(report.platforms).flatMap(([platform, result]) =>
    result.endpoints.filter((endpoint) => !endpoint.ok).map((e) => `${platform} ${e.endpoint}`),
  );
  return `probe failed: ${failed} of ${endpoints} endpoints could not be read (${names.join(', ')}); ${sent}`;
}

/** Totals and the overall verdict, from the platform reports. */
export function summarise(
  platforms: Record<string, PlatformReport>,
): ProbeReport['summary'] & { ok: boolean } {
  const all = Object.values(platforms).flatMap((result) => result.endpoints);
  const failed = all.filter((endpoint) => !endpoint.ok).length;
  return {
    ok: failed === 0,
    endpoints: all.length,
    failed,
    skipped: all.filter((endpoint) => endpoint.ok && endpoint.skipped !== undefined).length,
    requests: Object.values(platforms).reduce((sum, result) => sum + result.requests, 0),
  };
}
