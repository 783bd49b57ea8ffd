export { RedisWebhookReplayStore } from './webhook-replay-store.js';
export type { RedisWebhookReplayStoreOptions, WebhookReplayStore } from './webhook-replay-store.js';
