import { describe, expect, it } from 'vitest';
import { handleHealth, handleMetrics, handleReadiness } from '../../../src/ingress/index.js';

describe('probes', () => {
  it('healthz always answers 200', () => {
    expect(handleHealth()).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('readyz passes the checks through with 200 or 503', async () => {
    const checks = { redis: 'ok', offerslook: 'ok' };
    expect(
      await handleReadiness({ readiness: () => Promise.resolve({ ready: true, checks }) }),
    ).toEqual({
      status: 200,
      body: { ready: true, checks },
    });
    const down = { redis: 'connection refused' };
    expect(
      await handleReadiness({ readiness: () => Promise.resolve({ ready: false, checks: down }) }),
    ).toEqual({
      status: 503,
      body: { ready: false, checks: down },
    });
  });

  it('readyz turns a failing or hanging check into 503 with the reason', async () => {
    expect(
      await handleReadiness({ readiness: () => Promise.reject(new Error('redis: NOAUTH')) }),
    ).toEqual({
      status: 503,
      body: { ready: false, checks: { readiness: 'redis: NOAUTH' } },
    });
    const hanging = await handleReadiness({
      readiness: () => new Promise(() => {}),
      timeoutMs: 50,
    });
    expect(hanging).toEqual({
      status: 503,
      body: { ready: false, checks: { readiness: 'readiness check gave no answer within 50 ms' } },
    });
  });

  it('metrics answers with the registry text and content type', async () => {
    const response = await handleMetrics({
      text: () => Promise.resolve('up 1\n'),
      contentType: 'text/plain; version=0.0.4',
    });
    expect(response).toEqual({
      status: 200,
      body: 'up 1\n',
      headers: { 'content-type': 'text/plain; version=0.0.4' },
    });
  });
});
