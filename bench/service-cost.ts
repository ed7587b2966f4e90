/**
 * Per-request cost of what an authenticated list request does, measured in-process and sequentially (no HTTP,
 * no concurrency), to explain bench/api.ts: a trivial query, the session lookup, the list query, serialization.
 * Also one candidate fix measured in bench code only: the session lookup as a drizzle prepared statement.
 *
 *   node --import tsx bench/service-cost.ts                       # PGlite (temporary data dir)
 *   BENCH_DATABASE_URL=postgres://…/guifan_bench node --import tsx bench/service-cost.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, gt, sql } from 'drizzle-orm';
import { createDatabase } from '../server/src/db/client';
import { systemClock } from '../server/src/platform/clock';
import { ensureAdmin } from '../server/src/bootstrap';
import { seedDemo } from '../server/src/seed/demo';
import { appUser, createIdentityService, hashToken, userSession } from '../server/src/modules/identity';
import { createOrgService, orgUnit } from '../server/src/modules/org';
import { BENCH_ADMIN_PASSWORD, fmt, isMain, mdTable, tempDataDir } from './lib';

async function perOp(n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(50, n); i++) await fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - t) / 1000 / n;
}

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL?.trim() || undefined;
  const dir = tempDataDir('svc');
  const database = await createDatabase({ databaseUrl: url, pgliteDir: path.join(dir, 'pglite') });
  try {
    await database.migrate();
    await ensureAdmin(database, systemClock, BENCH_ADMIN_PASSWORD);
    await seedDemo(database, systemClock, { adminPassword: BENCH_ADMIN_PASSWORD });
    const identity = createIdentityService({ database, clock: systemClock, sessionTtlHours: 12 });
    const org = createOrgService({ database, clock: systemClock });
    const { token } = await identity.login({ username: 'admin', password: BENCH_ADMIN_PASSWORD, ip: '127.0.0.1', userAgent: 'bench' });
    const actor = await identity.resolveSession(token);
    if (!actor) throw new Error('no actor');
    const users = await identity.listUsers(actor, {});
    const units = await org.list(actor);

    const lookup = () =>
      database.db
        .select({ userId: userSession.userId, lastSeenAt: userSession.lastSeenAt, role: appUser.role, path: orgUnit.path, disabled: appUser.disabled })
        .from(userSession)
        .innerJoin(appUser, eq(appUser.id, userSession.userId))
        .innerJoin(orgUnit, eq(orgUnit.id, appUser.orgUnitId))
        .where(and(eq(userSession.tokenHash, hashToken(token)), gt(userSession.expiresAt, new Date())));
    const prepared = database.db
      .select({ userId: userSession.userId, lastSeenAt: userSession.lastSeenAt, role: appUser.role, path: orgUnit.path, disabled: appUser.disabled })
      .from(userSession)
      .innerJoin(appUser, eq(appUser.id, userSession.userId))
      .innerJoin(orgUnit, eq(orgUnit.id, appUser.orgUnitId))
      .where(and(eq(userSession.tokenHash, sql.placeholder('h')), gt(userSession.expiresAt, sql.placeholder('now'))))
      .prepare('bench_find_live_session');
    const h = hashToken(token);

    const n = Number(process.env.BENCH_N ?? '300');
    const rows: Array<[string, number]> = [
      ['`select 1` (database.rows)', await perOp(n, () => database.rows(sql`select 1`))],
      ['resolveSession (session ⨝ user ⨝ unit, via drizzle query builder)', await perOp(n, () => identity.resolveSession(token))],
      ['5-column lookup, query builder each time (executed)', await perOp(n, () => lookup().execute())],
      ['5-column lookup, query builder only (`toSQL()`, not executed)', await perOp(n, async () => lookup().toSQL())],
      ['5-column lookup as a drizzle prepared statement (candidate fix)', await perOp(n, () => prepared.execute({ h, now: new Date() }))],
      [`listUsers (${users.items.length} users)`, await perOp(n, () => identity.listUsers(actor, {}))],
      [`org.list (${units.items.length} units)`, await perOp(Math.ceil(n / 3), () => org.list(actor))],
      ['JSON.stringify(users list)', await perOp(n, async () => JSON.stringify(users))],
      ['JSON.stringify(units list)', await perOp(n, async () => JSON.stringify(units))],
    ];
    console.log(`### Per-operation cost, ${url ? 'PostgreSQL' : 'PGlite (embedded, data dir on disk)'}, sequential, mean of ${n}\n`);
    console.log(mdTable(['operation', 'µs / op', 'ops/s on one core'], rows.map(([k, us]) => [k, fmt(us), fmt(1e6 / us)])));
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
