import { hasPermission, reachesOrg, type Caller } from '../../api/access/caller';
import { PERMISSIONS, ROLES, permissionsOf, type Role } from '../../common/permissions';

const caller = (...roles: Role[]): Caller => ({
  kind: 'service-account',
  id: 'sa',
  homeOrgId: 'A',
  orgId: 'A',
  permissions: permissionsOf(roles),
});

describe('roles and permissions', () => {
  it.each(Object.entries(ROLES))('%s grants exactly its permissions in its own org', (role) => {
    const granted = ROLES[role as Role] as readonly string[];
    for (const permission of PERMISSIONS) {
      const expected = granted.includes(permission) || granted.includes('iam.admin');
      expect(hasPermission(caller(role as Role), permission, 'A')).toBe(expected);
    }
  });

  it.each(PERMISSIONS.filter((p) => p !== 'iam.admin'))(
    'denies %s in another organization to an org role',
    (permission) => {
      expect(hasPermission(caller('ORG_OWNER'), permission, 'B')).toBe(false);
      expect(reachesOrg(caller('ORG_OWNER'), 'B')).toBe(false);
    },
  );

  it('grants everything in every organization to iam.admin', () => {
    for (const permission of PERMISSIONS) {
      expect(hasPermission(caller('IAM_OWNER'), permission, 'B')).toBe(true);
    }
    expect(reachesOrg(caller('IAM_OWNER'), 'B')).toBe(true);
  });

  it('ignores role names it does not know', () => {
    expect([...permissionsOf(['NOT_A_ROLE'])]).toEqual([]);
  });
});
