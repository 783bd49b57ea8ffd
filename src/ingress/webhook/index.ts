export { handleWebhook } from './handle-webhook.js';
export type {
  AcceptedBody,
  EnqueueSync,
  EnqueueSyncRequest,
  WebhookDeps,
  WebhookRequest,
} from './handle-webhook.js';
export {
  DEFAULT_TOLERANCE_MS,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
  verifyWebhookSignature,
} from './signature.js';
export type { VerifyInput, VerifyResult } from './signature.js';
export { WEBHOOK_ENTITIES, parseWebhookBody } from './webhook-body.js';
export type { ParseResult, WebhookBody, WebhookEntity } from './webhook-body.js';
