/**
 * Roles and what each may do (DC: issue #2, section 6). Names are the ones the CLI takes.
 * Jurisdiction and unit limits are applied on top of these permissions by `scope.ts`.
 */
export const ROLES = [
  'city-admin',
  'city-officer',
  'district-officer',
  'operator',
  'department-viewer',
  'unit-manager',
] as const;

export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'jurisdictions:read',
  'registry:read',
  'registry:write',
  /** Record a system as accepted / in service: an act of the police, not of the unit. */
  'registry:accept',
  'designation:create',
  'designation:approve',
  'compliance:read',
  'rules:write',
  'accounts:manage',
  'alarms:read',
  'alarms:act',
  /** Take over an alarm another operator holds (a shift supervisor's act). */
  'alarms:override',
  'events:read',
  'receiver:read',
  'users:manage',
  'audit:read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const OFFICER: Permission[] = [
  'jurisdictions:read',
  'registry:read',
  'registry:write',
  'registry:accept',
  'compliance:read',
  'accounts:manage',
  'alarms:read',
  'events:read',
  'receiver:read',
];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  'city-admin': new Set(PERMISSIONS),
  'city-officer': new Set<Permission>([
    ...OFFICER,
    'designation:create',
    'designation:approve',
    'rules:write',
    'audit:read',
  ]),
  'district-officer': new Set(OFFICER),
  operator: new Set<Permission>([
    'jurisdictions:read',
    'registry:read',
    'alarms:read',
    'alarms:act',
    'events:read',
    'receiver:read',
  ]),
  'department-viewer': new Set<Permission>(['jurisdictions:read', 'registry:read', 'compliance:read']),
  'unit-manager': new Set<Permission>([
    'jurisdictions:read',
    'registry:read',
    'registry:write',
    'compliance:read',
    'alarms:read',
    'events:read',
  ]),
};

/** True when the role grants the permission. */
export function roleGrants(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

/** True when the text names a role. */
export function isRole(text: string): text is Role {
  return (ROLES as readonly string[]).includes(text);
}

/** Roles that must be tied to a jurisdiction or a unit when created. */
export const NEEDS_JURISDICTION: ReadonlySet<Role> = new Set(['district-officer']);
export const NEEDS_UNIT: ReadonlySet<Role> = new Set(['unit-manager']);
