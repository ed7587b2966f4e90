import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createTestContext, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface DeadlineRow {
  case_id: string;
  key: string;
  start_on: string;
  due_on: string | null;
  stopped_on: string | null;
  problem: string | null;
  running: boolean;
}

/**
 * A correction of a calendar year that already exists (a holiday added, then taken back) moves the stored due days of
 * open cases at once: 先行登记保存 (行政处罚法 第五十六条) is decided within seven days, working days by 第八十五条.
 * Clock: Monday 2026-03-02 (Beijing); registered that day, due Wednesday 2026-03-11 on the shipped 2026 calendar.
 */
describe('cases: a calendar correction recomputes the stored deadlines of open cases', () => {
  let t: TestContext;
  let leader: string;
  let officer: string;
  let bureau: string;
  let admin: string;
  let zh: string;
  let caseId: string;
  let evidenceKey: string;
  let shipped2026: Json;
  const day = (d: string) => new Date(`${d}T02:00:00Z`);
  const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object, app: FastifyInstance = t.app) => app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): Json }>, status = 200) => {
    const r = await res;
    assert.equal(r.statusCode, status, r.body);
    return r.json();
  };
  const act = async (id: string, action: string, cookie: string, body: object) => {
    const cur = await ok(req('GET', `/api/cases/${id}`, cookie));
    return ok(req('POST', `/api/cases/${id}/actions/${action}`, cookie, { version: cur.version, ...body }));
  };
  /** Our case's 先行登记保存 deadline as the board (10 working days ahead), the list and the detail show it. */
  const shown = async (app: FastifyInstance = t.app) => {
    const board = await ok(req('GET', `/api/cases/deadlines?unitId=${zh}&dueWithin=10&limit=1000`, leader, undefined, app));
    const row = (board.items as Json[]).find((i) => i.caseId === caseId && i.kind === 'evidence_preservation');
    const list = await ok(req('GET', `/api/cases?limit=200&q=${encodeURIComponent('更正测试路 1 号')}`, leader, undefined, app));
    const item = (list.items as Json[]).find((i) => i.id === caseId);
    const detail = await ok(req('GET', `/api/cases/${caseId}`, leader, undefined, app));
    const d = (detail.deadlines as Json[]).find((x) => x.key === evidenceKey);
    return { board: row?.dueOn ?? null, left: row?.workingDaysLeft ?? null, list: item?.nextDue?.dueOn ?? null, detail: d?.dueOn ?? null };
  };
  const deadlines = async () => {
    const rows = await t.database.rows<DeadlineRow>(sql`select case_id, key, start_on::text, due_on::text, stopped_on::text, problem, running from case_deadline`);
    return new Map(rows.map((r) => [`${r.case_id}|${r.key}`, r]));
  };
  const cases = () => t.database.rows<{ id: string; version: number; state: string; updated_at: string; had_overdue: boolean }>(sql`select id, version, state, updated_at::text, had_overdue from enforcement_case order by id`);
  const stored = async () => (await t.database.rows<{ revision: string; cases_recomputed: number; cases_changed: number }>(sql`select revision, cases_recomputed, cases_changed from case_deadline_revision`))[0] ?? null;
  const replace2026 = (notice: Json) =>
    ok(req('PUT', '/api/legal/calendars/2026?replace=true', bureau, { title: notice.title, issuedOn: notice.issuedOn, source: notice.source, holidays: notice.holidays, makeupWorkdays: notice.makeupWorkdays }));
  /** Every stored deadline that moved counts a period over `changedDay` (nothing else may change). */
  const onlyOver = (before: Map<string, DeadlineRow>, afterRows: Map<string, DeadlineRow>, changedDay: string) => {
    assert.deepEqual([...afterRows.keys()].sort(), [...before.keys()].sort(), 'no deadline added or removed');
    const moved = [...afterRows].filter(([k, r]) => JSON.stringify(r) !== JSON.stringify(before.get(k)));
    for (const [k, r] of moved) {
      const b = before.get(k)!;
      assert.deepEqual({ ...r, due_on: null }, { ...b, due_on: null }, `${k}: only the due day moves`);
      assert.ok(b.start_on < changedDay && b.due_on !== null && b.due_on >= changedDay, `${k} (${b.start_on} → ${b.due_on}) does not count over ${changedDay}`);
    }
    return moved.map(([k]) => k);
  };

  before(async () => {
    t = await createTestContext({ now: day('2026-03-02') });
    zh = await t.unitId(UNITS.zhuhang);
    const persons = await t.database.rows<{ id: string }>(sql`select id from ledger_person where org_unit_id = ${zh} and status = 'active' and kind = 'officer' order by name`);
    const [o1, o2] = persons.map((p) => p.id) as [string, string];
    await t.database.rows(sql`update ledger_person set certificate_issued_on = '2020-01-01', certificate_expires_on = '2030-12-31', certificate_no = coalesce(certificate_no, 'T' || left(id::text, 8)) where id in (${o1}, ${o2})`);
    leader = await t.login('zhuhang.leader');
    officer = await t.login('zhuhang.officer1');
    bureau = await t.login('bureau');
    admin = await t.login('admin');
    const c = await ok(req('POST', '/api/cases/leads', officer, { source: 'patrol', actDate: '2026-03-02', actPlace: '竹行街道更正测试路 1 号', summary: '店外占道经营', party: { kind: 'individual', name: '赵六' } }), 201);
    caseId = c.id;
    await act(caseId, 'check', officer, { officerIds: [o1, o2], proposal: 'file', findings: '现场核实属实' });
    await act(caseId, 'approve_filing', leader, { officerIds: [o1, o2] });
    const cur = await act(caseId, 'register_evidence', leader, { officerIds: [o1, o2], items: '烧烤炉具一套', place: '人民路 12 号' });
    evidenceKey = `evidence_preservation:${cur.facts.evidence[0].id}`;
    shipped2026 = await ok(req('GET', '/api/legal/calendars/2026', bureau));
  });
  after(() => t.close());

  test('a holiday added to 2026 by a replace moves the due day at once (board, list, detail); the audit has the change; nothing else changes', async () => {
    assert.deepEqual(await shown(), { board: '2026-03-11', left: 7, list: '2026-03-11', detail: '2026-03-11' });
    const revision0 = await stored();
    assert.ok(revision0, 'the seeded database records the revision its deadlines were computed with');
    const rowsBefore = await deadlines();
    const casesBefore = await cases();

    // The bureau corrects 2026: Wednesday 2026-03-04 becomes a holiday (as if the notice had been misread).
    const corrected = { ...shipped2026, holidays: [...shipped2026.holidays, { date: '2026-03-04', name: '更正测试' }] };
    const r = await replace2026(corrected);
    assert.equal(r.replaced, true);

    // Recomputed before the replace returned (the legal service's listener), not only on the next board.
    const moved = onlyOver(rowsBefore, await deadlines(), '2026-03-04');
    assert.ok(moved.includes(`${caseId}|${evidenceKey}`), 'stored before any board is asked');
    // Right after the replace: one working day later everywhere (03-04 is not counted), still seven working days left.
    assert.deepEqual(await shown(), { board: '2026-03-12', left: 7, list: '2026-03-12', detail: '2026-03-12' });
    assert.deepEqual(await cases(), casesBefore, 'no case row changes (version, state, updated, overdue flag)');
    const revision1 = await stored();
    assert.notEqual(revision1!.revision, revision0!.revision);
    assert.ok(revision1!.cases_changed >= 1 && revision1!.cases_changed <= revision1!.cases_recomputed);

    // The audit has the calendar change, with the day added.
    const audit = await ok(req('GET', '/api/audit/records?limit=20&entityType=legal_calendar_year', admin));
    const change = (audit.items as Json[]).find((i) => i.action === 'legal.calendar.replace' && i.entityId === '2026');
    assert.ok(change, 'legal.calendar.replace audited');
    assert.ok((change.after.holidays as Json[]).some((h) => h.date === '2026-03-04'));
    assert.ok(!(change.before.holidays as Json[]).some((h) => h.date === '2026-03-04'));

    // Taken back (the day a working day again): the shipped due day returns, and so does the shipped revision.
    const rowsCorrected = await deadlines();
    await replace2026(shipped2026);
    assert.equal((await deadlines()).get(`${caseId}|${evidenceKey}`)!.due_on, '2026-03-11');
    assert.deepEqual(await shown(), { board: '2026-03-11', left: 7, list: '2026-03-11', detail: '2026-03-11' });
    onlyOver(rowsCorrected, await deadlines(), '2026-03-04');
    assert.deepEqual(await deadlines(), rowsBefore, 'every stored deadline as before the correction');
    assert.equal((await stored())!.revision, revision0!.revision, 'the revision is a digest of the days: the same days, the same revision');
    assert.deepEqual(await cases(), casesBefore);
  });

  test('another instance: a change it did not make is recomputed on its first board; a restart with the same calendar recomputes nothing', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-test-'));
    const base = loadConfig({});
    const config = { ...base, logLevel: 'silent', dataDir };
    // The same database seen by another process: its own caches (keyed by the Database object), nothing in memory.
    const instance = () => buildApp({ config, database: { ...t.database }, clock: t.clock, logger: false });
    const rowsBefore = await deadlines();
    assert.equal((await shown()).board, '2026-03-11');

    // Committed by an instance that stopped before recomputing: 2026-03-05 a holiday (written as the legal service writes).
    await t.database.rows(sql`insert into legal_calendar_day (day, year, kind, name) values ('2026-03-05', 2026, 'holiday', '更正测试')`);
    await t.database.rows(sql`update legal_calendar_year set version = version + 1, updated_at = now() where year = 2026`);
    const second = await instance();
    try {
      assert.deepEqual(await shown(second), { board: '2026-03-12', left: 7, list: '2026-03-12', detail: '2026-03-12' });
      onlyOver(rowsBefore, await deadlines(), '2026-03-05');
    } finally {
      await second.close();
    }

    // A restart: the revision recorded is the one served, so no case is recomputed — a row made wrong on purpose stays.
    const recorded = await stored();
    await t.database.rows(sql`update case_deadline set due_on = '2026-04-30' where case_id = ${caseId} and key = ${evidenceKey}`);
    const third = await instance();
    try {
      assert.equal((await shown(third)).board, null, 'the stored row (due 04-30, off the 10-day board) was not recomputed');
      assert.deepEqual(await stored(), recorded);
    } finally {
      await third.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
