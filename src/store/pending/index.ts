export type {
  ApprovalDecision,
  PendingEntry,
  PendingStore,
  PendingSummary,
  Rejection,
} from './pending-store.js';
export { RedisPendingStore } from './redis-pending-store.js';
