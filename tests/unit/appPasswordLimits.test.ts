import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../src/relay/accounts/FailureLimiter';
import { feedLevelFor } from '../../src/relay/http/servePersonalFeed';

describe('feedLevelFor', () => {
  it('serves a personal feed at the person level, never above reviewer, nothing at none', () => {
    expect(feedLevelFor('none')).toBeNull();
    expect(feedLevelFor('availability')).toBe('availability');
    expect(feedLevelFor('limited')).toBe('limited');
    for (const l of ['reviewer', 'editor', 'delegate', 'owner'] as const) expect(feedLevelFor(l)).toBe('reviewer');
  });
});

describe('FailureLimiter', () => {
  it('lets an address try freely until it fails, then a burst, then one try per refill', () => {
    const l = new FailureLimiter(3, 1_000);
    expect(l.attempt('a', 0)).toBe(true);
    l.failed('a', 0);
    expect(l.attempt('a', 0)).toBe(true);
    expect(l.attempt('a', 0)).toBe(true);
    expect(l.attempt('a', 0)).toBe(false);
    // Another address is not affected.
    expect(l.attempt('b', 0)).toBe(true);
    expect(l.attempt('a', 1_000)).toBe(true);
    expect(l.attempt('a', 1_000)).toBe(false);
    l.succeeded('a');
    expect(l.attempt('a', 1_000)).toBe(true);
    expect(l.retryAfterSeconds).toBe(1);
  });
});
