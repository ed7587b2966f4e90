import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bitsToFlags, flagsToBits } from './position-flags';
import { addDays, cnDay, cnDayRange, partitionDay, partitionName, partitionPlan } from './partitions';
import { normalizeTerminalNo } from './identifiers';

test('flag bits round-trip every combination', () => {
  assert.equal(flagsToBits([]), 0);
  assert.deepEqual(bitsToFlags(0), []);
  assert.deepEqual(bitsToFlags(flagsToBits(['jump', 'not_located'])), ['not_located', 'jump']);
  for (let bits = 0; bits < 128; bits++) assert.equal(flagsToBits(bitsToFlags(bits)), bits);
});

test('a day is the Beijing calendar day', () => {
  const cases: [string, string][] = [
    ['2026-11-26T15:59:59Z', '2026-11-26'],
    ['2026-11-26T16:00:00Z', '2026-11-27'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ];
  for (const [iso, day] of cases) assert.equal(cnDay(new Date(iso)), day, iso);
  assert.deepEqual(cnDayRange('2026-11-27'), { start: new Date('2026-11-26T16:00:00Z'), end: new Date('2026-11-27T16:00:00Z') });
  assert.equal(addDays('2026-02-28', 1), '2026-03-01');
  assert.equal(addDays('2026-01-01', -1), '2025-12-31');
  for (const bad of ['2026-02-30', '2026-1-1', 'x']) assert.throws(() => cnDayRange(bad), RangeError, bad);
});

test('partition names', () => {
  assert.equal(partitionName('2026-11-27'), 'tracking_position_p20261127');
  assert.equal(partitionDay('tracking_position_p20261127'), '2026-11-27');
  assert.equal(partitionDay('tracking_position_default'), null);
});

test('partition plan creates the window and drops beyond retention', () => {
  const existing = ['tracking_position_default', 'tracking_position_p20261120', 'tracking_position_p20261126', 'tracking_position_p20261127'];
  const plan = partitionPlan(existing, '2026-11-27', { aheadDays: 2, behindDays: 1, retentionDays: 7 });
  assert.deepEqual(plan.create, ['2026-11-28', '2026-11-29']);
  assert.deepEqual(plan.drop, ['2026-11-20']);
  assert.equal(plan.cutoffDay, '2026-11-21');
  const keep = partitionPlan(existing, '2026-11-27', { aheadDays: 0, behindDays: 0, retentionDays: null });
  assert.deepEqual(keep, { create: [], drop: [], cutoffDay: null });
});

test('JT/T 808 terminal numbers are compared without BCD padding', () => {
  const cases: [string, string][] = [
    ['013912345678', '13912345678'],
    ['00000000013912345678', '13912345678'],
    ['13912345678', '13912345678'],
    ['000000000000', '0'],
  ];
  for (const [raw, want] of cases) assert.equal(normalizeTerminalNo(raw), want, raw);
});
