// `offer-sync doctor --probe`: asks each configured connection a few GET requests and reports, per
// endpoint, which of the contract's variants the account answered with, the fields the record
// schemas do not declare, and the mapped fields that came back empty. The mappings are loaded
// only to know which fields they read; without them the probe still runs.
import type { Config, ConnectionConfig } from '../../config/index.js';
import { PLATFORMS } from '../../vocabulary/index.js';
import { MappingLoadError, loadMappings, type MappingSet } from '../../mapping/index.js';
import { mappedPathsOf } from './empty-mapped.js';
import { summarise, type PlatformReport, type ProbeReport } from './probe-report.js';
import { createProbeLimiter } from './probe-limiter.js';
import { probeOfferit } from './probe-offerit.js';
import { probeOfferslook } from './probe-offerslook.js';

export async function runProbe(config: Config): Promise<ProbeReport> {
  const mappings = await loadMappingsOrProblem(config.mappingsDir);
  const mapped = mappedPathsOf(mappings.set);
  const limiter = await createProbeLimiter(config);
  try {
    const probe = async (connection: ConnectionConfig): Promise<PlatformReport> => {
      let requests = 0;
      const hooks = limiter.hooksFor(connection.name, () => (requests += 1));
      const endpoints =
        connection.platform === 'offerit'
          ? await probeOfferit(connection, hooks, mapped)
          : await probeOfferslook(connection, hooks, mapped);
      return {
        platform: connection.platform,
        configured: true,
        ok: endpoints.every((e) => e.ok),
        requests,
        endpoints,
      };
    };
    // Every connection has a budget of its own: probed side by side.
    const connections = Object.values(config.connections);
    const reports = await Promise.all(connections.map(probe));
    const platforms: Record<string, PlatformReport> = Object.fromEntries(
      connections.map((connection, index) => [connection.name, reports[index]!]),
    );
    // Without a config file, a platform whose variables are unset is said so by name.
    if (config.configFile === undefined) {
      for (const platform of PLATFORMS) {
        platforms[platform] ??= {
          platform,
          configured: false,
          ok: true,
          requests: 0,
          endpoints: [],
        };
      }
    }
    const { ok, ...summary } = summarise(platforms);
    return {
      ok,
      limiter: { kind: limiter.kind, detail: limiter.detail },
      mappings: mappings.set
        ? { loaded: true }
        : { loaded: false, ...(mappings.problem ? { problem: mappings.problem } : {}) },
      platforms,
      summary,
    };
  } finally {
    await limiter.close();
  }
}

async function loadMappingsOrProblem(dir: string): Promise<{ set?: MappingSet; problem?: string }> {
  try {
    return { set: await loadMappings(dir) };
  } catch (error) {
    if (!(error instanceof MappingLoadError)) throw error;
    const count = error.errors.length;
    return {
      problem: `${count} mapping error${count === 1 ? '' : 's'} in ${dir} (see offer-sync mappings check)`,
    };
  }
}
