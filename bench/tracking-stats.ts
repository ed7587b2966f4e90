/**
 * Device-day fetch + statistics on a big position table: GET /api/tracking/stats/device?deviceId=&date= (session,
 * scope check, the device-day through the covering index, day summary, grid coverage, checkpoints, shifts,
 * serialization) against the raw covering-index query of the same device-day, in one process, one run.
 * Goals: endpoint ≤ 2× the raw query and ≤ 50 ms (medians).
 *
 * Data: the Nantong demo (teams with grids), plus 1,000 devices spread over the 21 teams, each with 1,000 points
 * a day (every 30 s from 08:00 Beijing time, a slow loop around a point of its team's area) on 10 days
 * (daily partitions tracking_position_pYYYYMMDD, 3–12 days ago) = 10,000,000 rows, generated in SQL
 * (generate_series, one INSERT … SELECT per day and 250 devices), then VACUUM ANALYZE (index-only scans).
 * PostgreSQL (BENCH_DATABASE_URL, scratch database) gets all of it; embedded PGlite gets as many whole
 * statements as fit in BENCH_STATS_PGLITE_FILL_S (300 s) and the count is reported.
 *
 * Measured: 30 device-days of one filled day; each is fetched once by both first (warm-up), then 5 rounds in
 * which each device-day is fetched by the endpoint and by the raw query (alternating which goes first).
 *
 *   node --import tsx bench/tracking-stats.ts
 *
 * Knobs: BENCH_STATS_DEVICES (1000), BENCH_STATS_DAYS (10), BENCH_STATS_POINTS (1000 per device-day),
 * BENCH_STATS_PGLITE_FILL_S (300), BENCH_STATS_PG_FILL_S (900), BENCH_STATS_SKIP_PGLITE=1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { createDatabase, sql, type Database } from '../server/src/db/client';
import { systemClock } from '../server/src/platform/clock';
import { seedDemo } from '../server/src/seed/demo';
import { cnDay, cnDayRange, partitionName } from '../server/src/modules/tracking';
import { addDays } from '../server/src/modules/tracking/domain/partitions';
import { BENCH_ADMIN_PASSWORD, emitSection, fmt, isMain, mdTable, passFail, tempDataDir } from './lib';
import { intEnv, median, quantile, withScratchPg } from './tracking-lib';

const GOAL_RATIO = 2;
const GOAL_MS = 50;
const SAMPLE_DEVICES = 30;
const ROUNDS = 5;
const DEVICES_PER_STATEMENT = 250;

const RAW_SQL = 'select fix_time, lat, lon, speed_kmh, course, flags from tracking_position where device_id = $1 and fix_time >= $2 and fix_time < $3 order by fix_time';

interface Result {
  database: string;
  rows: number;
  target: number;
  fillS: number;
  vacuumS: number;
  sizeMiB: number;
  filledDays: number;
  endpointMs: number[];
  rawMs: number[];
  /** GET /api/identity/me in the same app: the floor of any authenticated request. */
  meMs: number[];
  pointsPerDay: number;
  responseKiB: number;
  plan: string;
}

async function raw(database: Database, params: unknown[]): Promise<number> {
  if (database.pglite) return (await database.pglite.query(RAW_SQL, params)).rows.length;
  return (await database.pool!.query(RAW_SQL, params)).rowCount ?? 0;
}

async function exec(database: Database, text: string): Promise<void> {
  if (database.pglite) await database.pglite.exec(text);
  else await database.pool!.query(text);
}

async function run(name: string, opts: { databaseUrl?: string; fillBudgetS: number; devices: number; days: number; points: number }): Promise<Result> {
  const dir = tempDataDir('stats');
  const database = await createDatabase(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : { pgliteDir: path.join(dir, 'pglite') });
  try {
    await database.migrate();
    console.error(`[tracking-stats] ${name}: demo seed…`);
    await seedDemo(database, systemClock, { adminPassword: BENCH_ADMIN_PASSWORD });

    // 1,000 devices over the teams, each looping around its own point of the team's area.
    const [{ teams }] = (await database.rows<{ teams: number }>(sql`SELECT count(*)::int AS teams FROM org_unit WHERE kind = 'team' AND center_lat IS NOT NULL`)) as [{ teams: number }];
    if (!teams) throw new Error('the demo seed left no team with an area');
    await exec(
      database,
      `DROP TABLE IF EXISTS bench_dev;
       CREATE TABLE bench_dev AS
         SELECT n, gen_random_uuid() AS id, t.id AS team_id,
                t.center_lat + (((n * 37) % 100) / 100.0 - 0.5) * 0.012 AS lat0,
                t.center_lon + (((n * 53) % 100) / 100.0 - 0.5) * 0.016 AS lon0,
                (n % 17) * 0.37 AS ph
         FROM generate_series(0, ${opts.devices - 1}) AS n
         JOIN (SELECT id, center_lat, center_lon, (row_number() OVER (ORDER BY code)) - 1 AS i FROM org_unit WHERE kind = 'team' AND center_lat IS NOT NULL) t
           ON t.i = n % ${teams};
       INSERT INTO tracking_device (id, identifier, protocol, kind, name, org_unit_id, status, created_at, updated_at)
         SELECT id, 'bench-stats-' || n, 'osmand', 'phone', 'bench ' || n, team_id, 'active', now(), now() FROM bench_dev;`,
    );

    // Daily partitions, 3 … 3 + days − 1 days ago (Beijing days), oldest first.
    const today = cnDay(new Date());
    const days = Array.from({ length: opts.days }, (_, i) => addDays(today, -(2 + opts.days - i)));
    for (const day of days) {
      const { start, end } = cnDayRange(day);
      await exec(database, `CREATE TABLE IF NOT EXISTS "${partitionName(day)}" PARTITION OF tracking_position FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`);
    }

    // Fill: one statement per (day, 250 devices), within the time budget.
    const target = opts.devices * opts.days * opts.points;
    let rows = 0;
    let filledDays = 0;
    const fillStart = performance.now();
    let lastLog = fillStart;
    fill: for (const day of days) {
      const t8 = new Date(cnDayRange(day).start.getTime() + 8 * 3_600_000).toISOString();
      for (let a = 0; a < opts.devices; a += DEVICES_PER_STATEMENT) {
        if ((performance.now() - fillStart) / 1000 > opts.fillBudgetS) break fill;
        const b = Math.min(opts.devices, a + DEVICES_PER_STATEMENT);
        await exec(
          database,
          `INSERT INTO tracking_position (device_id, fix_time, received_at, lat, lon, altitude, speed_kmh, course, accuracy_m, battery, valid, flags, source, alarm, status, attributes)
           SELECT d.id,
                  '${t8}'::timestamptz + k * interval '30 seconds',
                  '${t8}'::timestamptz + k * interval '30 seconds' + interval '2 seconds',
                  d.lat0 + 0.004 * sin(k / 40.0 + d.ph),
                  d.lon0 + 0.005 * cos(k / 55.0 + d.ph),
                  5, 4.0 + (k % 5), (k * 7) % 360, 8, 95 - k / 20.0, true, 0, 1, NULL, NULL, NULL
           FROM generate_series(0, ${opts.points - 1}) AS k CROSS JOIN bench_dev d
           WHERE d.n >= ${a} AND d.n < ${b}`,
        );
        rows += (b - a) * opts.points;
        if (performance.now() - lastLog > 15_000) {
          lastLog = performance.now();
          console.error(`[tracking-stats] ${name}: ${fmt(rows)} rows in ${((lastLog - fillStart) / 1000).toFixed(0)} s…`);
        }
      }
      filledDays++;
    }
    const fillS = (performance.now() - fillStart) / 1000;
    console.error(`[tracking-stats] ${name}: ${fmt(rows)} rows in ${fillS.toFixed(0)} s; VACUUM ANALYZE…`);
    const v0 = performance.now();
    await exec(database, 'VACUUM ANALYZE tracking_position');
    const vacuumS = (performance.now() - v0) / 1000;
    const [size] = await database.rows<{ bytes: number | string }>(sql`SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0)::bigint AS bytes FROM pg_inherits WHERE inhparent = 'tracking_position'::regclass`);
    if (filledDays === 0) throw new Error(`${name}: not one whole day filled within ${opts.fillBudgetS} s`);

    // The measured device-days: the last filled day (the newest, as a supervisor would look at), 30 devices.
    const day = days[filledDays - 1]!;
    const { start, end } = cnDayRange(day);
    const step = Math.max(1, Math.floor(opts.devices / SAMPLE_DEVICES));
    const sample = (await database.rows<{ id: string; n: number }>(sql`SELECT id, n FROM bench_dev ORDER BY n`)).filter((_, i) => i % step === 0).slice(0, SAMPLE_DEVICES);

    const explain = database.pglite
      ? (await database.pglite.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE) ${RAW_SQL}`, [sample[0]!.id, start, end])).rows.map((r) => r['QUERY PLAN']).join('\n')
      : (await database.pool!.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE) ${RAW_SQL}`, [sample[0]!.id, start, end])).rows.map((r) => r['QUERY PLAN']).join('\n');
    const scan = /Index Only Scan using (\S+)/.exec(explain)?.[1];
    const heap = /Heap Fetches: (\d+)/.exec(explain)?.[1];
    const plan = scan ? `Index Only Scan (${scan}), heap fetches ${heap ?? '?'}` : (explain.split('\n')[0] ?? '').trim();

    const config = { ...loadConfig({}), logLevel: 'silent', dataDir: dir };
    const app = await buildApp({ config, database, clock: systemClock, logger: false });
    await app.ready();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/identity/login', payload: { username: 'admin', password: BENCH_ADMIN_PASSWORD } });
      const cookie = login.cookies.find((c) => c.name === 'guifan_session');
      if (!cookie) throw new Error(`login failed: ${login.body}`);
      const headers = { cookie: `guifan_session=${cookie.value}` };
      const endpoint = async (id: string) => {
        const res = await app.inject({ method: 'GET', url: `/api/tracking/stats/device?deviceId=${id}&date=${day}`, headers });
        if (res.statusCode !== 200) throw new Error(`stats/device ${res.statusCode}: ${res.body.slice(0, 300)}`);
        return res;
      };
      let pointsPerDay = 0;
      let bytes = 0;
      for (const d of sample) {
        const res = await endpoint(d.id);
        pointsPerDay = (JSON.parse(res.body) as { summary: { pointCount: number } }).summary.pointCount;
        bytes = res.rawPayload.length;
        const n = await raw(database, [d.id, start, end]);
        if (n !== pointsPerDay) throw new Error(`raw query returned ${n} rows, the endpoint counted ${pointsPerDay}`);
      }
      const endpointMs: number[] = [];
      const rawMs: number[] = [];
      const meMs: number[] = [];
      const timeEndpoint = async (id: string) => {
        const t0 = performance.now();
        await endpoint(id);
        endpointMs.push(performance.now() - t0);
      };
      const timeRaw = async (id: string) => {
        const t0 = performance.now();
        await raw(database, [id, start, end]);
        rawMs.push(performance.now() - t0);
      };
      for (let r = 0; r < ROUNDS; r++) {
        for (const d of sample) {
          const t0 = performance.now();
          await app.inject({ method: 'GET', url: '/api/identity/me', headers });
          meMs.push(performance.now() - t0);
          if (r % 2 === 0) {
            await timeEndpoint(d.id);
            await timeRaw(d.id);
          } else {
            await timeRaw(d.id);
            await timeEndpoint(d.id);
          }
        }
      }
      return { database: name, rows, target, fillS, vacuumS, sizeMiB: Number(size?.bytes ?? 0) / 1024 ** 2, filledDays, endpointMs, rawMs, meMs, pointsPerDay, responseKiB: bytes / 1024, plan };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runTrackingStatsBench(): Promise<{ markdown: string; pass: boolean }> {
  const base = { devices: intEnv('BENCH_STATS_DEVICES', 1000), days: intEnv('BENCH_STATS_DAYS', 10), points: intEnv('BENCH_STATS_POINTS', 1000) };
  const pgUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
  const results: Result[] = [];
  if (pgUrl) results.push(await withScratchPg(pgUrl, 'stats', (u) => run('PostgreSQL', { ...base, databaseUrl: u, fillBudgetS: intEnv('BENCH_STATS_PG_FILL_S', 900) })));
  if (process.env.BENCH_STATS_SKIP_PGLITE !== '1') results.push(await run('PGlite (embedded)', { ...base, fillBudgetS: intEnv('BENCH_STATS_PGLITE_FILL_S', 300) }));
  const verdict = (r: Result) => {
    const e = median(r.endpointMs);
    const ratio = e / median(r.rawMs);
    return { e, ratio, ok: ratio <= GOAL_RATIO && e <= GOAL_MS };
  };
  const pass = results.length > 0 && results.every((r) => verdict(r).ok);
  const table = mdTable(
    ['database', 'rows in tracking_position', 'fill (SQL) + VACUUM', 'device-day', 'raw query median / p95 ms', 'endpoint median / p95 ms', '× raw', `goal ≤ ${GOAL_RATIO}× and ≤ ${GOAL_MS} ms`],
    results.map((r) => {
      const v = verdict(r);
      const partial = r.rows < r.target ? ` (of ${fmt(r.target)} planned: the ${fmt(r.rows / 1e6, 1)} M that fit in the fill budget)` : '';
      return [
        r.database,
        `${fmt(r.rows)}${partial}, ${r.filledDays} daily partitions, ${fmt(r.sizeMiB)} MiB`,
        `${fmt(r.fillS, 0)} s + ${fmt(r.vacuumS, 0)} s`,
        `${fmt(r.pointsPerDay)} points; ${r.plan}; response ${fmt(r.responseKiB, 1)} KiB`,
        `${fmt(median(r.rawMs), 2)} / ${fmt(quantile(r.rawMs, 0.95), 2)}`,
        `${fmt(v.e, 2)} / ${fmt(quantile(r.endpointMs, 0.95), 2)}`,
        fmt(v.ratio, 2),
        passFail(v.ok),
      ];
    }),
  );
  const floor = results.map((r) => `${r.database} ${fmt(median(r.meMs), 2)} ms`).join(', ');
  const markdown = [
    '### Device-day statistics on 10 M positions (`bench/tracking-stats.ts`)',
    '',
    `In-process (\`app.inject\`, session cookie of \`admin\`, city scope). Data: the demo seed plus ${fmt(base.devices)} devices over the 21 teams, ` +
      `${fmt(base.points)} points per device-day (every 30 s from 08:00 Beijing time) on ${base.days} days in daily partitions, generated with ` +
      `\`INSERT … SELECT … generate_series\` (one statement per day and ${DEVICES_PER_STATEMENT} devices) and \`VACUUM ANALYZE\`. ` +
      `Measured on ${SAMPLE_DEVICES} device-days of the newest filled day: each fetched once by both (warm-up), then ${ROUNDS} rounds of ` +
      `\`GET /api/tracking/stats/device?deviceId=&date=\` and the raw query \`${RAW_SQL.replace(/\$/g, '\\$')}\` (same driver, ` +
      `alternating which goes first). ${os.availableParallelism()} CPUs.` +
      (pgUrl ? '' : ' PostgreSQL not measured (set `BENCH_DATABASE_URL`).'),
    '',
    table,
    '',
    `Goal (endpoint ≤ ${GOAL_RATIO}× the raw covering-index query and ≤ ${GOAL_MS} ms): ${passFail(pass)}. ` +
      `Floor of an authenticated request in the same app (\`GET /api/identity/me\`, median): ${floor}.`,
  ].join('\n');
  return { markdown, pass };
}

if (isMain(import.meta.url)) {
  runTrackingStatsBench()
    .then((r) => emitSection('tracking-stats', r.markdown))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
