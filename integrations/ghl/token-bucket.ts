import type { Clock } from '../../core/time/clock.ts';

export interface TokenBucket {
  /** Takes one request slot for `key`; returns how many ms to wait before sending (0 = now). */
  reserve(key: string): number;
  /** GHL said the window is spent (X-RateLimit-Remaining: 0): stop sending for `key` until it refills. */
  drain(key: string): void;
}

/**
 * GHL allows 100 requests per 10 s per location (per app). A continuous-refill bucket per
 * location spaces bursts out locally instead of learning about the limit from 429s. Tokens may go
 * negative: each concurrent caller gets its own later slot rather than all waking at once.
 */
export function createTokenBucket(options: { capacity?: number; intervalMs?: number; clock: Clock }): TokenBucket {
  const capacity = options.capacity ?? 100;
  const ratePerMs = capacity / (options.intervalMs ?? 10_000);
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (key: string) => {
    const now = options.clock.now().getTime();
    const b = buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + (now - b.at) * ratePerMs);
    b.at = now;
    buckets.set(key, b);
    return b;
  };
  return {
    reserve(key) {
      const b = refill(key);
      b.tokens -= 1;
      return b.tokens >= 0 ? 0 : Math.ceil(-b.tokens / ratePerMs);
    },
    drain(key) {
      const b = refill(key);
      b.tokens = Math.min(b.tokens, 0);
    },
  };
}
