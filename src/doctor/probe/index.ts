export { runProbe } from './run-probe.js';
export { reportLines, endpointLine, variantText } from './probe-report.js';
export type { EndpointReport, PlatformReport, ProbeReport } from './probe-report.js';
export { OFFERIT_ENDPOINTS } from './probe-offerit.js';
export { OFFERSLOOK_ENDPOINTS } from './probe-offerslook.js';
