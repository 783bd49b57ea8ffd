// LOG_FORMAT: pretty lines for people, JSON for machines, and the same redaction in both.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { createProcessLogger, resolveLogFormat } from '../../../src/log/logger.js';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

const SECRET = 'sk-live-0123456789';

function logOneSecretLine(format: 'json' | 'pretty' | undefined, isTTY: boolean): string {
  const out = sink();
  const logger = createProcessLogger({ format, isTTY, destination: out.stream });
  logger.info(
    { request: { headers: { authorization: `Basic ${SECRET}` } }, apiKey: SECRET, offer: '400' },
    'offer synced',
  );
  logger.flush();
  return out.text();
}

describe('process logger format', () => {
  it('LOG_FORMAT=pretty writes human lines, not JSON, and still redacts secrets', () => {
    const text = logOneSecretLine('pretty', false);
    expect(text).toMatch(/INFO.*offer synced/);
    expect(text).toContain('offer: "400"');
    expect(() => JSON.parse(text.split('\n')[0]!) as unknown).toThrow();
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(SECRET);
  });

  it('unset on a non-terminal writes one JSON object per line, redacted', () => {
    const text = logOneSecretLine(undefined, false);
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'offer synced', offer: '400', apiKey: '[redacted]' });
    expect(text).not.toContain(SECRET);
  });

  it('unset on a terminal is pretty; an explicit json wins over the terminal', () => {
    expect(resolveLogFormat(undefined, true)).toBe('pretty');
    expect(resolveLogFormat(undefined, false)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
    expect(() => JSON.parse(logOneSecretLine(undefined, true).trim()) as unknown).toThrow();
    expect(JSON.parse(logOneSecretLine('json', true).trim())).toMatchObject({
      msg: 'offer synced',
    });
  });

  it('LOG_FORMAT is read from the environment and a wrong value is named', () => {
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT: expected json or pretty/);
  });
});
