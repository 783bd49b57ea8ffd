// What both simulated platforms share: the request log, the sliding-window rate limit,
// latency, fault injection, and the `/__sandbox/*` control endpoints that let tests and the
// demo drive a standalone sandbox from another process. Each platform supplies its own
// error shapes through a Responder.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimit } from '../../config/index.js';
import { FaultInjector, type FaultKind, type FaultOptions } from './faults.js';
import { RequestLog } from './request-log.js';
import { SlidingWindow } from './sliding-window.js';

export interface SandboxOptions {
  /** The platform's budget; `null` for none. */
  rateLimit?: RateLimit | null;
  /** Added to every request, in milliseconds. @defaultValue 0 */
  latencyMs?: number;
  faults?: FaultOptions;
}

/** The platform's own answers for the failures the runtime produces. */
export interface Responder {
  rateLimited(reply: FastifyReply, retryAfterSeconds: number): FastifyReply;
  fault(reply: FastifyReply, kind: Exclude<FaultKind, 'timeout' | 'reset'>): FastifyReply;
}

/** Platform state hooks used by the control endpoints. */
export interface SandboxState {
  reset(): void;
  seed(fixtures: unknown): void;
  snapshot(): unknown;
}

/**
 * A platform's answer variants: where the contract lists several ways a real network may answer,
 * the sandbox can answer each one, chosen here. `POST /__sandbox/settings` passes its `answers`
 * (a preset: `v1` or `v2`, the contract's versions) and `variants` (single switches) to `apply`.
 */
export interface VariantSettings {
  /** Validates and applies a preset and/or switches; throws an Error naming a bad one. */
  apply(change: { answers?: unknown; variants?: unknown }): void;
  /** The switches in force, for the settings answer and for tests. */
  current(): Record<string, unknown>;
}

const CONTROL_PREFIX = '/__sandbox';

export class SandboxRuntime {
  readonly log = new RequestLog();
  readonly faults: FaultInjector;
  private window: SlidingWindow | undefined;
  latencyMs: number;

  constructor(options: SandboxOptions = {}) {
    this.faults = new FaultInjector(options.faults);
    this.latencyMs = options.latencyMs ?? 0;
    this.setRateLimit(options.rateLimit ?? null);
  }

  setRateLimit(limit: RateLimit | null): void {
    this.window = limit ? new SlidingWindow(limit.max, limit.durationMs) : undefined;
  }

  get rateLimit(): RateLimit | null {
    return this.window ? { max: this.window.max, durationMs: this.window.durationMs } : null;
  }

  /** Installs the hooks on `app`; call before registering the platform's routes. */
  install(
    app: FastifyInstance,
    responder: Responder,
    state: SandboxState,
    variants?: VariantSettings,
  ): void {
    app.addHook('onRequest', async (request, reply) => {
      if (isControl(request)) return;
      const started = Date.now();
      request.sandbox = { started, limited: false, logged: false };
      if (this.latencyMs > 0) await sleep(this.latencyMs);
      if (this.window) {
        request.sandbox.limited = true;
        const slot = this.window.take(started);
        if (!slot.ok) {
          // Retry-After is whole seconds on the wire; round up so a polite client is never early.
          return responder.rateLimited(reply, Math.max(1, Math.ceil(slot.retryAfterMs / 1000)));
        }
      }
      return undefined;
    });

    app.addHook('preHandler', async (request, reply) => {
      if (isControl(request)) return undefined;
      const fault = this.faults.next(request.url.split('?')[0] ?? request.url);
      if (!fault) return undefined;
      if (fault === 'timeout') {
        // Hold the request until the client gives up, then drop it.
        reply.hijack();
        this.record(request, 0);
        await new Promise((resolve) => request.raw.once('close', resolve));
        request.raw.socket?.destroy();
        return reply;
      }
      if (fault === 'reset') {
        reply.hijack();
        this.record(request, 0);
        request.raw.socket?.destroy();
        return reply;
      }
      if (fault === 'rate-limited') return responder.rateLimited(reply, 1);
      return responder.fault(reply, fault);
    });

    app.addHook('onResponse', async (request, reply) => {
      if (!isControl(request)) this.record(request, reply.statusCode);
    });

    app.get(`${CONTROL_PREFIX}/log`, (_request, reply) =>
      reply.send({ requests: this.log.entries() }),
    );
    app.get(`${CONTROL_PREFIX}/state`, (_request, reply) => reply.send(state.snapshot()));
    app.post(`${CONTROL_PREFIX}/reset`, (_request, reply) => {
      state.reset();
      this.log.clear();
      this.faults.reset();
      return reply.send({ ok: true });
    });
    app.post(`${CONTROL_PREFIX}/seed`, (request, reply) => {
      state.seed(request.body);
      return reply.send({ ok: true });
    });
    app.post(`${CONTROL_PREFIX}/settings`, (request, reply) => {
      const body = (request.body ?? {}) as {
        rateLimit?: RateLimit | null;
        latencyMs?: number;
        /** `path`: a regular expression (source text) the random faults are limited to. */
        faults?: { rates?: FaultOptions['rates']; seed?: number; path?: string };
        failNext?: FaultKind[];
        answers?: unknown;
        variants?: unknown;
      };
      // Checked before anything changes: a bad setting leaves every other one alone.
      let pathPattern: RegExp | undefined;
      try {
        pathPattern = body.faults?.path === undefined ? undefined : new RegExp(body.faults.path);
      } catch (error) {
        return reply
          .code(400)
          .send({ ok: false, error: `faults.path: ${(error as Error).message}` });
      }
      if (body.answers !== undefined || body.variants !== undefined) {
        if (!variants)
          return reply.code(400).send({ ok: false, error: 'this sandbox has no variants' });
        try {
          variants.apply({ answers: body.answers, variants: body.variants });
        } catch (error) {
          return reply.code(400).send({ ok: false, error: (error as Error).message });
        }
      }
      if (body.rateLimit !== undefined) this.setRateLimit(body.rateLimit);
      if (body.latencyMs !== undefined) this.latencyMs = body.latencyMs;
      if (body.faults) {
        const { path: _path, ...faults } = body.faults;
        this.faults.configure({ ...faults, ...(pathPattern ? { pathPattern } : {}) });
      }
      if (body.failNext) this.faults.failNext(...body.failNext);
      return reply.send({
        ok: true,
        rateLimit: this.rateLimit,
        latencyMs: this.latencyMs,
        ...(variants ? { variants: variants.current() } : {}),
      });
    });
  }

  private record(request: FastifyRequest, status: number): void {
    const meta = request.sandbox;
    if (!meta || meta.logged) return;
    meta.logged = true;
    this.log.add({
      time: meta.started,
      method: request.method,
      path: request.url.split('?')[0] ?? request.url,
      params: paramsOf(request),
      status,
      limited: meta.limited,
    });
  }
}

function paramsOf(request: FastifyRequest): Record<string, unknown> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body =
    request.body && typeof request.body === 'object'
      ? (request.body as Record<string, unknown>)
      : {};
  return { ...query, ...body };
}

function isControl(request: FastifyRequest): boolean {
  return request.url.startsWith(CONTROL_PREFIX);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

declare module 'fastify' {
  interface FastifyRequest {
    sandbox?: { started: number; limited: boolean; logged: boolean };
  }
}
