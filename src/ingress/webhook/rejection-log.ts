// Rejected webhooks are noise anyone can make (probes, scanners, a sender with a stale secret),
// so they are logged by the minute instead of one line each: the first few of each minute in
// full (enough to see what is wrong), then, when the minute is over, one line per reason with
// how many there were. A flood of 10 000 bad requests costs a handful of lines.
import type { Logger } from 'pino';

export interface Rejection {
  /** The error code answered: `BAD_SIGNATURE`, `INVALID_BODY`, ... */
  reason: string;
  connection: string;
  status: number;
}

export interface RejectionLogOptions {
  /** Milliseconds since the epoch. @defaultValue Date.now */
  now?: () => number;
  /** @defaultValue 60000 */
  windowMs?: number;
  /** Rejections logged in full per window, all reasons together. @defaultValue 5 */
  firstInFull?: number;
}

export class RejectionLog {
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly firstInFull: number;
  private windowStart: number | undefined;
  private inFull = 0;
  private readonly counts = new Map<string, { count: number; connections: Set<string> }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Pick<Logger, 'warn'>,
    options: RejectionLogOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.windowMs = options.windowMs ?? 60_000;
    this.firstInFull = options.firstInFull ?? 5;
  }

  record(rejection: Rejection): void {
    const now = this.now();
    if (this.windowStart !== undefined && now - this.windowStart >= this.windowMs) this.flush();
    if (this.windowStart === undefined) {
      this.windowStart = now;
      this.schedule();
    }
    const entry = this.counts.get(rejection.reason) ?? { count: 0, connections: new Set() };
    entry.count += 1;
    entry.connections.add(rejection.connection);
    this.counts.set(rejection.reason, entry);
    if (this.inFull < this.firstInFull) {
      this.inFull += 1;
      this.logger.warn(
        { connection: rejection.connection, status: rejection.status, code: rejection.reason },
        'webhook rejected',
      );
    }
  }

  /** Ends the current window: one summary line per reason seen in it. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.windowStart === undefined) return;
    const seconds = Math.round(Math.max(this.now() - this.windowStart, 0) / 1000);
    for (const [reason, { count, connections }] of this.counts) {
      this.logger.warn(
        { code: reason, count, connections: [...connections].sort(), windowSeconds: seconds },
        'webhooks rejected in the last window',
      );
    }
    this.counts.clear();
    this.inFull = 0;
    this.windowStart = undefined;
  }

  /** Logs what the current window holds and stops the timer (on shutdown). */
  close(): void {
    this.flush();
  }

  private schedule(): void {
    // Unref'd: a pending summary never keeps the process alive.
    this.timer = setTimeout(() => this.flush(), this.windowMs);
    this.timer.unref();
  }
}
