import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LAWS, LOCAL_DEFAULT_RULES, LOCAL_RULE_EXAMPLES, NATIONAL_RULES, SHIPPED_RULES, ruleInForce } from './rules';
import type { LegalRule } from './types';

const LAWS_DIR = path.resolve(import.meta.dirname, '../../../../../../shared/domain/laws');
const FILES: Record<string, string> = {
  '中华人民共和国行政处罚法@2021-01-22': '行政处罚法(2021-01-22).md',
  '中华人民共和国行政强制法@2011-06-30': '行政强制法(2011-06-30).md',
  '中华人民共和国行政复议法@2023-09-01': '行政复议法(2023-09-01).md',
  '中华人民共和国行政诉讼法@2017-06-27': '行政诉讼法(2017-06-27).md',
  '中华人民共和国民法典@2020-05-28': '总则.md',
  '中华人民共和国民事诉讼法@2023-09-01': '民事诉讼法(2023-09-01).md',
};

const all: readonly LegalRule[] = [...NATIONAL_RULES, ...LOCAL_RULE_EXAMPLES];

// The statute texts live beside the repository (../shared); without them there is nothing to compare.
test('every verified rule quotes its article word for word from the official text', { skip: !fs.existsSync(LAWS_DIR) && 'no ../shared/domain/laws here' }, () => {
  for (const r of all.filter((x) => x.verified)) {
    const file = FILES[`${r.law.name}@${r.law.version}`];
    assert.ok(file, `${r.id}: no statute file for ${r.law.name} ${r.law.version}`);
    const text = fs.readFileSync(path.join(LAWS_DIR, file), 'utf8');
    // The article's own text: from "第N条 " to the next article heading.
    const startAt = text.indexOf(`\n${r.article} `);
    assert.ok(startAt >= 0, `${r.id}: ${r.article} not in ${file}`);
    const next = text.slice(startAt + 1).search(/\n第[一二三四五六七八九十百零]+条 /);
    const article = text.slice(startAt + 1, next < 0 ? undefined : startAt + 1 + next).replace(/\s+/g, '');
    for (const sentence of r.quote.split(/(?<=[。；])/).filter((s) => s.trim())) {
      assert.ok(article.includes(sentence.replace(/\s+/g, '')), `${r.id}: "${sentence}" is not in ${r.article} of ${file}`);
    }
  }
});

test('rule set: ids, effective dates and kinds are consistent', () => {
  const seen = new Set<string>();
  for (const r of all) {
    const key = `${r.id}@${r.effectiveFrom}`;
    assert.ok(!seen.has(key), `duplicate ${key}`);
    seen.add(key);
    assert.equal(r.kind, r.params.type, r.id);
    assert.ok(r.effectiveTo === null || r.effectiveFrom <= r.effectiveTo, r.id);
    assert.ok(r.titleZh && r.titleEn && r.quote && r.article, r.id);
    if (r.origin !== 'national') assert.equal(r.verified, false, `${r.id}: ministerial and local rules stay unverified`);
    if (!r.verified) assert.ok(r.note, `${r.id}: an unverified rule says why`);
  }
  // Versions of one rule never overlap, so the date of the act picks exactly one.
  const byId = new Map<string, LegalRule[]>();
  for (const r of all) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  for (const [id, versions] of byId) {
    const sorted = versions.toSorted((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    for (let i = 1; i < sorted.length; i++) {
      assert.ok(sorted[i - 1]!.effectiveTo !== null && sorted[i - 1]!.effectiveTo! < sorted[i]!.effectiveFrom, `${id}: versions overlap`);
    }
  }
  assert.equal(ruleInForce(NATIONAL_RULES, 'xzcf.simple_procedure', '2021-07-14')?.article, '第三十三条');
  assert.equal(ruleInForce(NATIONAL_RULES, 'xzcf.simple_procedure', '2021-07-15')?.article, '第五十一条');
  assert.equal(ruleInForce(NATIONAL_RULES, 'xzcf.nope', '2025-01-01'), null);
  for (const id of ['zjb55.lead_check', 'zjb55.decision_period']) assert.equal(ruleInForce(NATIONAL_RULES, id, '2025-01-01')?.origin, 'unverified_ministerial');
});

test('working days exactly where the law lists them (行政处罚法 第八十五条, 行政强制法 第六十九条, 行政复议法 第八十八条)', () => {
  const working: Record<string, (days: number) => boolean> = {
    中华人民共和国行政处罚法: (d) => [2, 3, 5, 7].includes(d),
    中华人民共和国行政强制法: (d) => d <= 10,
    中华人民共和国行政复议法: (d) => [3, 5, 7, 10].includes(d),
    中华人民共和国行政诉讼法: () => false,
    // 民事诉讼法 第八十五条 counts in days, months, years: no working days (公告送达 30 days).
    中华人民共和国民事诉讼法: () => false,
  };
  for (const r of NATIONAL_RULES) {
    if (r.kind !== 'period' || r.origin !== 'national') continue;
    const isWorking = working[r.law.name];
    assert.ok(isWorking, `${r.id}: which periods of ${r.law.name} are working days?`);
    const expected = r.params.unit === 'day' && isWorking(r.params.count) ? 'working' : 'calendar';
    assert.equal(r.params.counting, expected, `${r.id}: ${r.params.count} ${r.params.unit}`);
    // A working-day period always ends on a working day: a rest-day move would never apply.
    if (r.params.counting === 'working') assert.equal(r.params.restDay.kind, 'none', r.id);
    // The party's calendar-day periods move off rest days; the authority's do not.
    if (r.params.counting === 'calendar' && r.params.unit !== 'year') {
      assert.equal(r.params.restDay.kind, r.params.holder === 'party' ? 'next_working_day' : 'none', r.id);
    }
  }
});

test('local defaults: shipped in the first version, marked as defaults the bureau confirms, never as a statute', () => {
  assert.deepEqual(LOCAL_DEFAULT_RULES.map((r) => r.id), ['local.case_check', 'local.simple_filing', 'local.hearing_amount']);
  assert.equal(LOCAL_RULE_EXAMPLES, LOCAL_DEFAULT_RULES);
  assert.deepEqual(SHIPPED_RULES, [...NATIONAL_RULES, ...LOCAL_DEFAULT_RULES]);
  for (const r of LOCAL_DEFAULT_RULES) {
    assert.equal(r.origin, 'local', r.id);
    assert.equal(r.verified, false, r.id);
    assert.deepEqual(r.law, LAWS.localDefault, r.id);
    assert.match(r.law.name, /非法律规定/, r.id);
    assert.match(r.titleZh, /默认值/, r.id);
    assert.match(r.quote, /^（默认值，非法律条文/, r.id);
    assert.match(r.note ?? '', /not a statute/, r.id);
    if (r.kind === 'period') assert.equal(r.params.configurable, true, r.id);
  }
  const hearing = ruleInForce(SHIPPED_RULES, 'local.hearing_amount', '2026-01-01');
  assert.ok(hearing && hearing.kind === 'amount_threshold');
  assert.equal(hearing.params.purpose, 'hearing');
  assert.match(hearing.titleZh, /待核实/);
  assert.deepEqual(hearing.params.maxFen, { individual: 5_000_00, organization: 50_000_00 });
  // The case deadlines they serve now find a rule (立案 check; 备案).
  assert.ok(ruleInForce(SHIPPED_RULES, 'local.case_check', '2026-01-01'));
  assert.ok(ruleInForce(SHIPPED_RULES, 'local.simple_filing', '2026-01-01'));
});
