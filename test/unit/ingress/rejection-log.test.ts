// Rejected webhooks by the minute, on a fake clock: the first five of a window in full, then
// one count per reason when the window ends.
import { describe, expect, it } from 'vitest';
import { RejectionLog } from '../../../src/ingress/webhook/rejection-log.js';

function harness() {
  let now = 1_700_000_000_000;
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  const log = new RejectionLog(
    {
      warn: ((fields: Record<string, unknown>, message: string) =>
        void lines.push({ fields, message })) as never,
    },
    { now: () => now },
  );
  return { log, lines, advance: (ms: number) => (now += ms) };
}

describe('RejectionLog', () => {
  it('logs the first five in full and counts the rest per reason per window', () => {
    const { log, lines, advance } = harness();
    for (let index = 0; index < 100; index += 1) {
      log.record({
        connection: 'offerit',
        status: 401,
        reason: index % 4 ? 'BAD_SIGNATURE' : 'MISSING_TIMESTAMP',
      });
      advance(100);
    }
    expect(lines.map((line) => line.message)).toEqual(Array(5).fill('webhook rejected'));
    expect(lines[1]!.fields).toEqual({ connection: 'offerit', status: 401, code: 'BAD_SIGNATURE' });
    advance(60_000);
    // The next rejection, in a new window, first closes the old one.
    log.record({ connection: 'offerslook', status: 400, reason: 'INVALID_BODY' });
    const summaries = lines.filter(
      (line) => line.message === 'webhooks rejected in the last window',
    );
    expect(summaries.map((line) => line.fields)).toEqual([
      { code: 'MISSING_TIMESTAMP', count: 25, connections: ['offerit'], windowSeconds: 70 },
      { code: 'BAD_SIGNATURE', count: 75, connections: ['offerit'], windowSeconds: 70 },
    ]);
    // The new window logs its first rejections in full again.
    expect(lines.at(-1)).toEqual({
      fields: { connection: 'offerslook', status: 400, code: 'INVALID_BODY' },
      message: 'webhook rejected',
    });
    log.close();
    expect(lines.at(-1)!.fields).toMatchObject({ code: 'INVALID_BODY', count: 1 });
  });

  it('writes nothing when nothing was rejected', () => {
    const { log, lines } = harness();
    log.flush();
    log.close();
    expect(lines).toEqual([]);
  });
});
