import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offsetM, type FixFlag } from '../../tracking';
import { checkOfficer, checkWindow, countSteps, isOnsiteStep, settingsProblem, stepStatus, thinTrack, unverifiableReason, type Fix, type OfficerCheck } from './onsite';

const SITE = { lat: 31.98, lon: 120.89 };
const START = new Date('2026-03-02T02:00:00Z');
const END = new Date('2026-03-02T02:30:00Z');
const SETTINGS = { radiusM: 200, marginMin: 10 };
const min = (n: number) => new Date(START.getTime() + n * 60_000);
/** A fix `north` metres north of the site, `m` minutes after the start. */
const fix = (m: number, north: number, flags: FixFlag[] = []): Fix => ({ time: min(m), ...offsetM(SITE.lat, SITE.lon, north, 0), flags });

test('on-site steps: the table, and serve only in person or at the premises', () => {
  const cases: [string, unknown, boolean][] = [
    ['check', undefined, true],
    ['register_evidence', undefined, true],
    ['seize', undefined, true],
    ['simple_decide', undefined, true],
    ['serve', 'direct', true],
    ['serve', 'left_at_premises', true],
    ['serve', 'post', false],
    ['serve', 'electronic', false],
    ['serve', 'public_notice', false],
    ['serve', undefined, false],
    ['decide', undefined, false],
    ['legal_review', undefined, false],
    ['hold_hearing', undefined, false],
  ];
  for (const [action, method, expected] of cases) assert.equal(isOnsiteStep(action, method), expected, `${action} ${String(method)}`);
});

test('one officer: inside / outside the distance, no points, window edges, margin, flagged fixes', () => {
  const cases: [string, Partial<Parameters<typeof checkOfficer>[0]>, Pick<OfficerCheck, 'status' | 'reason'> & { minDistanceM?: number | null; points?: number }][] = [
    ['a fix 150 m away during the step', { fixes: [fix(5, 150)] }, { status: 'verified', reason: null, minDistanceM: 150, points: 1 }],
    ['199.9 m: inside', { fixes: [fix(5, 199.9)] }, { status: 'verified', reason: null }],
    ['exactly 200 m: inside (the circle includes its edge)', { fixes: [fix(5, 200)] }, { status: 'verified', reason: null }],
    ['200.5 m: outside', { fixes: [fix(5, 200.5)] }, { status: 'not_on_site', reason: null, minDistanceM: 200.5 }],
    ['all fixes 1 km away', { fixes: [fix(0, 1000), fix(10, 900), fix(20, 1100)] }, { status: 'not_on_site', reason: null, minDistanceM: 900, points: 3 }],
    ['one near fix among far ones is enough', { fixes: [fix(0, 1000), fix(12, 40), fix(20, 1100)] }, { status: 'verified', reason: null, minDistanceM: 40 }],
    ['no fixes, a device bound', { fixes: [], deviceCount: 1 }, { status: 'no_track', reason: 'no_positions', minDistanceM: null, points: 0 }],
    ['no fixes, no device', { fixes: [], deviceCount: 0 }, { status: 'no_track', reason: 'no_device' }],
    ['a near fix exactly at start − margin counts', { fixes: [fix(-10, 10)] }, { status: 'verified', reason: null }],
    ['a near fix exactly at end + margin counts', { fixes: [fix(40, 10)] }, { status: 'verified', reason: null }],
    ['a near fix 1 s before the window does not', { fixes: [{ ...fix(-10, 10), time: new Date(min(-10).getTime() - 1000) }] }, { status: 'no_track', reason: 'no_positions' }],
    ['a near fix 1 s after the window does not', { fixes: [{ ...fix(40, 10), time: new Date(min(40).getTime() + 1000) }] }, { status: 'no_track', reason: 'no_positions' }],
    ['margin 0: 5 min before the start is outside', { fixes: [fix(-5, 10)], settings: { radiusM: 200, marginMin: 0 } }, { status: 'no_track', reason: 'no_positions' }],
    ['margin 30: 25 min after the end is inside', { fixes: [fix(55, 10)], settings: { radiusM: 200, marginMin: 30 } }, { status: 'verified', reason: null }],
    ['a larger radius verifies a fix 400 m away', { fixes: [fix(5, 400)], settings: { radiusM: 500, marginMin: 10 } }, { status: 'verified', reason: null }],
    ['a jump near the site does not verify; the far clean fix counts', { fixes: [fix(5, 10, ['jump']), fix(6, 800)] }, { status: 'not_on_site', reason: null, minDistanceM: 800, points: 1 }],
    ['only flagged fixes (no fix, low accuracy): no usable track', { fixes: [fix(5, 10, ['not_located']), fix(6, 10, ['low_accuracy'])] }, { status: 'no_track', reason: 'no_positions' }],
    ['a duplicate fix still counts', { fixes: [fix(5, 10, ['duplicate'])] }, { status: 'verified', reason: null }],
    ['no case location', { location: null, fixes: [fix(5, 10)] }, { status: 'unverifiable', reason: 'no_location' }],
    ['no times', { startedAt: null, endedAt: null, fixes: [fix(5, 10)] }, { status: 'unverifiable', reason: 'no_times' }],
    ['no location and no times: the location is named', { location: null, startedAt: null, endedAt: null }, { status: 'unverifiable', reason: 'no_location' }],
  ];
  for (const [name, input, expected] of cases) {
    const r = checkOfficer({ location: SITE, startedAt: START, endedAt: END, settings: SETTINGS, deviceCount: 1, fixes: [], ...input });
    assert.equal(r.status, expected.status, name);
    assert.equal(r.reason, expected.reason, name);
    if (expected.minDistanceM !== undefined) assert.equal(r.minDistanceM === null ? null : Math.round(r.minDistanceM), expected.minDistanceM === null ? null : Math.round(expected.minDistanceM), name);
    if (expected.points !== undefined) assert.equal(r.points, expected.points, name);
  }
});

test('the nearest fix is reported with its time', () => {
  const r = checkOfficer({ location: SITE, startedAt: START, endedAt: END, settings: SETTINGS, deviceCount: 1, fixes: [fix(1, 500), fix(7, 60), fix(9, 300)] });
  assert.equal(r.nearestAt?.toISOString(), min(7).toISOString());
});

test('window: both times needed, margin on both sides', () => {
  assert.equal(checkWindow(null, END, 10), null);
  assert.equal(checkWindow(START, null, 10), null);
  assert.deepEqual(checkWindow(START, END, 10), { from: min(-10), to: min(40) });
  assert.deepEqual(checkWindow(START, END, 0), { from: START, to: END });
  assert.equal(unverifiableReason({ location: SITE, startedAt: START, endedAt: END, officerCount: 0 }), 'no_officers');
  assert.equal(unverifiableReason({ location: SITE, startedAt: START, endedAt: END, officerCount: 2 }), null);
});

test('a step is verified only when each of its officers is; otherwise its worst outcome', () => {
  const s = (...x: OfficerCheck['status'][]) => stepStatus(x.map((status) => ({ status })));
  const cases: [OfficerCheck['status'][], OfficerCheck['status']][] = [
    [['verified', 'verified'], 'verified'],
    [['verified', 'no_track'], 'no_track'],
    [['verified', 'not_on_site'], 'not_on_site'],
    [['no_track', 'not_on_site'], 'not_on_site'],
    [['unverifiable', 'unverifiable'], 'unverifiable'],
    [[], 'unverifiable'],
  ];
  for (const [officers, expected] of cases) assert.equal(s(...officers), expected, officers.join(','));
  assert.deepEqual(countSteps(['verified', 'verified', 'not_on_site', 'no_track', 'unverifiable']), { verified: 2, notOnSite: 1, noTrack: 1, unverifiable: 1, flagged: 2, total: 5 });
});

test('thinning: at most the maximum, first and last kept, the nearest point kept', () => {
  const pts = Array.from({ length: 2000 }, (_, i) => i);
  const thin = thinTrack(pts, 500, 1234);
  assert.equal(thin.length, 500);
  assert.equal(thin[0], 0);
  assert.equal(thin.at(-1), 1999);
  assert.ok(thin.includes(1234));
  assert.deepEqual([...thin].sort((a, b) => a - b), thin, 'in time order');
  assert.deepEqual(thinTrack([1, 2, 3], 500), [1, 2, 3]);
  assert.equal(thinTrack(pts, 500).length, 500);
});

test('settings stay within the limits', () => {
  const cases: [{ radiusM: number; marginMin: number }, string | null][] = [
    [{ radiusM: 200, marginMin: 10 }, null],
    [{ radiusM: 20, marginMin: 0 }, null],
    [{ radiusM: 19, marginMin: 10 }, 'radiusM'],
    [{ radiusM: 5001, marginMin: 10 }, 'radiusM'],
    [{ radiusM: 200.5, marginMin: 10 }, 'radiusM'],
    [{ radiusM: 200, marginMin: -1 }, 'marginMin'],
    [{ radiusM: 200, marginMin: 241 }, 'marginMin'],
  ];
  for (const [s, field] of cases) assert.equal(settingsProblem(s)?.field ?? null, field, JSON.stringify(s));
});
