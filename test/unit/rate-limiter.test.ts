import { RateLimiter } from '../../api/middleware/rate-limiter';

describe('RateLimiter', () => {
  it('allows `limit` requests at once, then refuses with the seconds until the next one', () => {
    const limiter = new RateLimiter(3, 60_000);

    const answers = [0, 1, 2, 3].map(() => limiter.take('k', 1_000));

    expect(answers.slice(0, 3).every((a) => a.allowed)).toBe(true);
    expect(answers[3]).toEqual({ allowed: false, retryAfterSeconds: 20 });
  });

  it('refills continuously and counts each key on its own', () => {
    const limiter = new RateLimiter(2, 10_000);
    limiter.take('a', 0);
    limiter.take('a', 0);

    expect(limiter.take('a', 1_000).allowed).toBe(false);
    expect(limiter.take('b', 1_000).allowed).toBe(true);
    expect(limiter.take('a', 5_000).allowed).toBe(true);
    expect(limiter.take('a', 5_000).allowed).toBe(false);
  });

  it('forgets full buckets when it holds many keys, without losing partly used ones', () => {
    const limiter = new RateLimiter(1, 1_000);
    limiter.take('busy', 0);
    for (let i = 0; i < 10_001; i += 1) {
      limiter.take(`k${i}`, 10);
    }

    expect(limiter.take('busy', 20).allowed).toBe(false);
  });
});
