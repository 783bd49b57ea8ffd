// Every request a sandbox answers, in order, for tests to assert what was written and when.
import { maxInAnyWindow } from './sliding-window.js';

export interface LoggedRequest {
  /** Milliseconds since the epoch when the request arrived. */
  time: number;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query and body parameters as the server parsed them (credentials never included). */
  params: Record<string, unknown>;
  status: number;
  /** Whether the request was counted against the rate limit (rejected ones are too). */
  limited: boolean;
}

export class RequestLog {
  private readonly items: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.items.push(entry);
  }

  entries(filter?: (entry: LoggedRequest) => boolean): LoggedRequest[] {
    return filter ? this.items.filter(filter) : [...this.items];
  }

  /** Requests that change state (anything but GET/HEAD) and were accepted. */
  writes(): LoggedRequest[] {
    return this.items.filter(
      (entry) => entry.method !== 'GET' && entry.method !== 'HEAD' && entry.status < 400,
    );
  }

  /** The most requests that reached the server inside any window of `durationMs`. */
  maxInWindow(durationMs: number): number {
    return maxInAnyWindow(
      this.items.filter((entry) => entry.limited).map((entry) => entry.time),
      durationMs,
    );
  }

  clear(): void {
    this.items.length = 0;
  }
}
