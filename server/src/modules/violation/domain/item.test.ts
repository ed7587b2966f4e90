import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandIssues, checkPenalty, itemIssues, type Band, type ViolationItemData } from './item';

const ref = { law: '中华人民共和国大气污染防治法', version: '2018-10-26', article: '第一百一十八条第三款', quote: '……并处五百元以上二万元以下的罚款。' };
const bands = (...r: [number, number][]): Band[] =>
  (['minor', 'general', 'serious', 'severe'] as const).map((level, i) => ({ level, fineMin: r[i]![0], fineMax: r[i]![1], conditions: `${level} 情形` }));

/** 露天烧烤: 500 元 … 20000 元, fen. */
const bbq: ViolationItemData = {
  code: 'T1',
  name: '露天烧烤',
  partyTypes: ['individual'],
  violated: ref,
  penaltyBasis: ref,
  statutory: { kinds: ['confiscation', 'fine'], fineBasis: 'amount', fineMin: 50_000, fineMax: 2_000_000, multipleOf: null, orders: '责令改正' },
  bands: bands([50_000, 200_000], [200_000, 500_000], [500_000, 1_000_000], [1_000_000, 2_000_000]),
  firstOffenceExemption: null,
};

/** 违法建设: 建设工程造价百分之五以上百分之十以下 = 50‰ … 100‰. */
const building: ViolationItemData = {
  ...bbq,
  code: 'T2',
  statutory: { kinds: ['fine', 'confiscation'], fineBasis: 'multiple', fineMin: 50, fineMax: 100, multipleOf: '建设工程造价', orders: '责令停止建设，限期改正' },
  bands: bands([50, 60], [60, 75], [75, 90], [90, 100]),
};

test('a lawful item has no issues', () => {
  assert.deepEqual(itemIssues(bbq), []);
  assert.deepEqual(itemIssues(building), []);
});

test('bands: each problem is refused with its reason and field', () => {
  const cases: [string, Band[], string, string, Record<string, string | number>?][] = [
    ['below statutory', bands([40_000, 200_000], [200_000, 500_000], [500_000, 1_000_000], [1_000_000, 2_000_000]), 'bands.0.fineMin', 'violation_band_below_statutory', { band: '轻微', value: '400 元', limit: '500 元' }],
    ['above statutory', bands([50_000, 200_000], [200_000, 500_000], [500_000, 1_000_000], [1_000_000, 2_000_001]), 'bands.3.fineMax', 'violation_band_above_statutory', { band: '严重', value: '20000.01 元', limit: '20000 元' }],
    ['inverted', bands([50_000, 200_000], [500_000, 200_000], [500_000, 1_000_000], [1_000_000, 2_000_000]), 'bands.1.fineMax', 'violation_band_inverted'],
    ['overlap', bands([50_000, 300_000], [200_000, 500_000], [500_000, 1_000_000], [1_000_000, 2_000_000]), 'bands.1.fineMin', 'violation_band_overlap', { band: '一般', value: '2000 元', lower: '轻微', limit: '3000 元' }],
    ['wrong order', bands([50_000, 200_000], [1_000_000, 2_000_000], [500_000, 1_000_000], [200_000, 500_000]), 'bands.2.fineMin', 'violation_band_overlap'],
    ['missing band', bands([50_000, 200_000], [200_000, 500_000], [500_000, 1_000_000], [1_000_000, 2_000_000]).slice(0, 3), 'bands', 'violation_bands_incomplete', { got: '轻微、一般、较重' }],
    ['no conditions', bands([50_000, 200_000], [200_000, 500_000], [500_000, 1_000_000], [1_000_000, 2_000_000]).map((b, i) => (i === 2 ? { ...b, conditions: ' ' } : b)), 'bands.2.conditions', 'violation_band_conditions_required'],
    ['not whole fen', bands([50_000.5, 200_000], [200_000, 500_000], [500_000, 1_000_000], [1_000_000, 2_000_000]), 'bands.0.fineMin', 'cell_not_integer'],
  ];
  for (const [name, b, field, code, params] of cases) {
    const issues = bandIssues({ ...bbq, bands: b });
    const hit = issues.find((i) => i.field === field && i.code === code);
    assert.ok(hit, `${name}: expected ${code} on ${field}, got ${JSON.stringify(issues)}`);
    if (params) assert.deepEqual(hit.params, params, name);
  }
  // Touching bands (one ends where the next begins) are fine; an unstated statutory range bounds nothing.
  assert.deepEqual(bandIssues({ ...bbq, statutory: { ...bbq.statutory, fineBasis: 'unstated', fineMin: null, fineMax: null } }), []);
  // Without the kind 罚款 a band carries no fine.
  const warningOnly = { ...bbq.statutory, kinds: ['warning' as const], fineMin: null, fineMax: null };
  assert.equal(bandIssues({ statutory: warningOnly, bands: bbq.bands })[0]!.code, 'violation_band_fine_without_kind');
  assert.deepEqual(bandIssues({ statutory: warningOnly, bands: bands([0, 0], [0, 0], [0, 0], [0, 0]) }), []);
});

test('statutory range problems', () => {
  const codes = (s: Partial<ViolationItemData['statutory']>) => itemIssues({ ...bbq, statutory: { ...bbq.statutory, ...s } }).map((i) => i.code);
  assert.ok(codes({ fineMin: 3_000_000 }).includes('violation_range_inverted'));
  assert.ok(codes({ fineBasis: 'multiple', multipleOf: null }).includes('violation_multiple_of_required'));
  assert.ok(codes({ fineBasis: 'unstated' }).includes('violation_unstated_with_bounds'));
  assert.ok(codes({ kinds: ['warning'] }).includes('violation_fine_kind_missing'));
  assert.ok(codes({ kinds: [] }).includes('cell_required'));
  assert.ok(itemIssues({ ...bbq, code: 'a b' }).some((i) => i.code === 'violation_code_format'));
  assert.ok(itemIssues({ ...bbq, violated: { ...ref, version: '2018-13-40' } }).some((i) => i.field === 'violated.version'));
});

test('the check: within band / outside band (reason + 法制审核) / outside statutory (refused, article cited)', () => {
  const rows: [string, Parameters<typeof checkPenalty>[1], Parameters<typeof checkPenalty>[2], string, boolean, boolean, boolean][] = [
    // name, band, proposal, outcome, withinStatutory, withinBand, needsReview
    ['inside general', 'general', { kind: 'fine', amount: 300_000 }, 'within_band', true, true, false],
    ['band lower edge', 'general', { kind: 'fine', amount: 200_000 }, 'within_band', true, true, false],
    ['band upper edge', 'general', { kind: 'fine', amount: 500_000 }, 'within_band', true, true, false],
    ['one fen over the band', 'general', { kind: 'fine', amount: 500_001 }, 'outside_band', true, false, true],
    ['below the band, inside the law', 'severe', { kind: 'fine', amount: 50_000 }, 'outside_band', true, false, true],
    ['statutory minimum', 'minor', { kind: 'fine', amount: 50_000 }, 'within_band', true, true, false],
    ['one fen under the statutory minimum', 'minor', { kind: 'fine', amount: 49_999 }, 'outside_statutory', false, false, false],
    ['over the statutory maximum', 'severe', { kind: 'fine', amount: 2_000_001 }, 'outside_statutory', false, false, false],
    ['a kind the law does not provide', 'minor', { kind: 'warning' }, 'outside_statutory', false, false, false],
    ['a kind it provides', 'minor', { kind: 'confiscation' }, 'within_band', true, true, false],
    ['a fine without amount', 'minor', { kind: 'fine' }, 'incomplete', false, false, false],
  ];
  for (const [name, band, p, outcome, inLaw, inBand, review] of rows) {
    const r = checkPenalty(bbq, band, p);
    assert.deepEqual([r.outcome, r.withinStatutoryRange, r.withinBand, r.needsLegalReview, r.needsReason], [outcome, inLaw, inBand, review, review], name);
  }
  const refused = checkPenalty(bbq, 'severe', { kind: 'fine', amount: 2_000_001 });
  assert.equal(refused.basis.article, '第一百一十八条第三款');
  assert.match(refused.message, /above the statutory maximum 20000 元 \(中华人民共和国大气污染防治法（2018-10-26）第一百一十八条第三款\)/);
  assert.equal(checkPenalty(bbq, 'general', { kind: 'fine', amount: 600_000 }).message.includes('written reason and goes to 法制审核'), true);
});

test('the check on a fine stated as a share of a base (exact to the fen)', () => {
  // 造价 1,000,000.00 元 = 100,000,000 fen: statutory 5,000,000 … 10,000,000 fen; 一般 6,000,000 … 7,500,000.
  const base = 100_000_000;
  assert.equal(checkPenalty(building, 'general', { kind: 'fine', amount: 7_000_000, baseAmount: base }).outcome, 'within_band');
  assert.equal(checkPenalty(building, 'general', { kind: 'fine', amount: 8_000_000, baseAmount: base }).outcome, 'outside_band');
  assert.equal(checkPenalty(building, 'general', { kind: 'fine', amount: 4_999_999, baseAmount: base }).outcome, 'outside_statutory');
  assert.equal(checkPenalty(building, 'general', { kind: 'fine', amount: 10_000_001, baseAmount: base }).outcome, 'outside_statutory');
  const noBase = checkPenalty(building, 'general', { kind: 'fine', amount: 7_000_000 });
  assert.deepEqual([noBase.outcome, noBase.code, noBase.params], ['incomplete', 'base_required', { base: '建设工程造价' }]);
  // An odd base: the bounds round outward, so 5% of 333 fen (16.65) admits 16 fen and 10% (33.3) admits 34.
  const odd = checkPenalty(building, 'minor', { kind: 'fine', amount: 16, baseAmount: 333 });
  assert.deepEqual([odd.statutoryRange, odd.outcome], [{ min: 16, max: 34 }, 'within_band']);
});
