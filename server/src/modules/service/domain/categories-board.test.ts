import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASELINE_CATEGORIES, CATEGORY_CODE, limitIssues, MAX_LIMIT_HOURS } from './categories';
import { dueSoonMinutes, flagOf, stageOf } from './board';

test('baseline categories: the 数字城管 事件 classes, unique codes, valid limits', () => {
  const codes = BASELINE_CATEGORIES.map((c) => c.code);
  assert.equal(new Set(codes).size, codes.length, 'codes are unique');
  assert.deepEqual([...new Set(BASELINE_CATEGORIES.map((c) => c.bigClass))], ['市容环境', '宣传广告', '施工管理', '突发事件', '街面秩序', '其他事件']);
  for (const c of BASELINE_CATEGORIES) {
    assert.match(c.code, CATEGORY_CODE, c.code);
    assert.deepEqual(limitIssues(c), [], c.code);
    assert.ok(c.name && c.nameEn, c.code);
  }
  const sort = BASELINE_CATEGORIES.map((c) => c.sortOrder);
  assert.deepEqual([...sort].sort((a, b) => a - b), sort, 'listed in the order of the classes');
  // The local tables cited in domain.md §3.4: 道路不洁 5 工作时.
  assert.equal(BASELINE_CATEGORIES.find((c) => c.name === '道路不洁')?.handleHours, 5);
});

test('limitIssues: whole hours within bounds, accept ≤ handle ≤ reply', () => {
  const cases: [[number, number, number], [string, string, unknown?][]][] = [
    [[1, 8, 16], []],
    [[4, 4, 4], []],
    [[0, 8, 16], [['acceptHours', 'minimum', { limit: 1 }]]],
    [[1.5, 8, 16], [['acceptHours', 'type']]],
    [[1, MAX_LIMIT_HOURS + 1, 16], [['handleHours', 'maximum', { limit: MAX_LIMIT_HOURS }]]],
    [[8, 4, 16], [['handleHours', 'minimum', { limit: 8 }]]],
    [[1, 8, 4], [['replyHours', 'minimum', { limit: 8 }]]],
  ];
  for (const [[acceptHours, handleHours, replyHours], expected] of cases) {
    const got = limitIssues({ acceptHours, handleHours, replyHours }).map((i) => (i.params ? [i.field, i.code, i.params] : [i.field, i.code]));
    assert.deepEqual(got, expected, `${acceptHours}/${handleHours}/${replyHours}`);
  }
});

test('category codes', () => {
  for (const ok of ['02-03', '01-01', 'X-01', '99', 'A1-B2-C3']) assert.match(ok, CATEGORY_CODE);
  for (const bad of ['', '02_03', '02-', '-03', '02 03', '０２-０３', 'abcdefghi-1']) assert.doesNotMatch(bad, CATEGORY_CODE, bad);
});

test('board: stage of each state, a suspended report by the state it left', () => {
  const cases: [string, string | null, string | null][] = [
    ['submitted', null, 'accept'],
    ['dispatched', null, 'handle'],
    ['handling', null, 'handle'],
    ['handled', null, 'reply'],
    ['suspended', 'handling', 'handle'],
    ['suspended', 'submitted', 'accept'],
    ['suspended', null, null],
    ['replied', null, null],
    ['closed', null, null],
    ['rejected', null, null],
    ['merged', null, null],
  ];
  for (const [state, from, stage] of cases) assert.equal(stageOf(state, from), stage, `${state} ${from}`);
});

test('board: flags (a quarter of the limit left is due soon)', () => {
  const now = new Date('2026-12-07T02:00:00Z');
  const later = new Date('2026-12-08T02:00:00Z');
  const earlier = new Date('2026-12-07T01:59:00Z');
  assert.equal(dueSoonMinutes(1), 15);
  assert.equal(dueSoonMinutes(5), 75);
  assert.equal(dueSoonMinutes(40), 600);
  const cases: [Parameters<typeof flagOf>[0], string, string][] = [
    [{ suspended: false, dueAt: later, limitHours: 8, remainingMinutes: 121 }, 'on_time', '121 of 480 left'],
    [{ suspended: false, dueAt: later, limitHours: 8, remainingMinutes: 120 }, 'due_soon', 'exactly a quarter left'],
    [{ suspended: false, dueAt: now, limitHours: 8, remainingMinutes: 0 }, 'due_soon', 'due this instant: not yet overdue'],
    [{ suspended: false, dueAt: earlier, limitHours: 8, remainingMinutes: -1 }, 'overdue', 'a minute late'],
    [{ suspended: false, dueAt: earlier, limitHours: 8, remainingMinutes: 0 }, 'overdue', 'late over rest time (no working minute since)'],
    [{ suspended: true, dueAt: earlier, limitHours: 8, remainingMinutes: -30 }, 'suspended', 'the clock is stopped'],
    [{ suspended: false, dueAt: null, limitHours: 8, remainingMinutes: null }, 'unknown', 'no due time'],
    [{ suspended: false, dueAt: later, limitHours: 8, remainingMinutes: null }, 'due_soon', 'the count ran past the loaded calendar'],
  ];
  for (const [r, flag, why] of cases) assert.equal(flagOf(r, now), flag, why);
});
