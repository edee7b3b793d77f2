/** AddHumanUser's fields end up where they belong (contract operation 1). */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { queryOne, queryRows } from '../../store/sql';
import { newHumanUser } from '../support/fixtures';
import { useStack } from '../support/stack';

const ctx = useStack();

interface StoredUser {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  nick_name: string | null;
  preferred_language: string | null;
  gender: string | null;
  phone: string | null;
  phone_verified: boolean;
  password_hash: string | null;
  password_change_required: boolean;
}

const stored = (userId: string) =>
  queryOne<StoredUser>(ctx.stack.db, 'SELECT * FROM users WHERE id = $1', [userId]);

describe('AddHumanUser', () => {
  it('stores the profile, phone, metadata and a password hashed with argon2id', async () => {
    const userId = `custom-${randomBytes(4).toString('hex')}`;
    const body = newHumanUser(
      { isVerified: true },
      {
        userId,
        profile: {
          givenName: 'Grace',
          familyName: 'Hopper',
          nickName: 'Amazing Grace',
          preferredLanguage: 'en',
          gender: 'GENDER_FEMALE',
        },
        phone: { phone: '+41791234567', isVerified: true },
        metadata: [{ key: 'team', value: Buffer.from('compilers').toString('base64') }],
        password: { password: 'correct horse battery', changeRequired: true },
      },
    );

    const created = await ctx.api.post('/v2/users/human', body);

    expect(created.status).toBe(200);
    expect(created.body.userId).toBe(userId);
    const user = await stored(userId);
    expect(user).toMatchObject({
      username: body.username,
      display_name: 'Grace Hopper',
      nick_name: 'Amazing Grace',
      preferred_language: 'en',
      gender: 'GENDER_FEMALE',
      phone: '+41791234567',
      phone_verified: true,
      password_change_required: true,
    });
    expect(user!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2.verify(user!.password_hash!, 'correct horse battery')).toBe(true);
    const metadata = await queryRows<{ key: string; value: Buffer }>(
      ctx.stack.db,
      'SELECT key, value FROM user_metadata WHERE user_id = $1',
      [userId],
    );
    expect(metadata.map((m) => [m.key, m.value.toString()])).toEqual([['team', 'compilers']]);
  });

  it('takes the email address as username when none is given', async () => {
    const body = newHumanUser({ isVerified: true });
    const withoutUsername: Partial<typeof body> = { ...body };
    delete withoutUsername.username;

    const created = await ctx.api.post('/v2/users/human', withoutUsername);

    expect(created.status).toBe(200);
    expect((await stored(created.body.userId))?.username).toBe(body.email.email);
  });

  it('keeps imported argon2 and bcrypt hashes as they are', async () => {
    const argonHash = await argon2.hash('imported secret', { type: argon2.argon2i });
    const bcryptHash = '$2b$10$' + 'N9qo8uLOickgx2ZMRZoMye'.padEnd(53, 'a');

    for (const hash of [argonHash, bcryptHash]) {
      const created = await ctx.api.post(
        '/v2/users/human',
        newHumanUser({ isVerified: true }, { hashedPassword: { hash } }),
      );
      expect(created.status).toBe(200);
      expect((await stored(created.body.userId))?.password_hash).toBe(hash);
    }
  });

  it('places the user in the organization named by id or by domain', async () => {
    const org = await queryOne<{ id: string; primary_domain: string }>(
      ctx.stack.db,
      'SELECT id, primary_domain FROM organizations WHERE is_default',
      [],
    );

    const byId = await ctx.api.post(
      '/v2/users/human',
      newHumanUser({ isVerified: true }, { organization: { orgId: org!.id } }),
    );
    const byDomain = await ctx.api.post(
      '/v2/users/human',
      newHumanUser({ isVerified: true }, { organization: { orgDomain: org!.primary_domain } }),
    );

    expect(byId.body.details.resourceOwner).toBe(org!.id);
    expect(byDomain.body.details.resourceOwner).toBe(org!.id);
  });

  it('refuses an organization that does not exist, and stores nothing', async () => {
    const body = newHumanUser({ isVerified: true }, { organization: { orgId: 'no-such-org' } });

    const response = await ctx.api.post('/v2/users/human', body);

    expect(response.status).toBe(400);
    expect(response.body.details[0].id).toBe('Errors.Org.NotFound');
    const count = await queryOne<{ count: string }>(
      ctx.stack.db,
      'SELECT count(*) AS count FROM users WHERE username = $1',
      [body.username],
    );
    expect(count?.count).toBe('0');
  });

  it('records the creation in the user record, so sequence and change date are real', async () => {
    const created = await ctx.api.post('/v2/users/human', newHumanUser({ isVerified: true }));

    const events = await queryRows<{ sequence: string; type: string; created_at: Date }>(
      ctx.stack.db,
      'SELECT sequence, type, created_at FROM user_events WHERE user_id = $1',
      [created.body.userId],
    );
    expect(events.map((e) => e.type)).toEqual(['user.human.added']);
    expect(created.body.details.sequence).toBe(String(events[0].sequence));
    expect(created.body.details.changeDate).toBe(new Date(events[0].created_at).toISOString());
  });
});
