export * from './form-values.js';
export * from './envelope.js';
export * from './offer-params.js';
export * from './offer-responses.js';
export * from './goals.js';
export * from './commission-params.js';
export * from './commission-changes.js';
export * from './affiliates.js';
export { formatParamIssues } from './param-issues.js';
