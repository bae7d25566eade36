import { TokenBucket } from '../sync/TokenBucket';

const MAX_TRACKED = 10_000;

/**
 * Wrong app passwords per key (the caller's address): a burst, then one try
 * per `refillMs`. Only keys that failed have a bucket, which every later try
 * draws from; a right password clears it, so many clients behind one address
 * polling with the right password are never slowed.
 */
export class FailureLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly burst = 10,
    private readonly refillMs = 30_000,
  ) {}

  /** False when the key has used up its tries (this try counts). */
  attempt(key: string, now: number): boolean {
    const b = this.buckets.get(key);
    return !b || b.take(1, now);
  }

  failed(key: string, now: number): void {
    if (this.buckets.has(key)) return;
    if (this.buckets.size >= MAX_TRACKED) this.buckets.delete(this.buckets.keys().next().value!);
    const b = new TokenBucket(this.burst, 1000 / this.refillMs, now);
    b.take(1, now);
    this.buckets.set(key, b);
  }

  succeeded(key: string): void {
    this.buckets.delete(key);
  }

  get retryAfterSeconds(): number {
    return Math.ceil(this.refillMs / 1000);
  }
}
