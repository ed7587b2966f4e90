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
  /** 法律规则: the legal rule set, the working-day calendar, the deadline calculator and the violation catalogue (read). */
  'legal.read',
  /** Drafting and publishing rule set versions and violation catalogue versions, entering a year's holiday notice. */
  'legal.manage',
  /** 执法办案: cases and leads of the teams in scope (read). */
  'case.read',
  /** Registering a lead (线索); 协管员 may do this and assist, nothing more. */
  'case.lead',
  /** Handling a case as an enforcement officer (调查取证, 告知, 送达 …); the case policy checks the 执法证. */
  'case.handle',
  /** Approving: 立案, 不予立案, extensions, 决定, 结案 (team leader and above). */
  'case.approve',
  /** 法制审核 (行政处罚法 第五十八条), done by a legal reviewer. */
  'case.legal_review',
  /** 便民服务: residents' reports of the teams in scope (the city desk's unrouted ones for city roles). */
  'service.read',
  /** 市级受理台 (city desk): accept, reject, dispatch, 改派, 退回, merge. */
  'service.dispatch',
  /** The owning team: start, handle (处置), reply, suspend (挂起), resume, open a case from a report. */
  'service.handle',
  /** Categories and time limits, Open311 keys, the 12345 hotline import. */
  'service.manage',
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
    'legal.read',
    'legal.manage',
    'case.read',
    'service.read',
    'service.dispatch',
    'service.handle',
    'service.manage',
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
    'legal.read',
    'case.read',
    'case.lead',
    'case.approve',
    'service.read',
    'service.dispatch',
    'service.handle',
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
    'legal.read',
    'case.read',
    'case.lead',
    'case.handle',
    'case.approve',
    'service.read',
    'service.handle',
  ],
  officer: ['org.read', 'identity.users.read', 'catalog.read', 'assessment.read', 'rectification.work', 'progress.read', 'ledger.read', 'tracking.read', 'legal.read', 'case.read', 'case.lead', 'case.handle', 'service.read', 'service.handle'],
  // 协管员 may assist (publicity, patrol, information) but never decide (《城市管理执法办法》): they
  // see the organisation they work in and the standard, nothing of staff administration or assessments.
  auxiliary: ['org.read', 'catalog.read', 'case.read', 'case.lead', 'service.read'],
  legal_reviewer: ['org.read', 'identity.users.read', 'audit.read', 'catalog.read', 'assessment.read', 'progress.read', 'ledger.read', 'legal.read', 'case.read', 'case.legal_review'],
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
