/** The send budget's ledger against the real PostgreSQL, with times chosen by the test. */
import { randomBytes } from 'node:crypto';
import { connectDatabase, type Database } from '../../infra/database';
import { spendCodeSend } from '../../store/send-budget-store';
import { queryOne, queryRows } from '../../store/sql';
import { testEnv } from '../support/test-env';

let db: Database;

beforeAll(() => {
  db = connectDatabase(testEnv().DATABASE_URL!, 25);
});

afterAll(async () => {
  await db.close();
});

const WINDOW_MS = 10 * 60_000;
const bucket = (limit: number) => ({ bucket: `test-${randomBytes(8).toString('hex')}`, limit });
// A day ahead of the real clock: no other test's sweep (cut off at the database's time) can
// touch these sends while a test counts them.
const base = Date.now() + 24 * 3_600_000;
const at = (minutes: number) => new Date(base + minutes * 60_000);

describe('spending the send budget', () => {
  it('allows `limit` sends in the window and names when the next one frees up', async () => {
    const recipient = bucket(5);
    for (let minute = 0; minute < 5; minute += 1) {
      expect(await spendCodeSend(db, [recipient], WINDOW_MS, at(minute))).toEqual({ ok: true });
    }

    const refused = await spendCodeSend(db, [recipient], WINDOW_MS, at(6));

    // The oldest send (minute 0) leaves the window at minute 10: four minutes later.
    expect(refused).toEqual({ ok: false, retryAfterMs: 4 * 60_000 });
  });

  it('slides: a send leaves the window exactly one window after it was made', async () => {
    const recipient = bucket(2);
    await spendCodeSend(db, [recipient], WINDOW_MS, at(0));
    await spendCodeSend(db, [recipient], WINDOW_MS, at(5));

    expect((await spendCodeSend(db, [recipient], WINDOW_MS, at(9))).ok).toBe(false);
    expect((await spendCodeSend(db, [recipient], WINDOW_MS, at(10))).ok).toBe(true);
    expect((await spendCodeSend(db, [recipient], WINDOW_MS, at(11))).ok).toBe(false);
  });

  it('takes from every bucket or from none', async () => {
    const user = bucket(10);
    const spent = bucket(1);
    await spendCodeSend(db, [spent], WINDOW_MS, at(0));

    expect((await spendCodeSend(db, [user, spent], WINDOW_MS, at(1))).ok).toBe(false);

    // The refused spend took nothing from the user's bucket: its ten sends are all left.
    for (let i = 0; i < 10; i += 1) {
      expect((await spendCodeSend(db, [user], WINDOW_MS, at(2))).ok).toBe(true);
    }
    expect((await spendCodeSend(db, [user], WINDOW_MS, at(2))).ok).toBe(false);
  });

  it('never lets concurrent spends exceed the limit', async () => {
    const recipient = bucket(5);
    const other = bucket(1000);

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        spendCodeSend(db, i % 2 ? [recipient, other] : [other, recipient], WINDOW_MS, at(0)),
      ),
    );

    expect(results.filter((r) => r.ok)).toHaveLength(5);
  });

  it('sweeps sends that left the window, also from buckets never spent again', async () => {
    const forgotten = bucket(5);
    const yearAgo = new Date(Date.now() - 365 * 24 * 3_600_000);
    await queryRows(db, 'INSERT INTO code_sends (bucket, sent_at) VALUES ($1, $2) RETURNING id', [
      forgotten.bucket,
      yearAgo,
    ]);

    await spendCodeSend(db, [bucket(5)], WINDOW_MS, at(0));

    const left = await queryOne<{ n: string }>(
      db,
      'SELECT count(*) AS n FROM code_sends WHERE bucket = $1',
      [forgotten.bucket],
    );
    expect(Number(left?.n)).toBe(0);
  });
});
