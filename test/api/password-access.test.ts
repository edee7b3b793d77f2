/** Who may reset and set passwords, with service-account tokens of the access model. */
import { createAccount, createOrg, type TestAccount } from '../support/access';
import { createUser, errorId } from '../support/passwords';
import { useStack } from '../support/stack';

const ctx = useStack();

const CURRENT = 'a current passphrase';

async function account(roles: string[], org?: string): Promise<TestAccount> {
  return createAccount(ctx.api, ctx.stack.url, org, roles);
}

describe('password operations under the access model', () => {
  it('lets a user manager reset and set a password without proof', async () => {
    const manager = await account(['ORG_USER_MANAGER']);
    const { userId } = await createUser(ctx.api, { password: { password: CURRENT } });

    const reset = await manager.client.post(`/v2/users/${userId}/password_reset`, {
      returnCode: {},
    });
    expect(reset.status).toBe(200);
    const set = await manager.client.post(`/v2/users/${userId}/password`, {
      newPassword: { password: 'set by a manager' },
    });
    expect(set.status).toBe(200);
  });

  it('refuses a viewer a reset or a password without proof, not one with proof', async () => {
    const viewer = await account(['ORG_USER_VIEWER']);
    const { userId } = await createUser(ctx.api, { password: { password: CURRENT } });

    const reset = await viewer.client.post(`/v2/users/${userId}/password_reset`, {
      returnCode: {},
    });
    expect(reset.status).toBe(403);
    expect(reset.body.code).toBe(7);
    const withoutProof = await viewer.client.post(`/v2/users/${userId}/password`, {
      newPassword: { password: 'set by a viewer' },
    });
    expect(withoutProof.status).toBe(403);
    expect(errorId(withoutProof.body)).toBe('AUTH-AWfge');

    const withCurrent = await viewer.client.post(`/v2/users/${userId}/password`, {
      newPassword: { password: 'changed with proof' },
      currentPassword: CURRENT,
    });
    expect(withCurrent.status).toBe(200);
  });

  it('answers a user of another organization as a missing one', async () => {
    const elsewhere = await account(['ORG_OWNER'], await createOrg(ctx.api));
    const { userId } = await createUser(ctx.api, { password: { password: CURRENT } });

    const reset = await elsewhere.client.post(`/v2/users/${userId}/password_reset`, {
      returnCode: {},
    });
    expect(reset.status).toBe(404);
    expect(errorId(reset.body)).toBe('Errors.User.NotFound');
    const set = await elsewhere.client.post(`/v2/users/${userId}/password`, {
      newPassword: { password: 'set from elsewhere' },
      currentPassword: CURRENT,
    });
    expect(set.status).toBe(400);
    expect(errorId(set.body)).toBe('Errors.User.Password.NotFound');
  });
});
