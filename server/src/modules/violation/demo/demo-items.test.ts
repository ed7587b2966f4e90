import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIRST_OFFENCE_BASIS, itemIssues } from '../domain/item';
import { DEMO_VIOLATION_ITEMS } from './demo-items';

/** The statute texts the project quotes from (outside the repository, beside it). */
const LAWS = path.resolve(import.meta.dirname, '../../../../../../shared/domain/laws');

test('every demo item is lawful: bands inside the statutory range and rising, codes unique', () => {
  assert.ok(DEMO_VIOLATION_ITEMS.length >= 30);
  for (const item of DEMO_VIOLATION_ITEMS) assert.deepEqual(itemIssues(item), [], item.code);
  assert.equal(new Set(DEMO_VIOLATION_ITEMS.map((i) => i.code)).size, DEMO_VIOLATION_ITEMS.length);
  for (const name of ['占道经营', '乱张贴', '乱涂写', '乱倒垃圾', '违法建设', '油烟', '露天烧烤', '施工噪声', '社会生活噪声', '建筑垃圾', '环境卫生设施', '户外广告']) {
    assert.ok(DEMO_VIOLATION_ITEMS.some((i) => i.name.includes(name) || (name === '施工噪声' && i.name.includes('施工作业'))), name);
  }
});

test('every demo citation is quoted verbatim from the statute text of that version', { skip: !fs.existsSync(LAWS) && `no statute texts at ${LAWS}` }, () => {
  const files = fs.readdirSync(LAWS).filter((f) => f.endsWith('.md'));
  const text = (law: string, version: string) => {
    const file = files.find((f) => f.includes(`(${version})`) && law.endsWith(f.replace(/\(.*$/, '')));
    assert.ok(file, `no text of ${law} (${version})`);
    return fs.readFileSync(path.join(LAWS, file), 'utf8').replace(/\n+/g, '');
  };
  for (const item of [...DEMO_VIOLATION_ITEMS.flatMap((i) => [i.violated, i.penaltyBasis]), FIRST_OFFENCE_BASIS]) {
    const body = text(item.law, item.version);
    // Parts of one article that are not adjacent (the lead-in, an item, the amounts) are joined by ……
    for (const part of item.quote.split('……')) assert.ok(body.includes(part), `${item.law} ${item.article}: "${part}" not found verbatim`);
    assert.ok(body.includes(`${item.article.replace(/第[一二三四五六七八九十]+[款项].*$/, '')} `), `${item.law}: no ${item.article}`);
  }
});
