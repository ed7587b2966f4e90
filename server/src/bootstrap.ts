import type { Database } from './db/client';
import type { Clock } from './platform/clock';
import { newId } from './platform/ids';
import { randomPassword } from './config';
import { recordAudit, SYSTEM_ACTOR } from './modules/audit';
import { createIdentityService } from './modules/identity';
import { orgRepository, pathOf, type OrgUnitRow } from './modules/org';

export const ROOT_UNIT_CODE = 'NTCGJ';

/** The root of the org tree; created on first start so that the admin has a home. */
export async function ensureRootUnit(database: Database, clock: Clock): Promise<OrgUnitRow> {
  const existing = await orgRepository.findByCode(database.db, ROOT_UNIT_CODE);
  if (existing) return existing;
  const id = newId();
  const now = clock.now();
  const row: OrgUnitRow = {
    id,
    parentId: null,
    path: pathOf(null, id),
    depth: 0,
    code: ROOT_UNIT_CODE,
    name: process.env.GUIFAN_ROOT_UNIT_NAME || '南通市城市管理局',
    shortName: '市城管局',
    kind: 'bureau',
    validFrom: '2019-01-01',
    validTo: null,
    geometry: null,
    centerLon: null,
    centerLat: null,
    isDemo: false,
    note: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await database.db.transaction(async (tx) => {
    await orgRepository.insert(tx, row);
    await recordAudit(tx, clock, SYSTEM_ACTOR, { action: 'org.unit.create', entityType: 'org_unit', entityId: id, orgUnitId: id, after: { code: row.code, name: row.name } });
  });
  return row;
}

/**
 * Creates user `admin` on first start. Its password is GUIFAN_ADMIN_PASSWORD, or a random one
 * that is returned (and printed once by the caller) when that is unset.
 */
export async function ensureAdmin(
  database: Database,
  clock: Clock,
  adminPassword: string | undefined,
): Promise<{ created: boolean; generatedPassword?: string }> {
  const identity = createIdentityService({ database, clock, sessionTtlHours: 1 });
  if (await identity.findUserByUsername('admin')) return { created: false };
  const root = await ensureRootUnit(database, clock);
  const password = adminPassword ?? randomPassword();
  await identity.createUser(
    null,
    { username: 'admin', displayName: '系统管理员', role: 'city_admin', orgUnitId: root.id, password },
    { mustChangePassword: adminPassword === undefined },
  );
  return adminPassword === undefined ? { created: true, generatedPassword: password } : { created: true };
}
