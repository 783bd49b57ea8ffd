export { applyChanges, changesToRecord } from './apply-changes.js';
export { canonicalJson, contentHash } from './content-hash.js';
export type { ContentHashOptions } from './content-hash.js';
export { describeEditTime, laterEdit, latestOf, platformSecond } from './edit-time.js';
export type { EditClock, EditTime } from './edit-time.js';
export { createEquals, defaultEquals, isEmptyValue } from './equals.js';
export type { EqualsOptions, FieldEquals } from './equals.js';
export { linkAfterSync } from './link-after-sync.js';
export type { SyncOutcome } from './link-after-sync.js';
export { getPath, hasPath, omitPaths, setPath, splitPath } from './paths.js';
export { plan } from './plan.js';
export type {
  ConflictPolicy,
  ConflictValues,
  Direction,
  FieldChange,
  FieldNote,
  FieldPolicy,
  FieldReason,
  SyncPolicy,
  Plan,
  PlanAction,
  PlanInput,
} from './types.js';
