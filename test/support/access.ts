/** Organizations, service accounts and tokens made through the admin API, for tests. */
import { randomBytes } from 'node:crypto';
import { apiClient, type ApiClient } from './http';

export interface TestAccount {
  serviceAccountId: string;
  tokenId: string;
  token: string;
  /** An HTTP client that sends this account's token. */
  client: ApiClient;
}

export async function createOrg(admin: ApiClient): Promise<string> {
  const response = await admin.post('/admin/v1/orgs', {
    name: `Org ${randomBytes(4).toString('hex')}`,
  });
  expect(response.status).toBe(200);
  return response.body.organizationId as string;
}

export async function createAccount(
  admin: ApiClient,
  baseUrl: string,
  organizationId: string | undefined,
  roles: string[],
): Promise<TestAccount> {
  const account = await admin.post('/admin/v1/service_accounts', {
    name: 'robot',
    organizationId,
    roles,
  });
  expect(account.status).toBe(200);
  const serviceAccountId = account.body.serviceAccountId as string;

  const issued = await admin.post(`/admin/v1/service_accounts/${serviceAccountId}/tokens`, {});
  expect(issued.status).toBe(200);
  const token = issued.body.token as string;
  return {
    serviceAccountId,
    tokenId: issued.body.tokenId,
    token,
    client: apiClient(baseUrl, token),
  };
}
