import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { LinkConflictError } from '../../../src/store/index.js';
import { MappingRejectedError, ParentNotLinkedError } from '../../../src/sync/run/index.js';
import { z } from 'zod';
import { PlatformError, RETRYABLE, type PlatformErrorCode } from '../../../src/platforms/errors.js';
import { httpFailure, transportFailure } from '../../../src/platforms/http/classify.js';
import { JobPayloadError, classifyFailure } from '../../../src/queue/index.js';

describe('classifyFailure', () => {
  it('follows the RETRYABLE table for every platform error code', () => {
    const expected: Record<PlatformErrorCode, string> = {
      AUTH: 'permanent',
      NOT_FOUND: 'permanent',
      VALIDATION: 'permanent',
      PROTOCOL: 'permanent',
      TRANSIENT: 'backoff',
      RATE_LIMITED: 'rate-limited',
    };
    for (const code of Object.keys(RETRYABLE) as PlatformErrorCode[]) {
      const failure = classifyFailure(
        new PlatformError(code, `offerit op: ${code}`, { platform: 'offerit' }),
      );
      expect(failure.action, code).toBe(expected[code]);
      expect(failure.code).toBe(code);
    }
  });

  it('passes on the Retry-After of a 429', () => {
    const error = httpFailure('offerslook', 'POST /v1/offers', {
      status: 429,
      retryAfterHeader: '3',
    });
    expect(classifyFailure(error)).toMatchObject({
      action: 'rate-limited',
      delayMs: 3000,
      code: 'RATE_LIMITED',
    });
    const bare = httpFailure('offerslook', 'POST /v1/offers', { status: 429 });
    expect(classifyFailure(bare).delayMs).toBeUndefined();
  });

  it("puts the code and the platform's own message in the reason", () => {
    const error = httpFailure('offerslook', 'POST /v1/offers', {
      status: 422,
      platformMessage: 'name is required',
    });
    const failure = classifyFailure(error);
    expect(failure.action).toBe('permanent');
    expect(failure.reason).toMatch(/^\[VALIDATION\] /);
    expect(failure.reason).toContain('name is required');
    const terse = new PlatformError('AUTH', 'offerit GET /service/ping: not authorised', {
      platform: 'offerit',
      platformMessage: 'bad key',
    });
    expect(classifyFailure(terse).reason).toBe(
      '[AUTH] offerit GET /service/ping: not authorised: bad key',
    );
  });

  it('retries timeouts and resets with backoff', () => {
    const timeout = transportFailure('offerit', 'GET /offer/get_details', { code: 'ETIMEDOUT' });
    expect(classifyFailure(timeout).action).toBe('backoff');
  });

  it('fails schema errors, unrecoverable errors and bugs for good', () => {
    const zodError = z.object({ a: z.string() }).safeParse({}).error;
    expect(classifyFailure(zodError)).toMatchObject({ action: 'permanent', code: 'INVALID_DATA' });
    expect(classifyFailure(new JobPayloadError('bad'))).toMatchObject({
      action: 'permanent',
      code: 'INVALID_PAYLOAD',
    });
    expect(classifyFailure(new UnrecoverableError('stop'))).toMatchObject({
      action: 'permanent',
      code: 'UNRECOVERABLE',
    });
    const bug = classifyFailure(
      new TypeError("Cannot read properties of undefined (reading 'id')"),
    );
    expect(bug).toMatchObject({ action: 'permanent', code: 'BUG' });
    expect(bug.reason).toContain('TypeError');
    expect(classifyFailure('a string was thrown')).toMatchObject({
      action: 'permanent',
      code: 'BUG',
    });
  });

  it('backs off when the infrastructure under the job hiccups', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), {
      code: 'ECONNREFUSED',
    });
    expect(classifyFailure(refused)).toMatchObject({ action: 'backoff', code: 'ECONNREFUSED' });
    expect(classifyFailure(new Error('Connection is closed.')).action).toBe('backoff');
    const maxRetries = Object.assign(new Error('Reached the max retries per request limit'), {
      name: 'MaxRetriesPerRequestError',
    });
    expect(classifyFailure(maxRetries).action).toBe('backoff');
    // Only our own errors (one base, OfferSyncError) are believed about being retryable.
    expect(classifyFailure(new LinkConflictError('stale', 'link changed meanwhile'))).toMatchObject(
      {
        action: 'backoff',
        code: 'LINK_CONFLICT',
      },
    );
    const flagged = Object.assign(new Error('store busy'), { retryable: true });
    expect(classifyFailure(flagged)).toMatchObject({ action: 'permanent', code: 'BUG' });
  });

  it('keeps reasons to one bounded line', () => {
    const failure = classifyFailure(new Error(`line one\nline two ${'x'.repeat(2000)}`));
    expect(failure.reason).not.toContain('\n');
    expect(failure.reason.length).toBeLessThanOrEqual(501);
  });

  it('keeps the code of our own errors that say they are permanent or retryable', () => {
    const mapping = new MappingRejectedError('offerit.offer->offerslook.offer', [
      { field: 'payout_type', code: 'UNMAPPABLE', message: 'commission_type 201 has no twin' },
    ]);
    expect(classifyFailure(mapping)).toMatchObject({ action: 'permanent', code: 'MAPPING' });
    expect(classifyFailure(mapping).reason).toContain('commission_type 201 has no twin');
    expect(classifyFailure(new ParentNotLinkedError('goal:400/48'))).toMatchObject({
      action: 'backoff',
      code: 'PARENT_NOT_LINKED',
    });
  });
});
