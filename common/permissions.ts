/**
 * ZITADEL's permission names and the roles that grant them. A service account holds roles;
 * a request is allowed when one of its roles grants the permission the contract names for the
 * operation, in the organization of the user it touches (`iam.admin` holds in every one).
 */
export const PERMISSIONS = [
  'user.read',
  'user.write',
  'user.credential.write',
  'user.passkey.write',
  'iam.admin',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** Roles as ZITADEL names its managers; each grants a fixed set of permissions. */
export const ROLES = {
  IAM_OWNER: [...PERMISSIONS],
  ORG_OWNER: ['user.read', 'user.write', 'user.credential.write', 'user.passkey.write'],
  ORG_USER_MANAGER: ['user.read', 'user.write'],
  ORG_USER_CREDENTIAL_MANAGER: ['user.read', 'user.credential.write', 'user.passkey.write'],
  ORG_USER_PASSKEY_MANAGER: ['user.read', 'user.passkey.write'],
  ORG_USER_VIEWER: ['user.read'],
} as const satisfies Record<string, readonly Permission[]>;

export type Role = keyof typeof ROLES;

export const ROLE_NAMES = Object.keys(ROLES) as [Role, ...Role[]];

/** Every permission the roles grant together. */
export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) {
    for (const permission of ROLES[role as Role] ?? []) {
      granted.add(permission);
    }
  }
  return granted;
}
