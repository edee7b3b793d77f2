import { randomBytes } from 'node:crypto';

/** A unique, valid AddHumanUser body; `email` options may be overridden. */
export function newHumanUser(email: Record<string, unknown> = { returnCode: {} }, extra = {}) {
  const tag = randomBytes(5).toString('hex');
  return {
    username: `user-${tag}`,
    profile: { givenName: 'Ada', familyName: 'Lovelace' },
    email: { email: `ada-${tag}@example.com`, ...email },
    ...extra,
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
