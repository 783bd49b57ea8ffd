// The webhook body, checked once at the edge. Ids are platform ids, digits only: they end up in
// job ids, entity keys (`goal:400/48`) and request paths, where `.`, `..`, `/` or `:` would
// change what is asked for.
import { z } from 'zod';
import { PLATFORM_ID, type EntityKind } from '../../vocabulary/index.js';

/** Kinds a webhook may announce; affiliates are matched by reconciliation, not pushed. */
export const WEBHOOK_ENTITIES = [
  'offer',
  'goal',
  'commission',
] as const satisfies readonly EntityKind[];
export type WebhookEntity = (typeof WEBHOOK_ENTITIES)[number];

/** The parsed body: ids are always strings, even when the sender wrote numbers. */
export interface WebhookBody {
  entity: WebhookEntity;
  id: string;
  /** Present exactly when `entity` is a goal or a commission, which live under an offer. */
  offerId?: string;
  event?: string;
}

const required = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required' : `${expected}, got ${describe(issue.input)}`;

// Numeric ids are common in hand-written senders; accept whole numbers and keep them as text.
const entityId = z.preprocess(
  (value) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value,
  z.string({ error: required('expected a string id such as "400"') }).regex(PLATFORM_ID, {
    error: (issue) =>
      `expected digits only (a platform id such as "400"), got ${describe(issue.input)}`,
  }),
);

const schema = z
  .object(
    {
      entity: z.enum(WEBHOOK_ENTITIES, {
        error: required(`expected one of ${WEBHOOK_ENTITIES.join(', ')}`),
      }),
      id: entityId,
      offerId: entityId.optional(),
      event: z
        .string({ error: required('expected a string such as "updated"') })
        .regex(/^[A-Za-z0-9_.-]{1,64}$/, {
          error: 'expected 1 to 64 letters, digits, dots, dashes or underscores',
        })
        .optional(),
    },
    { error: (issue) => `expected a JSON object, got ${describe(issue.input)}` },
  )
  .superRefine((body, ctx) => {
    const nested = body.entity !== 'offer';
    if (nested && body.offerId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['offerId'],
        message: `is required for a ${body.entity} (it lives under an offer)`,
      });
    }
    if (!nested && body.offerId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['offerId'],
        message: 'only goals and commissions take an offerId',
      });
    }
  });

export type ParseResult =
  { ok: true; body: WebhookBody } | { ok: false; issues: { path: string; message: string }[] };

/** Checks an already JSON-decoded value; every issue names its field. */
export function parseWebhookBody(value: unknown): ParseResult {
  const parsed = schema.safeParse(value);
  if (parsed.success) {
    const { entity, id, offerId, event } = parsed.data;
    const body: WebhookBody = { entity, id };
    if (offerId !== undefined) body.offerId = offerId;
    if (event !== undefined) body.event = event;
    return { ok: true, body };
  }
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.join('.') || '(body)',
      message: issue.message,
    })),
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value;
}
