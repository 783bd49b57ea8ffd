// `offer-sync doctor --probe`: asks each configured platform a few GET requests and reports, per
// endpoint, which of the contract's variants the account answered with, the fields the record
// schemas do not declare, and the mapped fields that came back empty. The mappings are loaded
// only to know which fields they read; without them the probe still runs.
import type { Config } from '../../config/index.js';
import type { PlatformName } from '../../vocabulary/index.js';
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
    const probe = async (
      platform: PlatformName,
      run:
        | ((hooks: ReturnType<typeof limiter.hooksFor>) => Promise<PlatformReport['endpoints']>)
        | undefined,
    ): Promise<PlatformReport> => {
      if (!run) return { configured: false, ok: true, requests: 0, endpoints: [] };
      let requests = 0;
      const endpoints = await run(limiter.hooksFor(platform, () => (requests += 1)));
      return { configured: true, ok: endpoints.every((e) => e.ok), requests, endpoints };
    };
    const { offerit, offerslook } = config;
    // The two networks have budgets of their own: probed side by side.
    const [offeritReport, offerslookReport] = await Promise.all([
      probe('offerit', offerit && ((hooks) => probeOfferit(offerit, hooks, mapped))),
      probe('offerslook', offerslook && ((hooks) => probeOfferslook(offerslook, hooks, mapped))),
    ]);
    const platforms = { offerit: offeritReport, offerslook: offerslookReport };
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
