export * from './links/index.js';
export * from './intents/index.js';
export * from './conflicts/index.js';
export * from './observations/index.js';
export * from './handoff/index.js';
export { LinkConflictError, StoreCorruptionError } from './errors.js';
export type { LinkConflictReason } from './errors.js';
export { LuaScript } from './lua-script.js';
export type { RedisConnection } from './lua-script.js';
