// GET /readyz: whether this process should receive traffic, as the injected check decides.
import type { HandlerResponse } from '../http/handler-response.js';

export interface ReadinessReport {
  ready: boolean;
  /** One line per dependency, e.g. `{ redis: 'ok', offerslook: 'rate limited' }`. */
  checks: Record<string, string>;
}

export type Readiness = () => Promise<ReadinessReport>;

export interface ReadinessDeps {
  readiness: Readiness;
  /** A check slower than this counts as not ready, in milliseconds. @defaultValue 5000 */
  timeoutMs?: number;
}

export async function handleReadiness(
  deps: ReadinessDeps,
): Promise<HandlerResponse<ReadinessReport>> {
  const timeoutMs = deps.timeoutMs ?? 5000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const report = await Promise.race([
      deps.readiness(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`readiness check gave no answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
    return { status: report.ready ? 200 : 503, body: report };
  } catch (error) {
    return { status: 503, body: { ready: false, checks: { readiness: (error as Error).message } } };
  } finally {
    clearTimeout(timer);
  }
}
