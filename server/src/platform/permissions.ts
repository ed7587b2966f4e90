/**
 * Roles and the coarse permission each route requires. Scope (own team / district / city) is not
 * decided here: pure policy functions in each module check the actor's org subtree.
 */
export const ROLES = [
  'city_admin',
  'bureau_staff',
  'district_manager',
  'team_leader',
  'officer',
  'auxiliary',
  'legal_reviewer',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'identity.users.read',
  'identity.users.manage',
  'audit.read',
  'audit.verify',
  'catalog.read',
  'catalog.manage',
  'assessment.read',
  'assessment.edit',
  'assessment.review',
  'campaign.manage',
  'rectification.work',
  'progress.read',
  'progress.manage',
  'ledger.read',
  'ledger.manage',
  /** 执法轨迹: live map, replay, patrol statistics, duty schedules and alerts of the teams in scope. */
  'tracking.read',
  /** Device registry and bindings. */
  'tracking.manage',
  /** 排班 (duty schedules), checkpoints, acknowledging duty alerts. */
  'tracking.duty',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  city_admin: ALL,
  bureau_staff: [
    'org.read',
    'identity.users.read',
    'audit.read',
    'audit.verify',
    'catalog.read',
    'catalog.manage',
    'assessment.read',
    'assessment.review',
    'campaign.manage',
    'rectification.work',
    'progress.read',
    'progress.manage',
    'ledger.read',
    'tracking.read',
  ],
  district_manager: [
    'org.read',
    'org.manage',
    'identity.users.read',
    'identity.users.manage',
    'audit.read',
    'catalog.read',
    'assessment.read',
    'assessment.review',
    'rectification.work',
    'progress.read',
    'ledger.read',
    'ledger.manage',
    'tracking.read',
    'tracking.manage',
    'tracking.duty',
  ],
  team_leader: [
    'org.read',
    'org.manage',
    'identity.users.read',
    'identity.users.manage',
    'audit.read',
    'catalog.read',
    'assessment.read',
    'assessment.edit',
    'rectification.work',
    'progress.read',
    'ledger.read',
    'ledger.manage',
    'tracking.read',
    'tracking.manage',
    'tracking.duty',
  ],
  officer: ['org.read', 'identity.users.read', 'catalog.read', 'assessment.read', 'rectification.work', 'progress.read', 'ledger.read', 'tracking.read'],
  // 协管员 may assist (publicity, patrol, information) but never decide (《城市管理执法办法》): they
  // see the organisation they work in and the standard, nothing of staff administration or assessments.
  auxiliary: ['org.read', 'catalog.read'],
  legal_reviewer: ['org.read', 'identity.users.read', 'audit.read', 'catalog.read', 'assessment.read', 'progress.read', 'ledger.read'],
};

/** Roles a manager may hand out: never above their own. */
export const ASSIGNABLE_ROLES: Record<Role, readonly Role[]> = {
  city_admin: ROLES,
  bureau_staff: [],
  district_manager: ['team_leader', 'officer', 'auxiliary', 'legal_reviewer'],
  team_leader: ['officer', 'auxiliary'],
  officer: [],
  auxiliary: [],
  legal_reviewer: [],
};

/** The authenticated caller, resolved once per request from the session. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string;
  /** Materialised path of the actor's org unit: everything under it is in scope. */
  scopePath: string;
  permissions: ReadonlySet<Permission>;
  /** A reset or generated password must be changed before anything else is allowed (enforced per request). */
  mustChangePassword?: boolean;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

/** True when the unit with `unitPath` lies in the actor's subtree (their own unit included). */
export function inScope(actor: Pick<Actor, 'scopePath'>, unitPath: string): boolean {
  return unitPath.startsWith(actor.scopePath);
}

/**
 * 协管人员 may only assist and never make enforcement decisions (《城市管理执法办法》,
 * 住建部令第34号: 协管人员 不得从事具体行政执法工作). Every signing or deciding action checks this.
 */
export function mayDecide(actor: Pick<Actor, 'role'>): boolean {
  return actor.role !== 'auxiliary';
}
