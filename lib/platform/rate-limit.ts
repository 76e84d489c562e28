import { AppError } from '@/lib/platform/errors/app-error';

/**
 * Per-source token buckets, in memory on this node (limits from INGEST_RATE_PER_SEC / INGEST_BURST, validated
 * in lib/platform/env.ts). A source gets `burst` requests at once and `ratePerSec` sustained; N nodes behind a
 * balancer give a source N× that, which is fine for a flood guard: the database behind it is shared anyway.
 */
export interface IngestLimits {
  ratePerSec: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly limits: IngestLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Take one token for `key`; returns 0 when allowed, else the seconds until a token will be there. */
  take(key: string): number {
    const t = this.now();
    const { ratePerSec, burst } = this.limits;
    const b = this.buckets.get(key) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * ratePerSec);
    b.at = t;
    this.buckets.set(key, b);
    if (this.buckets.size > 10_000) this.sweep(t);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / ratePerSec;
  }

  /** Throw 429 with Retry-After (whole seconds, at least 1) when `key` has no token left. */
  consume(key: string): void {
    const wait = this.take(key);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait));
      throw new AppError('RATE_LIMITED', `Rate limit exceeded for this source: retry in ${seconds} s`, [], seconds);
    }
  }

  /** Full buckets carry no information: drop them so a churn of keys cannot grow the map without bound. */
  private sweep(t: number): void {
    const { ratePerSec, burst } = this.limits;
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((t - b.at) / 1000) * ratePerSec >= burst) this.buckets.delete(k);
    }
  }
}
