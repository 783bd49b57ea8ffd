// How one HTTP answer becomes data or an error of the taxonomy (pure; the e2e tests repeat the
// important ones over a real socket).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PlatformError } from '../../../src/platforms/errors.js';
import { readAnswer } from '../../../src/platforms/offerslook/read-answer.js';

const op = 'GET /v1/offers/7';
const data = z.looseObject({ offer: z.looseObject({ id: z.number() }) });

function failure(answer: Parameters<typeof readAnswer>[1]): PlatformError {
  try {
    readAnswer(op, answer, data);
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }
  throw new Error('expected a failure');
}

describe('readAnswer', () => {
  it('unwraps data from a code-0 envelope', () => {
    const body = JSON.stringify({ code: 0, message: 'Success', data: { offer: { id: 7 } } });
    expect(readAnswer(op, { status: 200, body }, data)).toEqual({ offer: { id: 7 } });
  });

  it.each([
    [401, 'AUTH', false],
    [403, 'AUTH', false],
    [404, 'NOT_FOUND', false],
    [400, 'VALIDATION', false],
    [422, 'VALIDATION', false],
    [500, 'TRANSIENT', true],
    [503, 'TRANSIENT', true],
  ] as const)('maps HTTP %i to %s', (status, code, retryable) => {
    const error = failure({
      status,
      body: JSON.stringify({ code: status, message: 'offer.name: is required' }),
    });
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(status);
    expect(error.platformMessage).toBe('offer.name: is required');
    expect(error.message).toContain('offer.name: is required');
  });

  it('maps 429 to RATE_LIMITED with the wait from Retry-After', () => {
    const error = failure({
      status: 429,
      body: '{"code":429,"message":"Too many requests"}',
      retryAfter: '3',
    });
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterMs).toBe(3000);
  });

  it('treats a non-zero code inside HTTP 200 as a failure: 429 rate limit, else validation', () => {
    const limited = failure({
      status: 200,
      body: '{"code":429,"message":"Too many requests"}',
      retryAfter: '2',
    });
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfterMs).toBe(2000);
    const rejected = failure({ status: 200, body: '{"code":1001,"message":"Offer name exists"}' });
    expect(rejected.code).toBe('VALIDATION');
    expect(rejected.platformMessage).toBe('Offer name exists');
    expect(rejected.message).toContain('code 1001');
  });

  it('calls a body that is not JSON a PROTOCOL error and quotes a piece of it', () => {
    const error = failure({ status: 200, body: '<html><body>Bad gateway</body></html>' });
    expect(error.code).toBe('PROTOCOL');
    expect(error.excerpt).toContain('<html><body>Bad gateway');
    expect(error.message).toContain('not JSON');
  });

  it('calls JSON that is no envelope, or data of the wrong shape, a PROTOCOL error', () => {
    expect(failure({ status: 200, body: '[1,2,3]' }).message).toContain(
      'not an Offerslook envelope',
    );
    const wrong = failure({ status: 200, body: '{"code":0,"data":{"offer":{"id":"seven"}}}' });
    expect(wrong.code).toBe('PROTOCOL');
    expect(wrong.message).toContain('offer.id');
  });

  it('keeps an error body that is not JSON as an excerpt of a 4xx', () => {
    const error = failure({ status: 404, body: 'Not Found' });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('Not Found');
  });
});
