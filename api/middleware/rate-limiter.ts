/**
 * Token buckets kept in this process: each key may make `limit` requests per window, refilled
 * continuously. Several API processes each count on their own, so the effective limit behind a
 * load balancer is `limit` times the number of processes.
 */
export type Take = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const SWEEP_AT = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly limit: number,
    windowMs: number,
  ) {
    this.perMs = limit / windowMs;
  }

  /** Takes one request from `key`'s bucket at time `now` (ms). */
  take(key: string, now: number): Take {
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.perMs / 1000),
    };
  }

  private refilled(key: string, now: number): Bucket {
    const known = this.buckets.get(key);
    if (!known) {
      if (this.buckets.size >= SWEEP_AT) {
        this.sweep(now);
      }
      const fresh = { tokens: this.limit, updatedAt: now };
      this.buckets.set(key, fresh);
      return fresh;
    }
    known.tokens = Math.min(this.limit, known.tokens + (now - known.updatedAt) * this.perMs);
    known.updatedAt = now;
    return known;
  }

  /** Forgets buckets that have refilled completely: they are as good as new ones. */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.perMs >= this.limit) {
        this.buckets.delete(key);
      }
    }
  }
}
