// Fault injection for the sandboxes: a share of requests fail the ways real platforms fail,
// chosen by a seeded random source so a failing test can be replayed, plus a script of
// faults for the next N requests so a test can force an exact sequence.

export type FaultKind =
  /** HTTP 503 with the platform's error envelope. */
  | 'server-error'
  /** The request hangs until the client gives up (the connection is then dropped). */
  | 'timeout'
  /** The socket is destroyed mid-request (ECONNRESET on the client). */
  | 'reset'
  /** HTTP 200 with a body that is not JSON. */
  | 'malformed'
  /**
   * HTTP 200 with a success envelope whose content no client schema reads: records (or list rows)
   * that are objects of unknown keys. Scope it to one path with `pathPattern` to make one
   * endpoint answer a shape the client cannot read (what `doctor --probe` must name).
   */
  | 'wrong-shape'
  /** Offerit only: HTTP 200 with `{"result":"Failure"}`. */
  | 'failure-envelope'
  /** HTTP 429 with Retry-After, as if the budget were spent. */
  | 'rate-limited';

export interface FaultOptions {
  /** Share of requests (0..1) answered with each fault kind. */
  rates?: Partial<Record<FaultKind, number>>;
  /** Seed of the random source; the same seed gives the same faults. */
  seed?: number;
  /** Only requests whose path matches are eligible for random faults. */
  pathPattern?: RegExp;
}

export class FaultInjector {
  private rates: Partial<Record<FaultKind, number>> = {};
  private pathPattern: RegExp | undefined;
  private random: () => number = mulberry32(1);
  private readonly script: FaultKind[] = [];

  constructor(options: FaultOptions = {}) {
    this.configure(options);
  }

  configure(options: FaultOptions): void {
    this.rates = { ...(options.rates ?? {}) };
    this.pathPattern = options.pathPattern;
    this.random = mulberry32(options.seed ?? 1);
  }

  /** Forces these faults, in order, on the next requests (before any random ones). */
  failNext(...kinds: FaultKind[]): void {
    this.script.push(...kinds);
  }

  reset(): void {
    this.rates = {};
    this.pathPattern = undefined;
    this.script.length = 0;
  }

  /** Decides the fault for one request, if any. */
  next(path: string): FaultKind | undefined {
    const scripted = this.script.shift();
    if (scripted) return scripted;
    if (this.pathPattern && !this.pathPattern.test(path)) return undefined;
    let roll = this.random();
    for (const [kind, rate] of Object.entries(this.rates) as [FaultKind, number][]) {
      if (roll < rate) return kind;
      roll -= rate;
    }
    return undefined;
  }
}

/** A small seeded PRNG (public domain); good enough to pick faults reproducibly. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
