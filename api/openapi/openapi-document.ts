/**
 * The whole API description. A new router adds its `describe...Api` function here, next to
 * the one line that mounts it in app.ts.
 */
import { describeAdminApi } from './admin-operations';
import { ApiDocument } from './api-document';
import { describeOperatorApi } from './operator-operations';
import { describePasswordApi } from './password-operations';
import { describeUsersApi } from './users-operations';

const REGISTRATIONS: ((doc: ApiDocument) => void)[] = [
  describeUsersApi,
  describeAdminApi,
  describeOperatorApi,
  describePasswordApi,
];

/** Every operation, registered once per process. */
export function apiDocument(): ApiDocument {
  const doc = new ApiDocument();
  for (const register of REGISTRATIONS) {
    register(doc);
  }
  return doc;
}
