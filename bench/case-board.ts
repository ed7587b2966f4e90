/**
 * The 期限预警 board for the whole city: GET /api/cases/deadlines (admin, city scope, default horizon of 3 working
 * days) with 20,000 open cases. Goal: ≤ 100 ms median on PostgreSQL; embedded PGlite reported too.
 *
 * Data: the Nantong demo (teams, ledgers, the rule set and calendars); its demo cases are removed so that the open
 * cases are exactly the generated ones: 20,000 cases spread over the 21 teams, each with a stopped 立案 check, a
 * running 决定 period (the board's duty deadline) due between 3 days ago and 150 days ahead, and a 听证 window on a
 * third of them, the responsible officer from the team's ledger; generated with `INSERT … SELECT … generate_series`,
 * then ANALYZE. BENCH_CASE_UNKNOWN=n adds a row with n cases filed three days ago (timeline events) whose stored 决定
 * due day is unknown (calendar missing): the board recomputes such cases only when the calendar's years change (the
 * first board on the database), so these stay unknown and are counted, not recomputed on every request.
 * The board answers one page (default 200 rows, unknown first, then the nearest due) with exact totals counted in SQL.
 *
 * Measured in-process (`app.inject`, session cookie of `admin`): 5 warm-up requests, then 40 timed; median / p95;
 * and EXPLAIN ANALYZE of the board query itself.
 *
 *   node --import tsx bench/case-board.ts            (BENCH_DATABASE_URL=postgres://… for PostgreSQL)
 *
 * Knobs: BENCH_CASES (20000), BENCH_CASE_UNKNOWN (0), BENCH_CASE_SKIP_PGLITE=1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { createDatabase, type Database } from '../server/src/db/client';
import { systemClock } from '../server/src/platform/clock';
import { seedDemo } from '../server/src/seed/demo';
import { BENCH_ADMIN_PASSWORD, emitSection, fmt, isMain, mdTable, passFail, tempDataDir } from './lib';
import { intEnv, median, quantile, withScratchPg } from './tracking-lib';

const GOAL_MS = 100;
const WARMUP = 5;
const TIMED = 40;

interface Variant {
  label: string;
  ms: number[];
  items: number;
  total: number;
  overdue: number;
  dueSoon: number;
  unknown: number;
  kib: number;
}
interface Result {
  database: string;
  cases: number;
  fillS: number;
  variants: Variant[];
  plan: string;
  planMs: number;
  countMs: number;
}

async function exec(database: Database, text: string): Promise<void> {
  if (database.pglite) await database.pglite.exec(text);
  else await database.pool!.query(text);
}
async function query<T>(database: Database, text: string): Promise<T[]> {
  if (database.pglite) return (await database.pglite.query<T>(text)).rows;
  return (await database.pool!.query(text)).rows as T[];
}

const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

const FACTS = `'{"leadSummary":"基准测试案件","statements":[],"review":{"triggers":[]},"major":false,"decisionExtensions":[],"urges":[]}'::jsonb`;

/** `n` open cases over the teams (ids kept in bench_case), with their deadlines; `unknownDue`: the 决定 due day unknown. */
async function fill(database: Database, today: string, from: number, n: number, unknownDue: boolean): Promise<void> {
  await exec(
    database,
    `DROP TABLE IF EXISTS bench_case;
     CREATE TABLE bench_case AS
       SELECT s AS n, gen_random_uuid() AS id, t.id AS team_id,
              t.officers[1 + (s % array_length(t.officers, 1))] AS officer,
              ((s * 7919) % 154) - 3 AS due_offset
       FROM generate_series(${from}, ${from + n - 1}) AS s
       JOIN (SELECT o.id, (row_number() OVER (ORDER BY o.code)) - 1 AS i,
                    (SELECT array_agg(p.id ORDER BY p.id) FROM ledger_person p WHERE p.org_unit_id = o.id AND p.kind = 'officer' AND p.status = 'active') AS officers
             FROM org_unit o WHERE o.kind = 'team') t
         ON t.i = s % (SELECT count(*) FROM org_unit WHERE kind = 'team');
     INSERT INTO enforcement_case (id, org_unit_id, procedure, state, source, lead_no, case_no, year, act_date, act_place, officer_ids, responsible_person_id, facts, filed_on, is_demo, created_at, updated_at, version)
       SELECT id, team_id, 'general', (ARRAY['investigating','investigated','notified','in_review'])[1 + n % 4], 'patrol',
              'BENCH线' || n, 'BENCH罚' || n, 2026, DATE '${today}' + due_offset - 95, '基准测试地点 ' || n,
              jsonb_build_array(officer, officer), officer, ${FACTS}, DATE '${today}' + due_offset - 90, false, now(), now(), 3
       FROM bench_case;
     INSERT INTO case_deadline (id, case_id, org_unit_id, key, kind, rule_id, duty, start_on, due_on, stopped_on, problem, running, responsible_person_id, is_demo)
       SELECT gen_random_uuid(), id, team_id, 'lead_check', 'lead_check', 'zjb55.lead_check', true, DATE '${today}' + due_offset - 95, DATE '${today}' + due_offset - 80, DATE '${today}' + due_offset - 90, NULL, false, officer, false FROM bench_case;
     INSERT INTO case_deadline (id, case_id, org_unit_id, key, kind, rule_id, duty, start_on, due_on, stopped_on, problem, running, responsible_person_id, is_demo)
       SELECT gen_random_uuid(), id, team_id, 'decision', 'decision', 'zjb55.decision_period', true, DATE '${today}' + due_offset - 90,
              ${unknownDue ? 'NULL' : `DATE '${today}' + due_offset`}, NULL, ${unknownDue ? `'calendar_missing'` : 'NULL'}, true, officer, false FROM bench_case;
     INSERT INTO case_deadline (id, case_id, org_unit_id, key, kind, rule_id, duty, start_on, due_on, stopped_on, problem, running, responsible_person_id, is_demo)
       SELECT gen_random_uuid(), id, team_id, 'hearing_request', 'hearing_request', 'xzcf.hearing_request', false, DATE '${today}' + due_offset - 10, DATE '${today}' + due_offset - 3, NULL, NULL, true, officer, false FROM bench_case WHERE n % 3 = 0;
     ${
       unknownDue
         ? `INSERT INTO case_event (case_id, org_unit_id, action, from_state, to_state, on_date, at, actor_name, officers, payload, is_demo)
              SELECT id, team_id, 'create_lead', NULL, 'lead', DATE '${today}' - 8, now(), 'bench', '[]'::jsonb, '{}'::jsonb, false FROM bench_case;
            INSERT INTO case_event (case_id, org_unit_id, action, from_state, to_state, on_date, at, actor_name, officers, payload, is_demo)
              SELECT id, team_id, 'approve_filing', 'checked', 'investigating', DATE '${today}' - 3, now(), 'bench', '[]'::jsonb, '{}'::jsonb, false FROM bench_case;`
         : ''
     }
     DROP TABLE bench_case;`,
  );
}

async function run(name: string, opts: { databaseUrl?: string; cases: number; unknown: number }): Promise<Result> {
  const dir = tempDataDir('case-board');
  const database = await createDatabase(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : { pgliteDir: path.join(dir, 'pglite') });
  try {
    await database.migrate();
    console.error(`[case-board] ${name}: demo seed…`);
    await seedDemo(database, systemClock, { adminPassword: BENCH_ADMIN_PASSWORD });
    // Only the generated cases are open: the demo's are removed (their children first).
    await exec(database, `DELETE FROM case_deadline; DELETE FROM case_event; DELETE FROM case_party; DELETE FROM case_seizure; DELETE FROM enforcement_case;`);
    const today = shanghaiDay(new Date());
    const t0 = performance.now();
    await fill(database, today, 0, opts.cases, false);
    await exec(database, 'ANALYZE enforcement_case; ANALYZE case_deadline; ANALYZE org_unit; ANALYZE ledger_person;');
    const fillS = (performance.now() - t0) / 1000;
    console.error(`[case-board] ${name}: ${fmt(opts.cases)} open cases in ${fillS.toFixed(1)} s`);

    const config = { ...loadConfig({}), logLevel: 'silent', dataDir: dir };
    const app = await buildApp({ config, database, clock: systemClock, logger: false });
    await app.ready();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/identity/login', payload: { username: 'admin', password: BENCH_ADMIN_PASSWORD } });
      const cookie = login.cookies.find((c) => c.name === 'guifan_session');
      if (!cookie) throw new Error(`login failed: ${login.body}`);
      const headers = { cookie: `guifan_session=${cookie.value}` };
      const measure = async (label: string): Promise<Variant> => {
        let body = '';
        for (let i = 0; i < WARMUP; i++) {
          const res = await app.inject({ method: 'GET', url: '/api/cases/deadlines', headers });
          if (res.statusCode !== 200) throw new Error(`deadlines ${res.statusCode}: ${res.body.slice(0, 300)}`);
          body = res.body;
        }
        const ms: number[] = [];
        for (let i = 0; i < TIMED; i++) {
          const t = performance.now();
          await app.inject({ method: 'GET', url: '/api/cases/deadlines', headers });
          ms.push(performance.now() - t);
        }
        const b = JSON.parse(body) as { items: unknown[]; total: number; counts: { overdue: number; dueSoon: number; unknown: number } };
        return { label, ms, items: b.items.length, total: b.total, ...b.counts, kib: body.length / 1024 };
      };
      const variants = [await measure(`${fmt(opts.cases)} open, every due day known`)];

      // The board's two queries (same shape as case.repository `board` and `boardCounts`), for the plan.
      const [root] = await query<{ path: string }>(database, `SELECT path FROM org_unit WHERE parent_id IS NULL`);
      const where = `d.running = true AND d.duty = true AND u.path LIKE '${root!.path}%' AND d.problem IS DISTINCT FROM 'rule_missing' AND (d.due_on <= DATE '${today}' + 5 OR d.due_on IS NULL)`;
      const boardSql = `EXPLAIN (ANALYZE) SELECT d.case_id, d.key, d.kind, d.rule_id, d.start_on, d.due_on, d.problem, d.responsible_person_id, p.name, d.org_unit_id, u.name, u.path, c.case_no, c.lead_no, c.state, c.is_demo
        FROM case_deadline d JOIN org_unit u ON u.id = d.org_unit_id JOIN enforcement_case c ON c.id = d.case_id LEFT JOIN ledger_person p ON p.id = d.responsible_person_id
        WHERE ${where}
        ORDER BY d.due_on ASC NULLS FIRST, d.case_id ASC, d.key ASC LIMIT 200 OFFSET 0`;
      const countSql = `EXPLAIN (ANALYZE) SELECT count(*) FILTER (WHERE d.due_on < DATE '${today}'), count(*) FILTER (WHERE d.due_on >= DATE '${today}'), count(*) FILTER (WHERE d.due_on IS NULL)
        FROM case_deadline d JOIN org_unit u ON u.id = d.org_unit_id WHERE ${where}`;
      const plan = (await query<{ 'QUERY PLAN': string }>(database, boardSql)).map((r) => r['QUERY PLAN']);
      const planMs = Number(/Execution Time: ([\d.]+)/.exec(plan.join('\n'))?.[1] ?? NaN);
      const countPlan = (await query<{ 'QUERY PLAN': string }>(database, countSql)).map((r) => r['QUERY PLAN']);
      const countMs = Number(/Execution Time: ([\d.]+)/.exec(countPlan.join('\n'))?.[1] ?? NaN);
      const scans = [...new Set(plan.map((l) => /(Index Only Scan|Index Scan|Bitmap Heap Scan|Seq Scan) (?:using (\S+) )?on (\S+)/.exec(l)).filter((m): m is RegExpExecArray => m !== null).map((m) => `${m[1]} ${m[3]}${m[2] ? ` (${m[2]})` : ''}`))];

      if (opts.unknown > 0) {
        await fill(database, today, opts.cases, opts.unknown, true);
        await exec(database, 'ANALYZE case_deadline;');
        variants.push(await measure(`+ ${fmt(opts.unknown)} with the due day unknown (calendar missing)`));
      }
      return { database: name, cases: opts.cases, fillS, variants, plan: scans.join('; '), planMs, countMs };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runCaseBoardBench(): Promise<{ markdown: string; pass: boolean }> {
  const opts = { cases: intEnv('BENCH_CASES', 20_000), unknown: intEnv('BENCH_CASE_UNKNOWN', 0) };
  const pgUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
  const results: Result[] = [];
  if (pgUrl) results.push(await withScratchPg(pgUrl, 'caseboard', (u) => run('PostgreSQL', { ...opts, databaseUrl: u })));
  if (process.env.BENCH_CASE_SKIP_PGLITE !== '1') results.push(await run('PGlite (embedded)', opts));
  // The goal is PostgreSQL's, on the board with every due day known; embedded is reported.
  const pg = results.find((r) => r.database === 'PostgreSQL');
  const pass = pg !== undefined && median(pg.variants[0]!.ms) <= GOAL_MS;
  const table = mdTable(
    ['database', 'open cases', 'board rows: total (overdue / due soon / unknown), rows in the page', 'response', 'median / p95 ms', `goal ≤ ${GOAL_MS} ms (PostgreSQL)`],
    results.flatMap((r) =>
      r.variants.map((v, i) => [
        r.database,
        v.label,
        `${fmt(v.total)} (${fmt(v.overdue)} / ${fmt(v.dueSoon)} / ${fmt(v.unknown)}), ${fmt(v.items)}`,
        `${fmt(v.kib)} KiB`,
        `${fmt(median(v.ms), 1)} / ${fmt(quantile(v.ms, 0.95), 1)}`,
        r.database === 'PostgreSQL' && i === 0 ? passFail(median(v.ms) <= GOAL_MS) : 'reported',
      ]),
    ),
  );
  const plans = results.map((r) => `${r.database}: board page query ${fmt(r.planMs, 1)} ms, totals query ${fmt(r.countMs, 1)} ms (EXPLAIN ANALYZE; ${r.plan}); fill ${fmt(r.fillS, 1)} s`).join('. ');
  const markdown = [
    '### 期限预警 board for the city (`bench/case-board.ts`)',
    '',
    `In-process (\`app.inject\`, session cookie of \`admin\`, city scope, default horizon 3 working days). Data: the demo seed without its cases, ` +
      `then ${fmt(opts.cases)} open cases over the 21 teams generated in SQL, each with a running 决定 period due between 3 days ago and 150 days ahead ` +
      `(about one in twenty overdue or due soon), a stopped 立案 check and, on a third, a 听证 window. The board answers its first page (200 rows) ` +
      `with exact totals counted in SQL. ${WARMUP} warm-up, ${TIMED} timed requests. ` +
      `${os.availableParallelism()} CPUs.` +
      (pgUrl ? '' : ' PostgreSQL not measured (set `BENCH_DATABASE_URL`).'),
    '',
    table,
    '',
    `Goal (≤ ${GOAL_MS} ms median on PostgreSQL with every due day known): ${passFail(pass)}. ${plans}.`,
  ].join('\n');
  return { markdown, pass };
}

if (isMain(import.meta.url)) {
  runCaseBoardBench()
    .then((r) => emitSection('case-board', r.markdown))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
