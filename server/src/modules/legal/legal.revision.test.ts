import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHIPPED_NOTICES } from './domain/notices';
import type { HolidayNotice } from './domain';
import { revisionOf } from './legal.service';

const [n2025, n2026] = SHIPPED_NOTICES as [HolidayNotice, HolidayNotice];
const base = revisionOf('v1', [n2025, n2026]);
const withHoliday = (n: HolidayNotice, date: string): HolidayNotice => ({ ...n, holidays: [...n.holidays, { date, name: '更正' }] });

// The revision decides whether stored due days are recomputed: it must change with anything a count reads, and only then.
const cases: { name: string; revision: string; same: boolean }[] = [
  { name: 'the same notices in another order', revision: revisionOf('v1', [n2026, n2025]), same: true },
  { name: 'another title, source, issue date and holiday names', revision: revisionOf('v1', [n2025, { ...n2026, title: '更正后的通知', source: 'https://example.test', issuedOn: '2025-12-01', holidays: n2026.holidays.map((h) => ({ ...h, name: 'x' })) }]), same: true },
  { name: 'the holidays listed in another order', revision: revisionOf('v1', [n2025, { ...n2026, holidays: [...n2026.holidays].reverse() }]), same: true },
  { name: 'a holiday added', revision: revisionOf('v1', [n2025, withHoliday(n2026, '2026-03-04')]), same: false },
  { name: 'a makeup working day removed', revision: revisionOf('v1', [n2025, { ...n2026, makeupWorkdays: n2026.makeupWorkdays.slice(1) }]), same: false },
  { name: 'a year missing', revision: revisionOf('v1', [n2026]), same: false },
  { name: 'another published rule set version', revision: revisionOf('v2', [n2025, n2026]), same: false },
  { name: 'no published version', revision: revisionOf(null, [n2025, n2026]), same: false },
];

for (const c of cases) {
  test(`revision: ${c.name} → ${c.same ? 'the same' : 'another'}`, () => {
    assert.equal(c.revision === base, c.same);
  });
}

test('revision: a holiday moved to another day (same count of holidays) is another revision', () => {
  const moved = { ...n2026, holidays: n2026.holidays.map((h, i) => (i === 0 ? { ...h, date: '2026-03-04' } : h)) };
  assert.notEqual(revisionOf('v1', [n2025, moved]), base);
});
