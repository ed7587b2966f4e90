import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The demo's 文书 (server/src/seed/demo-documents.ts) in the test template: closed and archived demo cases hold every
 * document the required-document check asks for, decisions are numbered, signed and served as their serve step says,
 * the 文号 series are gapless in the service's own counters, and a user's next number continues them.
 */
describe('demo documents', () => {
  let t: TestContext;
  let admin: string;
  const get = async (url: string, cookie = admin) => {
    const r = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
    return r.json() as Json;
  };

  before(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
  });
  after(() => t.close());

  test('every closed or archived demo case misses no required document (the check 结案/归档 applies)', async () => {
    const rows = await t.database.rows<{ id: string; state: string }>(sql`select id, state from enforcement_case where is_demo and state in ('closed', 'archived') order by id`);
    assert.ok(rows.filter((r) => r.state === 'archived').length >= 50 && rows.some((r) => r.state === 'closed'), `closed/archived demo cases: ${rows.length}`);
    const problems: string[] = [];
    for (const r of rows) {
      const d = await get(`/api/documents/cases/${r.id}`);
      const missing = (d.check[r.state === 'archived' ? 'archive' : 'close'] as Json[]).concat(d.check.close as Json[]);
      if (missing.length) problems.push(`${r.id} ${r.state}: ${missing.map((m) => `${m.docType}:${m.problem}`).join(', ')}`);
    }
    assert.deepEqual(problems, []);
  });

  test('a decided and served demo decision has its 文号, two officer signatures on the decision day and the serve step’s service', async () => {
    const [c] = await t.database.rows<{ id: string; decided_on: string; method: string; served_on: string; serve_event: number }>(sql`
      select c.id, c.decided_on::text, c.facts->'service'->>'method' as method, c.facts->'service'->>'on' as served_on,
             (select e.id from case_event e where e.case_id = c.id and e.action = 'serve')::int as serve_event
      from enforcement_case c where c.is_demo and c.procedure = 'general' and c.state = 'executing' and c.facts->'decision'->>'outcome' = 'penalty'
        and exists (select 1 from case_event e where e.case_id = c.id and e.action = 'serve') order by c.id limit 1`);
    assert.ok(c, 'the demo has a served decision being executed');
    const d = await get(`/api/documents/cases/${c.id}`);
    const decision = (d.items as Json[]).find((x) => x.docType === 'penalty_decision')!;
    assert.match(decision.number.number, /城管罚决字〔\d{4}〕第\d{4}号$/);
    assert.equal(decision.number.issuedAt.slice(0, 10), c.decided_on);
    const officers = (decision.signatures as Json[]).filter((s) => s.role === 'officer' && s.current);
    assert.equal(new Set(officers.map((s) => s.personId)).size, 2);
    assert.ok(officers.every((s) => s.signedOn === c.decided_on));
    assert.deepEqual(decision.missingSigners, []);
    assert.equal(decision.status, 'served');
    const [s] = decision.services as Json[];
    assert.deepEqual([s!.method, s!.servedOn, s!.caseEventId], [c.method, c.served_on, c.serve_event]);
    assert.ok(!(d.check.close as Json[]).some((m) => m.docType === 'penalty_decision'));
  });

  test('refusals to sign are labelled and witnessed; every record is demo', async () => {
    const [r] = await t.database.rows<{ refused: number; bad: number; not_demo: number }>(sql`
      select count(*) filter (where refused)::int as refused,
             count(*) filter (where refused and (note not like '%演示%' or witness_name not like '%演示%'))::int as bad,
             (select count(*)::int from document_signature where not is_demo) + (select count(*)::int from document_service where not is_demo)
               + (select count(*)::int from document_number where not is_demo) as not_demo
      from document_signature`);
    assert.ok(r!.refused >= 3, `refusals: ${r!.refused}`);
    assert.equal(r!.bad, 0);
    assert.equal(r!.not_demo, 0);
  });

  test('the series are gapless per team, type and year and end at the service counters', async () => {
    const rows = await t.database.rows<{ org_unit_id: string; doc_type: string; year: number; n: number; max: number; last: number | null }>(sql`
      select n.org_unit_id, n.doc_type, n.year, count(*)::int as n, max(n.seq)::int as max,
             (select c.last from document_counter c where c.org_unit_id = n.org_unit_id and c.doc_type = n.doc_type and c.year = n.year) as last
      from document_number n group by n.org_unit_id, n.doc_type, n.year`);
    assert.ok(rows.length > 100, `series: ${rows.length}`);
    const bad = rows.filter((r) => r.n !== r.max || r.last !== r.max);
    assert.deepEqual(bad, []);
    // Numbered in the order of their dates within each series.
    const [order] = await t.database.rows<{ n: number }>(sql`
      select count(*)::int as n from document_number a join document_number b
        on a.org_unit_id = b.org_unit_id and a.doc_type = b.doc_type and a.year = b.year and a.seq < b.seq and a.issued_at > b.issued_at`);
    assert.equal(order!.n, 0);
  });

  test('a new allocation continues the series', async () => {
    const year = Number(new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
    const [c] = await t.database.rows<{ id: string; org_unit_id: string; username: string }>(sql`
      select c.id, c.org_unit_id, u.username from enforcement_case c join app_user u on u.org_unit_id = c.org_unit_id and u.username like '%.officer1'
      where c.is_demo and c.state in ('decided', 'executing', 'executed') and exists (select 1 from case_event e where e.case_id = c.id and e.action = 'notify')
        and exists (select 1 from document_counter k where k.org_unit_id = c.org_unit_id and k.doc_type = 'penalty_notice' and k.year = ${year})
      order by c.id limit 1`);
    assert.ok(c, `a demo case whose team has 事先告知 numbers in ${year}`);
    const [k] = await t.database.rows<{ last: number }>(sql`select last from document_counter where org_unit_id = ${c.org_unit_id} and doc_type = 'penalty_notice' and year = ${year}`);
    const officer = await t.login(c.username);
    const r = await t.app.inject({ method: 'POST', url: '/api/documents/numbers', headers: { cookie: officer }, payload: { caseId: c.id, docType: 'penalty_notice', ref: 'extra' } });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().seq, k!.last + 1);
    assert.equal(r.json().year, year);
  });
});
