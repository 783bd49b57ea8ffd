export { createDashboard, DEFAULT_DASHBOARD_PATH } from './create-dashboard.js';
export type { DashboardOptions } from './create-dashboard.js';
export { credentialsMatch } from './credentials.js';
export type { DashboardCredentials } from './credentials.js';
export { REDACTED, SECRET_KEY, isSecretKey, redactSecrets, redactText } from './redact-secrets.js';
export { RedactingBullMQAdapter } from './redacting-adapter.js';
export type { RedactingAdapterOptions } from './redacting-adapter.js';
export { consoleJobUrl } from './console-links.js';
