/**
 * Per-account token buckets, in memory: each API process keeps its own, so with N instances
 * behind a balancer an account may make up to N times the configured rate (documented).
 * Anonymous requests are limited per client address.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    if (this.perMinute <= 0) return 0;
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + (t - b.at) * this.perMs);
    b.at = t;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return Math.ceil((1 - b.tokens) / this.perMs / 1000);
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 100_000) this.sweep(t);
    return 0;
  }

  /** Forgets full buckets, so memory stays bounded under many distinct clients. */
  private sweep(t: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (t - b.at) * this.perMs >= this.burst) this.buckets.delete(k);
  }
}
