/** Helpers of the password tests: users with a known password and reads of the stored hash. */
import type { Database } from '../../infra/database';
import { queryOne } from '../../store/sql';
import type { ApiClient } from './http';
import { newHumanUser } from './fixtures';

export const errorId = (body: Record<string, any>) => body.details?.[0]?.id;

/** Creates a user (email verified, so no email flow) with `password` or `hashedPassword`. */
export async function createUser(
  api: ApiClient,
  extra: Record<string, unknown> = {},
): Promise<{ userId: string; email: string; orgId: string }> {
  const body = newHumanUser({ isVerified: true }, extra);
  const created = await api.post('/v2/users/human', body);
  expect(created.status).toBe(200);
  return {
    userId: created.body.userId,
    email: body.email.email,
    orgId: created.body.details.resourceOwner,
  };
}

export async function storedPassword(db: Database, userId: string) {
  return queryOne<{ password_hash: string | null; password_change_required: boolean }>(
    db,
    'SELECT password_hash, password_change_required FROM users WHERE id = $1',
    [userId],
  );
}
