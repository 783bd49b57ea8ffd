export { assertLinkShape, storedLinkSchema } from './link.js';
export type { Link, LinkSide } from './link.js';
export type { LinkStore, SaveLinkOptions } from './link-store.js';
export { RedisLinkStore } from './redis-link-store.js';
export type { RedisLinkStoreOptions } from './redis-link-store.js';
