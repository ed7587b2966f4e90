import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DOCUMENT_TYPES } from './numbering';
import { DEFAULT_TEMPLATE_SET } from './templates';
import { templateIssues } from './fill';

const LAWS = path.resolve(import.meta.dirname, '../../../../../../shared/domain/laws');
const texts = (t: (typeof DEFAULT_TEMPLATE_SET.templates)[number]) =>
  t.body.flatMap((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? [b.text] : b.kind === 'fields' ? b.rows.flatMap((r) => [r.label, r.value]) : []));
const tpl = (code: string) => DEFAULT_TEMPLATE_SET.templates.find((t) => t.docType === code)!;

test('the default set has exactly one template for each of the 21 types, titled with the type name, and no issue', () => {
  assert.equal(DEFAULT_TEMPLATE_SET.templates.length, 21);
  assert.deepEqual(DEFAULT_TEMPLATE_SET.templates.map((t) => t.docType).sort(), DOCUMENT_TYPES.map((t) => t.code).sort());
  for (const t of DEFAULT_TEMPLATE_SET.templates) assert.equal(t.title, DOCUMENT_TYPES.find((d) => d.code === t.docType)!.name);
  assert.deepEqual(templateIssues(DEFAULT_TEMPLATE_SET), []);
  assert.equal(DEFAULT_TEMPLATE_SET.header, '{{unit.bureau}}');
  assert.equal(DEFAULT_TEMPLATE_SET.words.penalty_decision, '罚决字');
});

test('a decision states the six items of 行政处罚法 第五十九条 and carries the seal', () => {
  const d = tpl('penalty_decision');
  const all = texts(d).join('\n');
  const cases: [string, RegExp][] = [
    ['（一）姓名或者名称、地址', /\{\{party\.name\}\}[\s\S]*\{\{party\.address\}\}/],
    ['（二）事实和证据', /违法事实和证据/],
    ['（三）种类和依据', /\{\{violation\.basis\}\}[\s\S]*\{\{penalty\.text\}\}/],
    ['（四）履行方式和期限', /十五日内/],
    ['（五）复议、诉讼的途径和期限', /六十日内[\s\S]*行政复议[\s\S]*六个月内[\s\S]*行政诉讼/],
  ];
  for (const [item, re] of cases) assert.match(all, re, item);
  assert.equal(d.seal, true, '（六）机关名称和日期 + 印章: the seal area prints issuer and date');
});

test('notices state the rights of 第四十四条 and the hearing periods of 第六十四条; 笔录 have no seal and are signed by the party', () => {
  assert.match(texts(tpl('penalty_notice')).join(''), /陈述、申辩的权利/);
  assert.match(texts(tpl('penalty_notice')).join(''), /事实、理由、依据/);
  const hr = texts(tpl('hearing_rights_notice')).join('');
  assert.match(hr, /告知后五日内提出/);
  assert.match(hr, /委托一至二人代理/);
  assert.match(texts(tpl('hearing_notice')).join(''), /公开举行/);
  for (const code of ['inspection_record', 'inquiry_record', 'hearing_record']) {
    assert.equal(tpl(code).seal, false, code);
    assert.ok(tpl(code).signatures.includes('party'), code);
  }
  assert.deepEqual(tpl('simple_penalty_decision').signatures, ['officer', 'officer', 'party'], '第五十二条: 由执法人员签名; the party signs for receipt');
});

const noLaws = !fs.existsSync(LAWS) && 'no ../shared/domain/laws here';

test('every law article a template quotes with 《…》第X条 exists in shared/domain/laws', { skip: noLaws }, () => {
  const files = fs.readdirSync(LAWS);
  const lawText = (name: string) => {
    const f = files.find((x) => x.startsWith(name.replace('中华人民共和国', '')));
    assert.ok(f, `no text for ${name}`);
    return fs.readFileSync(path.join(LAWS, f), 'utf8');
  };
  let quoted = 0;
  for (const t of DEFAULT_TEMPLATE_SET.templates) {
    for (const s of texts(t)) {
      for (const m of s.matchAll(/《([^》]+)》((?:第[一二三四五六七八九十百]+条、?)+)/g)) {
        const law = lawText(m[1]!);
        for (const art of m[2]!.split('、').filter(Boolean)) {
          assert.match(law, new RegExp(`^${art} `, 'm'), `${m[1]} ${art} (${t.docType})`);
          quoted++;
        }
      }
    }
  }
  assert.ok(quoted >= 15, `only ${quoted} citations checked`);
});

test('the sentences the templates quote from 行政处罚法 are its own words (not recalled from memory)', { skip: noLaws }, () => {
  const law = fs.readFileSync(path.join(LAWS, '行政处罚法(2021-01-22).md'), 'utf8');
  const all = DEFAULT_TEMPLATE_SET.templates.flatMap(texts).join('\n');
  for (const phrase of ['到指定的银行或者通过电子支付系统缴纳罚款', '每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额', '当事人或者有关人员不得销毁或者转移证据', '也可以委托一至二人代理', '视为放弃听证权利', '拟作出的行政处罚内容及事实、理由、依据']) {
    assert.ok(all.includes(phrase), `templates: ${phrase}`);
    assert.ok(law.includes(phrase), `law: ${phrase}`);
  }
});
