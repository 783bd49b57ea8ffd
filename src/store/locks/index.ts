export type { EntityLock, ListedLock, LockStore } from './lock-store.js';
export { RedisLockStore } from './redis-lock-store.js';
