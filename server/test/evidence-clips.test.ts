import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { clipsCovering, coveringClipProblem } from '../src/modules/evidence';
import { createTestContext, multipartFile, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('body-camera clips: registry, automatic and hand linking to case steps, the covering check for the case module', () => {
  let t: TestContext;
  const cookies: Record<string, string> = {};
  let team: string;
  let camera: string;
  let phone: string;
  let caseId: string;
  let step: { id: number; at: Date; officers: string[] };
  let colleague: string;
  /** The colleague's clip linked by hand to the step. */
  let handLinked: string;

  const send = (method: 'POST' | 'GET', url: string, user: string, payload?: object) => t.app.inject({ method, url, headers: { cookie: cookies[user]! }, ...(payload ? { payload } : {}) });
  const minutes = (n: number) => new Date(step.at.getTime() + n * 60_000).toISOString();
  const register = (officerId: string, from: number, to: number, sha = crypto.randomBytes(32).toString('hex'), deviceId = camera) => send('POST', '/api/evidence/clips', 'zhuhang.officer1', { deviceId, officerId, startAt: minutes(from), endAt: minutes(to), sha256: sha });

  before(async () => {
    t = await createTestContext();
    for (const u of ['admin', 'zhuhang.officer1', 'zhuhang.aux1', 'xinkai.leader']) cookies[u] = await t.login(u);
    team = await t.unitId(UNITS.zhuhang);
    const device = async (identifier: string, kind: string) => {
      const r = await send('POST', '/api/tracking/devices', 'admin', { identifier, protocol: 'osmand', kind, name: `证据测试 ${identifier}`, orgUnitId: team });
      assert.equal(r.statusCode, 201, r.body);
      return r.json().id as string;
    };
    camera = await device('evidence-test-cam', 'body_camera');
    phone = await device('evidence-test-phone', 'phone');
    const ev = (await t.database.rows<{ id: number; case_id: string; at: Date | string; officers: { personId: string }[] }>(
      sql`select e.id, e.case_id, e.at, e.officers from case_event e join enforcement_case c on c.id = e.case_id where c.org_unit_id = ${team} and jsonb_array_length(e.officers) > 0 order by e.id limit 1`,
    ))[0]!;
    caseId = ev.case_id;
    step = { id: Number(ev.id), at: new Date(ev.at), officers: ev.officers.map((o) => o.personId) };
    colleague = (await t.database.rows<{ id: string }>(sql`select id from ledger_person where org_unit_id = ${team} and not (id = any(${`{${step.officers.join(',')}}`}::uuid[])) order by id limit 1`))[0]!.id;
  });
  after(() => t.close());

  test('registering: a body camera of the scope, an officer, an end after the start', async () => {
    const ok = await register(step.officers[0]!, -10, 10);
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().fileStored, false);
    const audit = await t.database.rows<{ action: string }>(sql`select action from audit_record where entity_type = 'body_cam_clip' and entity_id = ${ok.json().id}`);
    assert.deepEqual(audit.map((a) => a.action), ['case_evidence.clip.register']);
    const cases: [Promise<Awaited<ReturnType<typeof register>>>, number, string][] = [
      [register(step.officers[0]!, 10, 10), 400, 'case_evidence.clip_time_invalid'],
      [register(step.officers[0]!, 0, 5, undefined, phone), 400, 'case_evidence.not_body_camera'],
      [register(crypto.randomUUID(), 0, 5), 404, 'case_evidence.officer_not_found'],
      [register(step.officers[0]!, 0, 5, undefined, crypto.randomUUID()), 404, 'case_evidence.camera_not_found'],
    ];
    for (const [p, status, code] of cases) {
      const r = await p;
      assert.equal(r.statusCode, status, r.body);
      assert.equal(r.json().code, code);
    }
    assert.equal((await send('POST', '/api/evidence/clips', 'zhuhang.aux1', { deviceId: camera, officerId: step.officers[0], startAt: minutes(0), endAt: minutes(1), sha256: 'a'.repeat(64) })).statusCode, 403);
    assert.equal((await send('POST', '/api/evidence/clips', 'xinkai.leader', { deviceId: camera, officerId: step.officers[0], startAt: minutes(0), endAt: minutes(1), sha256: 'a'.repeat(64) })).json().code, 'case_evidence.camera_not_found');
  });

  test('the file, when uploaded, must have the registered hash', async () => {
    const video = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), crypto.randomBytes(64)]);
    const clip = (await register(step.officers[0]!, -60, -50, crypto.createHash('sha256').update(video).digest('hex'))).json() as Json;
    const up = (data: Buffer) => {
      const f = multipartFile('file', 'clip.mp4', data, 'video/mp4');
      return t.app.inject({ method: 'POST', url: `/api/evidence/clips/${clip.id}/file`, headers: { cookie: cookies['zhuhang.officer1']!, ...f.headers }, payload: f.payload });
    };
    const wrong = await up(Buffer.concat([video, Buffer.from('x')]));
    assert.equal(wrong.statusCode, 409);
    assert.equal(wrong.json().code, 'case_evidence.clip_hash_mismatch');
    const ok = await up(video);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().fileStored, true);
  });

  test('automatic linking takes the clips of the step’s officers that overlap it; a hand link must overlap', async () => {
    const a = (await register(step.officers[0]!, -5, 5)).json() as Json;
    const before = (await register(step.officers[0]!, -30, -20)).json() as Json;
    const other = (await register(colleague, -3, 3)).json() as Json;
    handLinked = other.id;
    const auto = await send('POST', `/api/evidence/cases/${caseId}/steps/${step.id}/clips/auto`, 'zhuhang.officer1');
    assert.equal(auto.statusCode, 200, auto.body);
    const ids = (auto.json().items as Json[]).map((l) => l.clip.id);
    assert.ok(ids.includes(a.id));
    assert.ok(!ids.includes(before.id), 'not overlapping');
    assert.ok(!ids.includes(other.id), 'not an officer of the step');
    assert.ok((auto.json().items as Json[]).every((l) => l.how === 'auto'));
    assert.equal((await send('POST', `/api/evidence/cases/${caseId}/steps/${step.id}/clips/auto`, 'zhuhang.officer1')).json().linked, 0, 'linking again adds nothing');

    const refused = await send('POST', `/api/evidence/cases/${caseId}/steps/${step.id}/clips`, 'zhuhang.officer1', { clipId: before.id });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'case_evidence.clip_not_overlapping');
    const byHand = await send('POST', `/api/evidence/cases/${caseId}/steps/${step.id}/clips`, 'zhuhang.officer1', { clipId: other.id });
    assert.equal(byHand.statusCode, 200, byHand.body);
    assert.ok((byHand.json().items as Json[]).some((l) => l.clip.id === other.id && l.how === 'manual'));
    const listed = (await send('GET', `/api/evidence/cases/${caseId}/clips`, 'zhuhang.aux1')).json() as Json;
    assert.ok(listed.items.length >= 2);
    assert.equal((await send('GET', `/api/evidence/cases/${caseId}/clips`, 'xinkai.leader')).statusCode, 404);
    const audits = await t.database.rows<{ action: string }>(sql`select action from audit_record where entity_type = 'enforcement_case' and entity_id = ${caseId} and action like 'case_evidence.%' order by seq`);
    assert.deepEqual(audits.map((x) => x.action), ['case_evidence.clip.auto_link', 'case_evidence.clip.link']);
  });

  test('clipsCovering + coveringClipProblem: what the case service will check before completing 查封/扣押', async () => {
    const officers = step.officers;
    const far = new Date(step.at.getTime() + 10 * 86_400_000);
    const check = async (from: Date, to: Date) => coveringClipProblem({ action: 'seize', officerIds: officers, from, to }, await clipsCovering(t.database.db, caseId, officers, from, to));
    // Nothing recorded ten days later.
    assert.equal((await check(far, new Date(far.getTime() + 600_000)))?.code, 'case_evidence.recording_required');
    // Around the step: the officer's clip covers −5 … +5 minutes (and −10 … +10 from the first test).
    assert.equal(await check(new Date(step.at.getTime() - 4 * 60_000), new Date(step.at.getTime() + 4 * 60_000)), null);
    // Beyond the officers' own clips: −15 … +15 has gaps.
    assert.equal((await check(new Date(step.at.getTime() - 15 * 60_000), new Date(step.at.getTime() + 15 * 60_000)))?.code, 'case_evidence.recording_required');
    // The colleague's clip linked by hand counts for this case, and only for it.
    const from = new Date(step.at.getTime() - 2 * 60_000);
    const to = new Date(step.at.getTime() + 2 * 60_000);
    assert.ok((await clipsCovering(t.database.db, caseId, officers, from, to)).some((c) => c.id === handLinked));
    const otherCase = (await t.database.rows<{ id: string }>(sql`select id from enforcement_case where id <> ${caseId} order by id limit 1`))[0]!.id;
    assert.ok(!(await clipsCovering(t.database.db, otherCase, officers, from, to)).some((c) => c.id === handLinked));
  });
});
