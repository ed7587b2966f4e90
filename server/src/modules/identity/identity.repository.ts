import { and, asc, desc, eq, gt, ilike, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orgUnit } from '../org';
import { appUser, loginAttempt, userSession } from './identity.tables';

export type UserRow = typeof appUser.$inferSelect;
export type NewUserRow = typeof appUser.$inferInsert;

const userWithUnit = {
  id: appUser.id,
  username: appUser.username,
  displayName: appUser.displayName,
  role: appUser.role,
  orgUnitId: appUser.orgUnitId,
  orgUnitName: orgUnit.name,
  orgUnitPath: orgUnit.path,
  disabled: appUser.disabled,
  mustChangePassword: appUser.mustChangePassword,
  locale: appUser.locale,
  version: appUser.version,
};
export type UserWithUnit = { [K in keyof typeof userWithUnit]: (typeof userWithUnit)[K]['_']['data'] };

const listAllPrepared = new WeakMap<DbOrTx, ReturnType<typeof prepareListAll>>();
function prepareListAll(tx: DbOrTx) {
  return tx
    .select(userWithUnit)
    .from(appUser)
    .innerJoin(orgUnit, eq(orgUnit.id, appUser.orgUnitId))
    .where(like(orgUnit.path, sql.placeholder('scope')))
    .orderBy(asc(orgUnit.code), asc(appUser.username))
    .limit(2000)
    .prepare('identity_users_in_scope');
}
function listAllInScope(tx: DbOrTx): ReturnType<typeof prepareListAll> {
  let q = listAllPrepared.get(tx);
  if (!q) {
    q = prepareListAll(tx);
    listAllPrepared.set(tx, q);
  }
  return q;
}

export const identityRepository = {
  async findByUsername(tx: DbOrTx, username: string): Promise<UserRow | undefined> {
    const rows = await tx.select().from(appUser).where(sql`lower(${appUser.username}) = ${username.toLowerCase()}`);
    return rows[0];
  },

  async findById(tx: DbOrTx, id: string): Promise<UserRow | undefined> {
    return (await tx.select().from(appUser).where(eq(appUser.id, id)))[0];
  },

  async findWithUnit(tx: DbOrTx, id: string): Promise<UserWithUnit | undefined> {
    const rows = await tx.select(userWithUnit).from(appUser).innerJoin(orgUnit, eq(orgUnit.id, appUser.orgUnitId)).where(eq(appUser.id, id));
    return rows[0] as UserWithUnit | undefined;
  },

  async listInScope(tx: DbOrTx, scopePath: string, f: { q?: string | undefined; role?: string | undefined; orgUnitId?: string | undefined }): Promise<UserWithUnit[]> {
    // The unfiltered list (what the users page loads) is built once per connection: drizzle's query building was
    // a measurable share of the request next to the query itself (bench/api.ts). Same SQL text as below.
    if (!f.role && !f.orgUnitId && !f.q) return (await listAllInScope(tx).execute({ scope: `${scopePath}%` })) as UserWithUnit[];
    const conds: SQL[] = [like(orgUnit.path, `${scopePath}%`)];
    if (f.role) conds.push(eq(appUser.role, f.role));
    if (f.orgUnitId) conds.push(eq(appUser.orgUnitId, f.orgUnitId));
    if (f.q) {
      const pat = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      conds.push(or(ilike(appUser.username, pat), ilike(appUser.displayName, pat)) as SQL);
    }
    const rows = await tx
      .select(userWithUnit)
      .from(appUser)
      .innerJoin(orgUnit, eq(orgUnit.id, appUser.orgUnitId))
      .where(and(...conds))
      .orderBy(asc(orgUnit.code), asc(appUser.username))
      .limit(2000);
    return rows as UserWithUnit[];
  },

  async insertUser(tx: DbOrTx, row: NewUserRow): Promise<void> {
    await tx.insert(appUser).values(row);
  },

  async updateUserVersioned(tx: DbOrTx, id: string, version: number, patch: Partial<NewUserRow>): Promise<UserRow | undefined> {
    const rows = await tx
      .update(appUser)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(appUser.id, id), eq(appUser.version, version)))
      .returning();
    return rows[0];
  },

  async setPassword(tx: DbOrTx, id: string, passwordHash: string, at: Date, mustChange: boolean): Promise<void> {
    await tx
      .update(appUser)
      .set({ passwordHash, passwordChangedAt: at, updatedAt: at, mustChangePassword: mustChange, version: sql`${appUser.version} + 1` })
      .where(eq(appUser.id, id));
  },

  async insertSession(tx: DbOrTx, s: typeof userSession.$inferInsert): Promise<void> {
    await tx.insert(userSession).values(s);
  },

  async findLiveSession(tx: DbOrTx, tokenHash: string, now: Date) {
    const rows = await tx
      .select({ session: userSession, user: userWithUnit })
      .from(userSession)
      .innerJoin(appUser, eq(appUser.id, userSession.userId))
      .innerJoin(orgUnit, eq(orgUnit.id, appUser.orgUnitId))
      .where(and(eq(userSession.tokenHash, tokenHash), gt(userSession.expiresAt, now)));
    return rows[0] as { session: typeof userSession.$inferSelect; user: UserWithUnit } | undefined;
  },

  async touchSession(tx: DbOrTx, tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
    await tx.update(userSession).set({ lastSeenAt: now, expiresAt }).where(eq(userSession.tokenHash, tokenHash));
  },

  async deleteSession(tx: DbOrTx, tokenHash: string): Promise<void> {
    await tx.delete(userSession).where(eq(userSession.tokenHash, tokenHash));
  },

  async deleteSessionsOfUser(tx: DbOrTx, userId: string, exceptTokenHash?: string): Promise<void> {
    const cond = exceptTokenHash
      ? and(eq(userSession.userId, userId), sql`${userSession.tokenHash} <> ${exceptTokenHash}`)
      : eq(userSession.userId, userId);
    await tx.delete(userSession).where(cond);
  },

  async deleteExpiredSessions(tx: DbOrTx, now: Date): Promise<void> {
    await tx.delete(userSession).where(lt(userSession.expiresAt, now));
  },

  async recordAttempt(tx: DbOrTx, a: typeof loginAttempt.$inferInsert): Promise<void> {
    await tx.insert(loginAttempt).values(a);
  },

  /** Failures for this username since its last success (within `since`), oldest first. */
  /** Failures for a username since its last success (within `since`), oldest first, with their addresses. */
  async userFailuresSince(tx: DbOrTx, usernameKey: string, since: Date): Promise<{ at: Date; ip: string }[]> {
    const rows = await tx
      .select({ at: loginAttempt.at, success: loginAttempt.success, ip: loginAttempt.ip })
      .from(loginAttempt)
      .where(and(eq(loginAttempt.usernameKey, usernameKey), gt(loginAttempt.at, since)))
      .orderBy(desc(loginAttempt.at))
      .limit(200);
    const out: { at: Date; ip: string }[] = [];
    for (const r of rows) {
      if (r.success) break;
      out.push({ at: r.at, ip: r.ip });
    }
    return out.reverse();
  },

  async ipFailuresSince(tx: DbOrTx, ip: string, since: Date): Promise<Date[]> {
    const rows = await tx
      .select({ at: loginAttempt.at })
      .from(loginAttempt)
      .where(and(eq(loginAttempt.ip, ip), gt(loginAttempt.at, since), eq(loginAttempt.success, false)))
      .orderBy(desc(loginAttempt.at))
      .limit(200);
    return rows.map((r) => r.at).reverse();
  },

  async deleteAttemptsBefore(tx: DbOrTx, before: Date): Promise<void> {
    await tx.delete(loginAttempt).where(lt(loginAttempt.at, before));
  },

  async countUsers(tx: DbOrTx): Promise<number> {
    const rows = await tx.select({ n: sql<number>`count(*)::int` }).from(appUser);
    return Number(rows[0]?.n ?? 0);
  },
};
