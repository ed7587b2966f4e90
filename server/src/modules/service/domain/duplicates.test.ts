import { test } from 'node:test';
import assert from 'node:assert/strict';
import { haversineM, offsetM } from '../../tracking';
import {
  DUPLICATE_DEFAULTS,
  followedProgress,
  followerOutcome,
  mergeProblem,
  searchBox,
  settingsIssues,
  suggestDuplicates,
  timeWindow,
  type DuplicateCandidate,
} from './duplicates';

const SITE = { lat: 31.98, lon: 120.89 };
const AT = new Date('2026-05-04T02:00:00Z');
const hours = (h: number) => new Date(AT.getTime() + h * 3_600_000);
const subject = { id: 's', categoryId: 'cat', ...SITE, submittedAt: AT };
/** A candidate `north`/`east` metres from the site, `h` hours after the subject. */
function cand(id: string, north: number, east: number, h: number, extra: Partial<DuplicateCandidate> = {}): DuplicateCandidate {
  return { id, categoryId: 'cat', ...offsetM(SITE.lat, SITE.lon, north, east), submittedAt: hours(h), state: 'submitted', duplicateOfId: null, ...extra };
}
const ids = (list: { candidate: { id: string } }[]) => list.map((s) => s.candidate.id);

test('suggestions: distance, time window, category, state, self, location', () => {
  const cases: [string, DuplicateCandidate[], string[], { distanceM: number; windowHours: number }?][] = [
    ['30 m away an hour later', [cand('a', 30, 0, 1)], ['a']],
    ['exactly at 49.9 m: in', [cand('a', 49.9, 0, 1)], ['a']],
    ['50.5 m: out', [cand('a', 50.5, 0, 1)], []],
    ['east-west distances count the same as north-south', [cand('a', 0, 45, 1), cand('b', 0, 55, 1)], ['a']],
    ['71 h before: in', [cand('a', 10, 0, -71)], ['a']],
    ['exactly 72 h after: in (window includes its ends)', [cand('a', 10, 0, 72)], ['a']],
    ['72 h and a minute: out', [cand('a', 10, 0, 72 + 1 / 60)], []],
    ['another category is not suggested', [cand('a', 10, 0, 1, { categoryId: 'other' })], []],
    ['a rejected one is not a target', [cand('a', 10, 0, 1, { state: 'rejected' })], []],
    ['a merged one is not a target (its target is)', [cand('a', 10, 0, 1, { state: 'merged', duplicateOfId: 'x' }), cand('x', 20, 0, 2, { state: 'handling' })], ['x']],
    ['handled, replied and closed ones are suggested', [cand('a', 10, 0, -2, { state: 'closed' }), cand('b', 20, 0, -3, { state: 'replied' })], ['a', 'b']],
    ['the subject itself is left out', [{ ...cand('s', 0, 0, 0) }], []],
    ['a candidate without location is left out', [cand('a', 0, 0, 1, { lat: null, lon: null })], []],
    ['nearest first', [cand('far', 40, 0, 1), cand('near', 5, 0, 30), cand('mid', 20, 0, 2)], ['near', 'mid', 'far']],
    ['same distance: closest in time first', [cand('later', 10, 0, 20), cand('sooner', 0, 10, -2)], ['sooner', 'later']],
    ['a larger distance setting', [cand('a', 150, 0, 1)], ['a'], { distanceM: 200, windowHours: 72 }],
    ['a shorter window', [cand('a', 10, 0, 5)], [], { distanceM: 50, windowHours: 4 }],
  ];
  for (const [name, candidates, expected, settings] of cases) {
    assert.deepEqual(ids(suggestDuplicates(subject, candidates, settings ?? DUPLICATE_DEFAULTS)), expected, name);
  }
});

test('suggestions carry the distance (0.1 m) and the minutes apart (signed)', () => {
  const [s] = suggestDuplicates(subject, [cand('a', 30, 0, -1.5)], DUPLICATE_DEFAULTS);
  assert.ok(s);
  assert.ok(Math.abs(s.distanceM - 30) < 0.2, String(s.distanceM));
  assert.equal(s.minutesApart, -90);
});

test('a subject without a location has no suggestions', () => {
  assert.deepEqual(suggestDuplicates({ ...subject, lat: null, lon: null }, [cand('a', 0, 0, 1)], DUPLICATE_DEFAULTS), []);
});

test('search box contains every point the exact test accepts (all bearings, several latitudes and distances)', () => {
  for (const lat of [18.2, 31.98, 45.7, 53.4]) {
    for (const d of [5, 50, 1000]) {
      const box = searchBox(lat, 120, d);
      for (let deg = 0; deg < 360; deg += 7.5) {
        // A point just inside the distance on this bearing (offsetM is flat-earth: shrink until haversine agrees).
        let k = 1;
        let p = offsetM(lat, 120, d * Math.cos(deg * (Math.PI / 180)), d * Math.sin(deg * (Math.PI / 180)));
        while (haversineM(lat, 120, p.lat, p.lon) > d) {
          k -= 0.0001;
          p = offsetM(lat, 120, k * d * Math.cos(deg * (Math.PI / 180)), k * d * Math.sin(deg * (Math.PI / 180)));
        }
        assert.ok(p.lat >= box.minLat && p.lat <= box.maxLat && p.lon >= box.minLon && p.lon <= box.maxLon, `lat ${lat} d ${d} bearing ${deg}`);
      }
      // …and is not much larger than the circle (the index must still narrow the rows).
      assert.ok(haversineM(lat, 120, box.maxLat, 120) < d * 1.001, `lat span ${lat} ${d}`);
      assert.ok(haversineM(lat, 120, lat, box.maxLon) < d * 1.05, `lon span ${lat} ${d}`);
    }
  }
});

test('time window: both sides, both ends', () => {
  const w = timeWindow(AT, 72);
  assert.equal(w.from.toISOString(), '2026-05-01T02:00:00.000Z');
  assert.equal(w.to.toISOString(), '2026-05-07T02:00:00.000Z');
});

test('settings: integers inside the limits', () => {
  const cases: [string, { distanceM: number; windowHours: number }, string[]][] = [
    ['defaults', { distanceM: 50, windowHours: 72 }, []],
    ['limits themselves', { distanceM: 5, windowHours: 720 }, []],
    ['distance below GPS noise', { distanceM: 4, windowHours: 72 }, ['distanceM']],
    ['distance too large', { distanceM: 1001, windowHours: 72 }, ['distanceM']],
    ['fractional distance', { distanceM: 50.5, windowHours: 72 }, ['distanceM']],
    ['window zero', { distanceM: 50, windowHours: 0 }, ['windowHours']],
    ['both wrong', { distanceM: -1, windowHours: 1000 }, ['distanceM', 'windowHours']],
  ];
  for (const [name, s, fields] of cases) assert.deepEqual(settingsIssues(s).map((i) => i.field), fields, name);
});

test('merge: what is refused', () => {
  const open = (id: string, state = 'submitted', duplicateOfId: string | null = null) => ({ id, state, duplicateOfId });
  const cases: [string, ReturnType<typeof open>, ReturnType<typeof open>, string | null][] = [
    ['a waiting request into a dispatched one', open('a'), open('b', 'dispatched'), null],
    ['into a closed one (the answer already exists)', open('a'), open('b', 'closed'), null],
    ['into a waiting one', open('a'), open('b'), null],
    ['into itself', open('a'), open('a'), 'service.merge_self'],
    ['a request already dispatched (the desk no longer holds it)', open('a', 'dispatched'), open('b'), 'service.merge_state'],
    ['a request already merged', open('a', 'merged', 'c'), open('b'), 'service.merge_state'],
    ['into a rejected one', open('a'), open('b', 'rejected'), 'service.merge_target'],
    ['into a merged one (no chains)', open('a'), open('b', 'merged', 'c'), 'service.merge_target'],
  ];
  for (const [name, s, t, expected] of cases) assert.equal(mergeProblem(s, t), expected, name);
});

test('a merged request shows the target’s progress; once closed it stays closed', () => {
  const target = { state: 'replied', handledAt: hours(5), repliedAt: hours(6), replyText: '已清理', closedAt: null };
  assert.deepEqual(followedProgress({ state: 'merged', closedAt: hours(1) }, { ...target, state: 'handling', handledAt: null, repliedAt: null, replyText: null }), {
    state: 'handling',
    handledAt: null,
    repliedAt: null,
    replyText: null,
    closedAt: null,
  });
  assert.deepEqual(followedProgress({ state: 'closed', closedAt: hours(6) }, target), { state: 'closed', handledAt: hours(5), repliedAt: hours(6), replyText: '已清理', closedAt: hours(6) });
  // The target reopened after a 不满意 rating: the merged reporter's matter stays closed.
  assert.equal(followedProgress({ state: 'closed', closedAt: hours(6) }, { ...target, state: 'dispatched' }).state, 'closed');
});

test('what the merged requests become when their target moves', () => {
  const cases: [string, 'closed' | 'rejected' | null][] = [
    ['submitted', null],
    ['dispatched', null],
    ['handling', null],
    ['handled', null],
    ['suspended', null],
    ['replied', 'closed'],
    ['closed', 'closed'],
    ['rejected', 'rejected'],
  ];
  for (const [state, expected] of cases) assert.equal(followerOutcome(state), expected, state);
});
