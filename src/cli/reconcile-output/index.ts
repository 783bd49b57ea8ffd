export { ItemSpool } from './item-spool.js';
export { outputItem, writeJsonReport } from './json-report.js';
export { formatItemLine, formatSummaryTable, tally } from './summary-table.js';
export type { CountsByKind } from './summary-table.js';
export { createProgressLine } from './progress.js';
export type { ProgressLine } from './progress.js';
