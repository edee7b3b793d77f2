import { randomInt } from 'node:crypto';

/**
 * Numeric ids in the spirit of ZITADEL's snowflake-like ones: milliseconds since the epoch
 * followed by six random digits, so they sort by creation and rarely collide.
 */
export function newId(): string {
  return `${Date.now()}${String(randomInt(1_000_000)).padStart(6, '0')}`;
}
