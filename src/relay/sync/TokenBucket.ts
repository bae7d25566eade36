/**
 * A token bucket in two numbers (per-connection memory stays tiny): `capacity`
 * tokens, refilled at `perSecond`. take() is false when the bucket is empty.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.at = now;
  }

  take(cost: number, now: number): boolean {
    const elapsed = Math.max(0, now - this.at);
    this.at = now;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.perSecond) / 1000);
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}
