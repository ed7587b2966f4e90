import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { onsiteCounts } from '../src/modules/onsite';
import { offsetM } from '../src/modules/tracking';
import { createTestContext, UNITS, type TestContext } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * 现场核验 end to end: positions go in through the real OsmAnd ingest for phones bound to the two officers, case
 * steps are recorded with their time on the spot, and the check is stored with the step, recomputed when positions
 * arrive late, shown per case, and counted per team.
 */
describe('onsite: case steps checked against the officers’ trajectories', () => {
  let t: TestContext;
  let officer: string;
  let leader: string;
  let admin: string;
  let o1: string;
  let o2: string;
  const SITE = { lat: 31.9801, lon: 120.8902 };
  const DAY = '2026-03-02';
  /** A time on DAY in UTC (Beijing = +8 h). */
  const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00Z`);
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  /** One fix through the OsmAnd HTTP ingest, `north` metres north of the site. */
  const fix = async (identifier: string, time: Date, north: number) => {
    const p = offsetM(SITE.lat, SITE.lon, north, 0);
    const r = await t.app.inject({ method: 'GET', url: `/api/tracking/osmand?id=${identifier}&lat=${p.lat.toFixed(7)}&lon=${p.lon.toFixed(7)}&timestamp=${Math.floor(time.getTime() / 1000)}` });
    assert.equal(r.statusCode, 200, r.body);
  };
  const lead = async (location: boolean) => {
    const r = await send('POST', '/api/cases/leads', officer, { source: 'patrol', actDate: DAY, actPlace: '竹行街道人民路 12 号', summary: '店外占道经营', party: { kind: 'individual', name: '张三' }, ...(location ? SITE : {}) });
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as Json;
  };
  const check = async (c: Json, times: { startedAt: string; endedAt: string } | null) => {
    const r = await send('POST', `/api/cases/${c.id}/actions/check`, officer, { version: c.version, officerIds: [o1, o2], proposal: 'file', findings: '现场核实属实', onDate: DAY, ...(times ?? {}) });
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as Json;
  };
  const view = async (caseId: string, cookie = officer) => {
    const r = await send('GET', `/api/onsite/cases/${caseId}`, cookie);
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as Json;
  };
  const stored = (caseId: string) => t.database.rows<{ person_id: string; status: string; reason: string | null; min_distance_m: number | null }>(sql`select person_id, status, reason, min_distance_m from onsite_check where case_id = ${caseId} order by person_id`);

  before(async () => {
    t = await createTestContext({ now: new Date(`${DAY}T08:00:00Z`) });
    const zh = await t.unitId(UNITS.zhuhang);
    const persons = await t.database.rows<{ id: string }>(sql`select id from ledger_person where org_unit_id = ${zh} and status = 'active' and kind = 'officer' order by name limit 2`);
    [o1, o2] = persons.map((p) => p.id) as [string, string];
    await t.database.rows(sql`update ledger_person set certificate_issued_on = '2020-01-01', certificate_expires_on = '2030-12-31', certificate_no = coalesce(certificate_no, 'T' || left(id::text, 8)) where id in (${o1}, ${o2})`);
    // The demo may already bind phones to these officers: end those bindings, so that only the test phones count.
    await t.database.rows(sql`update tracking_binding set valid_to = ${at('00:00')} where person_id in (${o1}, ${o2}) and (valid_to is null or valid_to > ${at('00:00')})`);
    officer = await t.login('zhuhang.officer1');
    leader = await t.login('zhuhang.leader');
    admin = await t.login('admin');
    for (const [identifier, person] of [['onsite-p1', o1], ['onsite-p2', o2]] as const) {
      const d = await send('POST', '/api/tracking/devices', leader, { identifier, protocol: 'osmand', kind: 'phone', name: `核验测试 ${identifier}`, orgUnitId: zh });
      assert.equal(d.statusCode, 201, d.body);
      const b = await send('POST', `/api/tracking/devices/${d.json().id}/bindings`, leader, { personId: person, validFrom: at('00:30').toISOString() });
      assert.equal(b.statusCode, 201, b.body);
    }
  });
  after(() => t.close());

  test('the demo: its seizures with a time on the spot are checked, some verified and one 未在现场核验', async () => {
    const demo = await t.database.rows<{ status: string; n: number }>(sql`select status, count(*)::int as n from onsite_check where is_demo group by status`);
    const n = (status: string) => demo.find((d) => d.status === status)?.n ?? 0;
    assert.ok(n('verified') > 0, JSON.stringify(demo));
    assert.ok(n('not_on_site') > 0, JSON.stringify(demo));
    assert.deepEqual(await onsiteCounts(t.database.db, { underPath: null, from: '2000-01-01', to: '2100-01-01' }), [], 'demo steps are not counted unless asked for');
  });

  test('both officers near the site during the step: verified, stored with the step', async () => {
    await fix('onsite-p1', at('02:05'), 1200);
    await fix('onsite-p1', at('02:12'), 60);
    await fix('onsite-p2', at('02:20'), 150);
    const c = await lead(true);
    await check(c, { startedAt: at('02:00').toISOString(), endedAt: at('02:30').toISOString() });
    // Stored by the step's own transaction (the hook), before anyone reads the case.
    const rows = await stored(c.id);
    assert.deepEqual(rows.map((r) => r.status), ['verified', 'verified']);
    const v = await view(c.id);
    assert.deepEqual(v.location, SITE);
    assert.deepEqual(v.settings, { radiusM: 200, marginMin: 10 });
    assert.equal(v.steps.length, 1);
    const s = v.steps[0];
    assert.equal(s.action, 'check');
    assert.equal(s.status, 'verified');
    assert.equal(s.windowFrom, at('01:50').toISOString());
    assert.equal(s.windowTo, at('02:40').toISOString());
    const one = s.officers.find((o: Json) => o.personId === o1);
    assert.ok(Math.abs(one.minDistanceM - 60) < 1, `min distance ${one.minDistanceM}`);
    assert.equal(one.points, 2);
    assert.equal(one.track.length, 2);
    assert.equal(one.devices[0].name, '核验测试 onsite-p1');
    assert.deepEqual(v.counts, { verified: 1, notOnSite: 0, noTrack: 0, unverifiable: 0, flagged: 0, total: 1 });
  });

  test('an officer whose phone was 1 km away: the step is flagged 未在现场核验, not refused', async () => {
    await fix('onsite-p1', at('03:10'), 1000);
    await fix('onsite-p2', at('03:15'), 30);
    const c = await lead(true);
    const after = await check(c, { startedAt: at('03:00').toISOString(), endedAt: at('03:30').toISOString() });
    assert.equal(after.state, 'checked', 'the step is recorded');
    const s = (await view(c.id)).steps[0];
    assert.equal(s.status, 'not_on_site');
    const far = s.officers.find((o: Json) => o.personId === o1);
    assert.equal(far.status, 'not_on_site');
    assert.ok(Math.abs(far.minDistanceM - 1000) < 2);
    assert.equal(s.officers.find((o: Json) => o.personId === o2).status, 'verified');
    assert.deepEqual((await stored(c.id)).map((r) => r.status).sort(), ['not_on_site', 'verified']);
  });

  test('no location, no times: 无法核验 with the reason; positions arriving late turn 无轨迹数据 into verified', async () => {
    const noPlace = await lead(false);
    await check(noPlace, { startedAt: at('04:00').toISOString(), endedAt: at('04:30').toISOString() });
    const a = (await view(noPlace.id)).steps[0];
    assert.deepEqual([a.status, a.reason], ['unverifiable', 'no_location']);
    const noTimes = await lead(true);
    await check(noTimes, null);
    const b = (await view(noTimes.id)).steps[0];
    assert.deepEqual([b.status, b.reason, b.windowFrom], ['unverifiable', 'no_times', null]);

    const late = await lead(true);
    await check(late, { startedAt: at('05:00').toISOString(), endedAt: at('05:30').toISOString() });
    assert.deepEqual((await stored(late.id)).map((r) => [r.status, r.reason]), [['no_track', 'no_positions'], ['no_track', 'no_positions']]);
    // The phones upload their offline buffers afterwards; one fix 8 minutes after the end (inside the margin).
    await fix('onsite-p1', at('05:10'), 20);
    await fix('onsite-p2', at('05:38'), 20);
    const s = (await view(late.id)).steps[0];
    assert.equal(s.status, 'verified');
    assert.deepEqual((await stored(late.id)).map((r) => r.status), ['verified', 'verified'], 'the read stored the new result');
    // Reading again later changes nothing (nothing new arrived); an explicit recheck rewrites the same result now.
    const computedAt = () => t.database.rows<{ at: Date | string }>(sql`select computed_at as at from onsite_check where case_id = ${late.id}`);
    const first = (await computedAt()).map((r) => new Date(r.at).toISOString());
    t.clock.advance(60_000);
    const again = (await view(late.id)).steps[0];
    assert.equal(again.computedAt, s.computedAt);
    assert.deepEqual((await computedAt()).map((r) => new Date(r.at).toISOString()), first, 'not rewritten');
    const re = await send('POST', `/api/onsite/cases/${late.id}/recheck`, officer);
    assert.equal(re.statusCode, 200, re.body);
    assert.equal(re.json().steps[0].status, 'verified');
    assert.equal(re.json().steps[0].computedAt, t.clock.now().toISOString());
    assert.deepEqual((await stored(late.id)).map((r) => r.status), ['verified', 'verified']);
  });

  test('a dense track is thinned to 500 points for the map; the check uses every fix', async () => {
    const [phone] = await t.database.rows<{ id: string }>(sql`select id from tracking_device where identifier = 'onsite-p1'`);
    // 1 200 fixes, one every 1.5 s from 06:00, walking north from 600 m to 0 m and back (nearest at 06:15).
    await t.database.rows(sql`insert into tracking_position (device_id, fix_time, received_at, lat, lon, valid, flags, source)
      select ${phone!.id}::uuid, ${at('06:00')}::timestamptz + make_interval(secs => i * 1.5), ${at('07:00')}::timestamptz,
             ${SITE.lat}::float8 + abs(600 - i) * 1.0 / 111195, ${SITE.lon}::float8, true, 0, 1 from generate_series(0, 1199) as i`);
    const c = await lead(true);
    await check(c, { startedAt: at('06:00').toISOString(), endedAt: at('06:30').toISOString() });
    const s = (await view(c.id)).steps[0];
    const one = s.officers.find((o: Json) => o.personId === o1);
    assert.equal(one.points, 1200);
    assert.equal(one.track.length, 500);
    assert.equal(one.minDistanceM, 0);
    assert.ok(one.track.some((p: Json) => p.t === one.nearestAt), 'the nearest fix is on the map');
    assert.equal(one.track[0].t, at('06:00').toISOString());
    // The other officer's phone sent nothing then: 无轨迹数据 for the step.
    assert.deepEqual([s.status, s.officers.find((o: Json) => o.personId === o2).reason], ['no_track', 'no_positions']);
  });

  test('settings: readable by case readers, changed only by a rule-set administrator (audited, versioned); a larger circle verifies the far officer', async () => {
    const s0 = await send('GET', '/api/onsite/settings', officer);
    assert.equal(s0.statusCode, 200);
    assert.deepEqual({ ...(s0.json() as Json), updatedAt: null }, { radiusM: 200, marginMin: 10, version: 0, updatedAt: null, mayChange: false });
    const refused = await send('PUT', '/api/onsite/settings', officer, { radiusM: 1500, marginMin: 10, version: 0 });
    assert.equal(refused.statusCode, 403);
    const bad = await send('PUT', '/api/onsite/settings', admin, { radiusM: 5, marginMin: 10, version: 0 });
    assert.equal(bad.statusCode, 400);
    const ok = await send('PUT', '/api/onsite/settings', admin, { radiusM: 1500, marginMin: 10, version: 0 });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().version, 1);
    const stale = await send('PUT', '/api/onsite/settings', admin, { radiusM: 300, marginMin: 10, version: 0 });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'conflict.stale_version');
    const audit = await t.database.rows<{ action: string }>(sql`select action from audit_record where entity_type = 'onsite_setting'`);
    assert.deepEqual(audit.map((a) => a.action), ['onsite.settings.update']);
    // The case of the far officer (1 km): verified within 1.5 km, on the next read.
    const far = await t.database.rows<{ case_id: string }>(sql`select distinct case_id from onsite_check where status = 'not_on_site' and not is_demo`);
    assert.equal(far.length, 1);
    const s = (await view(far[0]!.case_id)).steps[0];
    assert.equal(s.status, 'verified');
    const back = await send('PUT', '/api/onsite/settings', admin, { radiusM: 200, marginMin: 10, version: 1 });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal((await view(far[0]!.case_id)).steps[0].status, 'not_on_site');
  });

  test('scope: another team’s case is not found; counts per team for evaluation', async () => {
    const any = (await t.database.rows<{ case_id: string }>(sql`select case_id from onsite_check where not is_demo limit 1`))[0]!.case_id;
    const other = await t.login('xinkai.leader');
    assert.equal((await send('GET', `/api/onsite/cases/${any}`, other)).statusCode, 404);
    assert.equal((await send('POST', `/api/onsite/cases/${any}/recheck`, other)).statusCode, 404);
    assert.equal((await send('GET', `/api/onsite/cases/00000000-0000-4000-8000-000000000000`, officer)).statusCode, 404);
    const zh = await t.unitId(UNITS.zhuhang);
    const counts = (await onsiteCounts(t.database.db, { underPath: null, from: DAY, to: DAY })).find((c) => c.orgUnitId === zh);
    // verified (step 1), not on site (step 2), unverifiable ×2, verified (late positions), no track (dense track).
    assert.deepEqual(counts && { verified: counts.verified, notOnSite: counts.notOnSite, noTrack: counts.noTrack, unverifiable: counts.unverifiable, flagged: counts.flagged, total: counts.total }, { verified: 2, notOnSite: 1, noTrack: 1, unverifiable: 2, flagged: 2, total: 6 });
    assert.deepEqual(await onsiteCounts(t.database.db, { underPath: null, from: '2026-03-03', to: '2026-03-31' }), []);
  });
});
