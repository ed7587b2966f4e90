import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENT_TYPES, type DocumentTypeCode } from './numbering';
import { DEFAULT_TEMPLATE_SET } from './templates';
import { BLANK, blankSignatures, dateZh, fenToUpper, fenToYuan, FILL_PATHS, fillDocument, MissingTemplateError, placeholdersOf, templateIssues, type FillData } from './fill';
import type { DocumentModel, TemplateSetContent } from './template-types';

/** A FillData with every value null (what a fresh lead gives). */
function emptyData(): FillData {
  const groups: Record<string, Record<string, null>> = {};
  for (const { path } of FILL_PATHS) {
    const [g, k] = path.split('.') as [string, string];
    (groups[g] ??= {})[k] = null;
  }
  return { ...(groups as unknown as Omit<FillData, 'signatures'>), signatures: null };
}

function decidedData(): FillData {
  const d = emptyData();
  d.unit = { ...d.unit, bureau: '南通市崇川区城市管理局', name: '和平桥中队', shortName: '通崇', reviewOrgan: '南通市崇川区人民政府' };
  d.case = { ...d.case, number: '通崇城管罚〔2026〕0001号', cause: '占道经营', actPlace: '和平桥路12号' };
  d.party = { ...d.party, name: '王某某', idNumber: '320602********1234', address: '崇川区某街1号' };
  d.violation = { ...d.violation, name: '擅自占用城市道路经营', basis: '《城市市容和环境卫生管理条例》第十四条' };
  d.penalty = { kinds: '罚款', text: '罚款人民币500元', fineYuan: '500', fineUpper: '人民币伍佰元整' };
  d.dates = { ...d.dates, today: '2026-12-08', act: '2026-11-02', notice: '2026-11-20', decision: '2026-12-01' };
  d.doc = { number: '通崇城管罚决字〔2026〕第0001号' };
  return d;
}

const allText = (m: DocumentModel) =>
  [m.header, m.title, ...m.body.flatMap((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? [b.text] : b.kind === 'fields' ? b.rows.flatMap((r) => [r.label, r.value]) : []))].join('\n');

test('fenToYuan and fenToUpper: integer fen as printed and in 大写', () => {
  const cases: [number, string, string][] = [
    [0, '0', '人民币零元整'],
    [5, '0.05', '人民币伍分'],
    [50, '0.5', '人民币伍角整'],
    [1000, '10', '人民币壹拾元整'],
    [1005, '10.05', '人民币壹拾元零伍分'],
    [1050, '10.5', '人民币壹拾元伍角整'],
    [50_000, '500', '人民币伍佰元整'],
    [100_500, '1005', '人民币壹仟零伍元整'],
    [123_456, '1234.56', '人民币壹仟贰佰叁拾肆元伍角陆分'],
    [20_000_000, '200000', '人民币贰拾万元整'],
    [10_000_500, '100005', '人民币壹拾万零伍元整'],
    [1_000_010_000, '10000100', '人民币壹仟万零壹佰元整'],
    [10_000_000_500, '100000005', '人民币壹亿零伍元整'],
  ];
  for (const [fen, yuan, upper] of cases) {
    assert.equal(fenToYuan(fen), yuan, `yuan ${fen}`);
    assert.equal(fenToUpper(fen), upper, `upper ${fen}`);
  }
  for (const bad of [-1, 1.5, Number.NaN]) {
    assert.throws(() => fenToYuan(bad), RangeError);
    assert.throws(() => fenToUpper(bad), RangeError);
  }
});

test('dateZh and placeholdersOf', () => {
  assert.equal(dateZh('2026-12-08'), '2026年12月8日');
  assert.equal(dateZh('2026-01-31'), '2026年1月31日');
  assert.equal(dateZh('明天'), '明天');
  assert.deepEqual(placeholdersOf('{{party.name}}于{{ dates.act }}在{{case.actPlace}}'), ['party.name', 'dates.act', 'case.actPlace']);
});

test('FILL_PATHS: unique, each with a zh-CN label, and exactly the fields of FillData', () => {
  const paths = FILL_PATHS.map((f) => f.path);
  assert.equal(new Set(paths).size, paths.length);
  for (const f of FILL_PATHS) assert.match(f.label, /[\u4e00-\u9fff]/, f.path);
  // decidedData spreads emptyData: a FillData field without a path would be missing from emptyData and fail typing.
  const d = emptyData();
  const keys = Object.entries(d).flatMap(([g, v]) => (g === 'signatures' ? [] : Object.keys(v as object).map((k) => `${g}.${k}`)));
  assert.deepEqual(keys.sort(), [...paths].sort());
});

test('templateIssues: what an edited set can get wrong', () => {
  const withTpl = (docType: DocumentTypeCode, patch: Partial<TemplateSetContent['templates'][number]>): TemplateSetContent => ({
    ...DEFAULT_TEMPLATE_SET,
    templates: DEFAULT_TEMPLATE_SET.templates.map((t) => (t.docType === docType ? { ...t, ...patch } : t)),
  });
  const cases: [string, TemplateSetContent, { docType: string | null; field: string; message: RegExp }[]][] = [
    ['default', DEFAULT_TEMPLATE_SET, []],
    ['unknown path in a paragraph', withTpl('penalty_decision', { body: [{ kind: 'paragraph', text: '{{party.nmae}}：' }] }), [{ docType: 'penalty_decision', field: 'body[0].text', message: /未知的填充项 \{\{party\.nmae\}\}/ }]],
    ['unknown path in a field value', withTpl('inquiry_record', { body: [{ kind: 'fields', rows: [{ label: '姓名', value: '{{person.name}}' }] }] }), [{ docType: 'inquiry_record', field: 'body[0].rows[0].value', message: /person\.name/ }]],
    ['unbalanced braces', withTpl('inquiry_record', { body: [{ kind: 'paragraph', text: '{{party.name}' }] }), [{ docType: 'inquiry_record', field: 'body[0].text', message: /花括号不成对/ }]],
    ['empty title', withTpl('penalty_notice', { title: '  ' }), [{ docType: 'penalty_notice', field: 'title', message: /标题不能为空/ }]],
    ['empty row label', withTpl('penalty_notice', { body: [{ kind: 'fields', rows: [{ label: '', value: 'x' }] }] }), [{ docType: 'penalty_notice', field: 'body[0].rows[0].label', message: /栏目名称/ }]],
    ['too many blank lines', withTpl('penalty_notice', { body: [{ kind: 'blank_lines', count: 500 }] }), [{ docType: 'penalty_notice', field: 'body[0].count', message: /空白行数/ }]],
    ['pattern without {seq}', { ...DEFAULT_TEMPLATE_SET, numberPattern: '{prefix}{word}〔{year}〕号' }, [{ docType: null, field: 'numberPattern', message: /\{seq\}/ }]],
    ['pattern with an unknown placeholder', { ...DEFAULT_TEMPLATE_SET, numberPattern: '{prefix}{wrod}〔{year}〕第{seq}号' }, [{ docType: null, field: 'numberPattern', message: /wrod/ }]],
    ['a word for a type without 文号', { ...DEFAULT_TEMPLATE_SET, words: { ...DEFAULT_TEMPLATE_SET.words, inquiry_record: '询字' } }, [{ docType: 'inquiry_record', field: 'words.inquiry_record', message: /不编文号/ }]],
    ['an empty word', { ...DEFAULT_TEMPLATE_SET, words: { ...DEFAULT_TEMPLATE_SET.words, penalty_decision: ' ' } }, [{ docType: 'penalty_decision', field: 'words.penalty_decision', message: /文号字不能为空/ }]],
    ['unknown path in the header', { ...DEFAULT_TEMPLATE_SET, header: '{{unit.bureauName}}' }, [{ docType: null, field: 'header', message: /unit\.bureauName/ }]],
    ['a template missing', { ...DEFAULT_TEMPLATE_SET, templates: DEFAULT_TEMPLATE_SET.templates.filter((t) => t.docType !== 'file_note') }, [{ docType: 'file_note', field: 'template', message: /缺少备考表/ }]],
    ['a template twice', { ...DEFAULT_TEMPLATE_SET, templates: [...DEFAULT_TEMPLATE_SET.templates, DEFAULT_TEMPLATE_SET.templates[0]!] }, [{ docType: 'filing_approval', field: 'template', message: /重复/ }]],
  ];
  for (const [name, content, want] of cases) {
    const got = templateIssues(content);
    assert.equal(got.length, want.length, `${name}: ${JSON.stringify(got)}`);
    want.forEach((w, i) => {
      assert.equal(got[i]!.docType, w.docType, name);
      assert.equal(got[i]!.field, w.field, name);
      assert.match(got[i]!.message, w.message, name);
    });
  }
});

test('fillDocument: a decision from a decided case — no placeholder left, values and dates printed, 文号 and seal', () => {
  const m = fillDocument(DEFAULT_TEMPLATE_SET, 'penalty_decision', decidedData());
  const text = allText(m);
  assert.doesNotMatch(text, /\{\{|\}\}/);
  assert.equal(m.header, '南通市崇川区城市管理局');
  assert.equal(m.title, '行政处罚决定书');
  assert.equal(m.number, '通崇城管罚决字〔2026〕第0001号');
  assert.match(text, /王某某/);
  assert.match(text, /320602\*{8}1234/);
  assert.match(text, /当事人于2026年11月2日在和平桥路12号擅自占用城市道路经营/);
  assert.match(text, /罚款人民币500元/);
  assert.match(text, /向南通市崇川区人民政府申请行政复议/);
  assert.equal(m.seal, true);
  assert.equal(m.issuer, '南通市崇川区城市管理局');
  assert.equal(m.date, '2026-12-01', 'the decision date, not the printing day');
  assert.deepEqual(m.signatures, []);
});

test('fillDocument: missing values print as blanks; types without 文号 never print one; signature lines', () => {
  const empty = emptyData();
  empty.doc = { number: '不该出现' };
  empty.dates.today = '2026-12-08';
  const cases: [DocumentTypeCode, string | null, DocumentModel['signatures'][number]['role'][]][] = [
    ['inquiry_record', null, ['officer', 'officer', 'party']],
    ['inspection_record', null, ['officer', 'officer', 'party', 'witness']],
    ['penalty_notice', '不该出现', ['party']],
  ];
  for (const [docType, number, roles] of cases) {
    const m = fillDocument(DEFAULT_TEMPLATE_SET, docType, empty);
    assert.equal(m.number, number, docType);
    assert.doesNotMatch(allText(m), /\{\{|null|undefined/, docType);
    assert.match(allText(m), new RegExp(BLANK), docType);
    assert.deepEqual(m.signatures, blankSignatures(roles), docType);
    assert.equal(m.issuer, BLANK, 'no bureau known: a blank to write in');
  }
  // A step date not reached yet: the day of printing.
  assert.equal(fillDocument(DEFAULT_TEMPLATE_SET, 'penalty_notice', empty).date, '2026-12-08');
});

test('fillDocument: every type of the default set fills from a decided case without a placeholder left', () => {
  for (const t of DOCUMENT_TYPES) assert.doesNotMatch(allText(fillDocument(DEFAULT_TEMPLATE_SET, t.code, decidedData())), /\{\{|\}\}|null|undefined/, t.code);
});

test('fillDocument: recorded signatures are used as given; an unknown path slipped into a set prints blank; a missing template throws', () => {
  const sigs: DocumentModel['signatures'] = [{ role: 'party', name: null, signedAt: '2026-12-02', refused: true, note: '当事人拒绝签名，已录像' }];
  assert.deepEqual(fillDocument(DEFAULT_TEMPLATE_SET, 'penalty_notice', { ...decidedData(), signatures: sigs }).signatures, sigs);
  const odd: TemplateSetContent = { ...DEFAULT_TEMPLATE_SET, templates: [{ docType: 'penalty_notice', title: '告知书', body: [{ kind: 'paragraph', text: '致{{party.nmae}}' }], signatures: [], seal: false }] };
  assert.deepEqual(fillDocument(odd, 'penalty_notice', decidedData()).body, [{ kind: 'paragraph', text: `致${BLANK}` }]);
  assert.throws(() => fillDocument(odd, 'penalty_decision', decidedData()), MissingTemplateError);
});
