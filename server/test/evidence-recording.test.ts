import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createTestContext, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * 全程音像记录 (domain.md §2.6): a 查封/扣押 is recorded only with its time on the spot and body-camera clips of its
 * officers covering all of it (the evidence module's case step hook); every step with its time on the spot gets the
 * overlapping clips of its officers linked. The clock stands on Monday 2026-03-02, 10:00 in Beijing.
 */
describe('body-camera recording of 查封/扣押: refused without times or covering clips, clips linked to the step', () => {
  let t: TestContext;
  let leader: string;
  let officer: string;
  let o1: string;
  let o2: string;
  let colleague: string;
  let camera: string;
  let caseId: string;
  /** Beijing wall-clock time on 2026-03-02 → ISO. */
  const bj = (hm: string) => new Date(`2026-03-02T${hm}:00+08:00`).toISOString();
  const req = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const current = async () => (await req('GET', `/api/cases/${caseId}`, leader)).json() as Json;
  const act = async (action: string, body: object) => req('POST', `/api/cases/${caseId}/actions/${action}`, leader, { version: (await current()).version, officerIds: [o1, o2], ...body });
  const seize = (times: object) => act('seize', { seizureKind: 'detain', items: '三轮车一辆', ...times });
  const clip = async (officerId: string, from: string, to: string) => {
    const r = await req('POST', '/api/evidence/clips', officer, { deviceId: camera, officerId, startAt: bj(from), endAt: bj(to), sha256: crypto.randomBytes(32).toString('hex') });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id as string;
  };
  const linkedTo = async (eventId: number) => ((await req('GET', `/api/evidence/cases/${caseId}/clips`, officer)).json().items as Json[]).filter((l) => l.stepEventId === eventId);
  const lastEvent = async (action: string) => Number((await t.database.rows<{ id: number }>(sql`select id from case_event where case_id = ${caseId} and action = ${action} order by id desc limit 1`))[0]!.id);

  before(async () => {
    t = await createTestContext({ now: new Date('2026-03-02T02:00:00Z') });
    const zh = await t.unitId(UNITS.zhuhang);
    const persons = await t.database.rows<{ id: string }>(sql`select id from ledger_person where org_unit_id = ${zh} and status = 'active' and kind = 'officer' order by name limit 3`);
    [o1, o2, colleague] = persons.map((p) => p.id) as [string, string, string];
    await t.database.rows(sql`update ledger_person set certificate_issued_on = '2020-01-01', certificate_expires_on = '2030-12-31', certificate_no = coalesce(certificate_no, 'T' || left(id::text, 8)) where id in (${o1}, ${o2})`);
    leader = await t.login('zhuhang.leader');
    officer = await t.login('zhuhang.officer1');
    const cam = await req('POST', '/api/tracking/devices', await t.login('admin'), { identifier: 'recording-test-cam', protocol: 'osmand', kind: 'body_camera', name: '音像记录测试', orgUnitId: zh });
    assert.equal(cam.statusCode, 201, cam.body);
    camera = cam.json().id;
    const lead = await req('POST', '/api/cases/leads', officer, { source: 'patrol', actDate: '2026-03-02', actPlace: '竹行街道人民路 12 号', summary: '店外占道经营', party: { kind: 'individual', name: '张三' } });
    assert.equal(lead.statusCode, 201, lead.body);
    caseId = lead.json().id;
    assert.equal((await act('check', { proposal: 'file', findings: '现场核实属实' })).statusCode, 200);
    assert.equal((await act('approve_filing', {})).statusCode, 200);
  });
  after(() => t.close());

  test('without its time on the spot: 400 naming startedAt and endedAt, the refusal audited, nothing written', async () => {
    const before = await current();
    const r = await seize({});
    assert.equal(r.statusCode, 400, r.body);
    assert.equal(r.json().code, 'case_evidence.step_time_required');
    assert.deepEqual((r.json().details.issues as Json[]).map((i) => i.field).sort(), ['endedAt', 'startedAt']);
    const after = await current();
    assert.equal(after.version, before.version);
    assert.equal(after.seizures.length, 0);
    const [refusal] = await t.database.rows<{ after: Json }>(sql`select after from audit_record where action = 'case.step.refuse' and entity_id = ${caseId} order by seq desc limit 1`);
    assert.equal(refusal!.after.code, 'case_evidence.step_time_required');
  });

  test('without clips covering all of it: 409 with the gaps; another officer’s clip does not count; covered → recorded and linked', async () => {
    const times = { startedAt: bj('09:30'), endedAt: bj('10:00') };
    const none = await seize(times);
    assert.equal(none.statusCode, 409, none.body);
    assert.equal(none.json().code, 'case_evidence.recording_required');
    assert.deepEqual(none.json().details.gaps, [{ from: bj('09:30'), to: bj('10:00') }]);
    assert.equal(none.json().details.gapsText, '2026-03-02 09:30–10:00');

    const first = await clip(o2, '09:25', '09:45');
    const notTheirs = await clip(colleague, '09:44', '10:10');
    const earlier = await clip(o1, '08:00', '08:30');
    const partly = await seize(times);
    assert.equal(partly.statusCode, 409, partly.body);
    assert.deepEqual(partly.json().details.gaps, [{ from: bj('09:45'), to: bj('10:00') }], 'the colleague is not an officer of the step');
    assert.equal((await current()).seizures.length, 0, 'nothing of the refused step was written');
    const [refusal] = await t.database.rows<{ after: Json }>(sql`select after from audit_record where action = 'case.step.refuse' and entity_id = ${caseId} order by seq desc limit 1`);
    assert.equal(refusal!.after.code, 'case_evidence.recording_required');
    assert.deepEqual(refusal!.after.details.gaps, [{ from: bj('09:45'), to: bj('10:00') }]);

    const second = await clip(o1, '09:40', '10:05');
    const ok = await seize(times);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().seizures.length, 1);
    const eventId = await lastEvent('seize');
    const linked = await linkedTo(eventId);
    assert.deepEqual(linked.map((l) => l.clip.id).sort(), [first, second].sort());
    assert.ok(linked.every((l) => l.how === 'auto'));
    assert.ok(!linked.some((l) => l.clip.id === notTheirs || l.clip.id === earlier));
    const [audit] = await t.database.rows<{ after: Json }>(sql`select after from audit_record where action = 'case_evidence.clip.auto_link' and entity_id = ${caseId} order by seq desc limit 1`);
    assert.equal(audit!.after.stepEventId, eventId);

    // By hand: a clip outside the step's time is refused, one inside (the colleague's) is linked.
    const refused = await req('POST', `/api/evidence/cases/${caseId}/steps/${eventId}/clips`, officer, { clipId: earlier });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'case_evidence.clip_not_overlapping');
    const byHand = await req('POST', `/api/evidence/cases/${caseId}/steps/${eventId}/clips`, officer, { clipId: notTheirs });
    assert.equal(byHand.statusCode, 200, byHand.body);
    assert.ok((await linkedTo(eventId)).some((l) => l.clip.id === notTheirs && l.how === 'manual'));
  });

  test('a step that needs no recording: its officers’ overlapping clips are linked when it gives its time, none without', async () => {
    const seizureId = (await current()).seizures[0].id as string;
    const withTimes = await act('extend_seizure', { seizureId, reason: '需鉴定', startedAt: bj('09:50'), endedAt: bj('09:55') });
    assert.equal(withTimes.statusCode, 200, withTimes.body);
    const linked = await linkedTo(await lastEvent('extend_seizure'));
    assert.equal(linked.length, 1, JSON.stringify(linked));
    assert.equal(linked[0]!.clip.officerId, o1);
    const released = await act('release_seizure', { seizureId, seizureOutcome: 'released' });
    assert.equal(released.statusCode, 200, released.body);
    assert.deepEqual(await linkedTo(await lastEvent('release_seizure')), []);
  });

  test('the steps of a case with their clips and, for 查封/扣押, whether the clips cover it; a demo seizure covered by its demo clip', async () => {
    const r = await req('GET', `/api/evidence/cases/${caseId}/steps`, officer);
    assert.equal(r.statusCode, 200, r.body);
    const items = r.json().items as Json[];
    assert.deepEqual(items.map((i) => i.action), ['check', 'approve_filing', 'seize', 'extend_seizure', 'release_seizure']);
    const seized = items.find((i) => i.action === 'seize')!;
    assert.equal(seized.needsRecording, true);
    assert.deepEqual(seized.recording, { covered: true, problem: null, gaps: [] });
    assert.equal(seized.startedAt, bj('09:30'));
    assert.equal(seized.clips.length, 3, 'two automatically, the colleague’s by hand');
    const extended = items.find((i) => i.action === 'extend_seizure')!;
    assert.equal(extended.needsRecording, false);
    assert.equal(extended.recording, null);
    assert.equal(extended.clips.length, 1);

    // The demo's seizures carry their time on the spot and, in teams with a demo body camera, a covering clip of their
    // first officer (demo-evidence.ts).
    const [demo] = await t.database.rows<{ case_id: string }>(sql`select e.case_id from case_event e join case_step_clip l on l.step_event_id = e.id where e.action = 'seize' and e.is_demo order by e.id limit 1`);
    assert.ok(demo, 'the demo has seizures');
    const d = (await req('GET', `/api/evidence/cases/${demo.case_id}/steps`, await t.login('admin'))).json().items as Json[];
    const demoSeize = d.find((i) => i.action === 'seize')!;
    assert.deepEqual(demoSeize.recording, { covered: true, problem: null, gaps: [] });
    assert.equal(demoSeize.clips.length, 1);
    assert.equal(demoSeize.clips[0].clip.officerId, demoSeize.officers[0].personId);
    assert.equal((await req('GET', `/api/evidence/cases/${caseId}/steps`, await t.login('chengdong.leader'))).statusCode, 404);
  });
});
