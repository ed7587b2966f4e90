import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_VIOLATION_ITEMS } from '../demo/demo-items';
import { CATALOGUE_LAWS, itemRevision, knownLaws } from './laws';

describe('known laws', () => {
  const cases: { name: string; cited: { law: string; version: string }[]; expect: (out: { law: string; version: string }[]) => void }[] = [
    { name: 'nothing cited: the shipped laws', cited: [], expect: (out) => assert.equal(out.length, CATALOGUE_LAWS.length) },
    { name: 'a shipped law cited again: once', cited: [{ ...CATALOGUE_LAWS[0]! }], expect: (out) => assert.equal(out.length, CATALOGUE_LAWS.length) },
    {
      name: 'another version of a shipped law: both, older first',
      cited: [{ law: '城市市容和环境卫生管理条例', version: '2011-01-08' }],
      expect: (out) => assert.deepEqual(out.filter((l) => l.law === '城市市容和环境卫生管理条例').map((l) => l.version), ['2011-01-08', '2017-03-01']),
    },
    { name: 'a blank law name is no law', cited: [{ law: ' ', version: '2020-01-01' }], expect: (out) => assert.equal(out.length, CATALOGUE_LAWS.length) },
  ];
  for (const c of cases) test(c.name, () => c.expect(knownLaws(c.cited)));

  test('every law the demo catalogue cites is a shipped one', () => {
    const shipped = new Set(CATALOGUE_LAWS.map((l) => `${l.law} ${l.version}`));
    for (const i of DEMO_VIOLATION_ITEMS) for (const r of [i.violated, i.penaltyBasis]) assert.ok(shipped.has(`${r.law} ${r.version}`), `${i.code}: ${r.law} ${r.version}`);
  });
});

describe('item revision', () => {
  const item = DEMO_VIOLATION_ITEMS[0]!;
  const rows: { name: string; other: typeof item; same: boolean }[] = [
    { name: 'the same content', other: structuredClone(item), same: true },
    { name: 'keys in another order (as jsonb returns them)', other: { ...item, statutory: Object.fromEntries(Object.entries(item.statutory).reverse()) as typeof item.statutory }, same: true },
    { name: 'a band moved by one fen', other: { ...item, bands: item.bands.map((b, i) => (i === 1 ? { ...b, fineMax: b.fineMax + 1 } : b)) }, same: false },
    { name: 'a condition reworded', other: { ...item, bands: item.bands.map((b, i) => (i === 0 ? { ...b, conditions: `${b.conditions}。` } : b)) }, same: false },
    { name: 'null vs empty 首违不罚', other: { ...item, firstOffenceExemption: item.firstOffenceExemption === null ? '' : null }, same: false },
  ];
  for (const r of rows) test(r.name, () => assert.equal(itemRevision(r.other) === itemRevision(item), r.same));
});
