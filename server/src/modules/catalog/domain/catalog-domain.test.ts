import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aspectOf, compareCodes, leaves, orderTree, treeIssues, type CatalogNodeData } from './tree';
import { diffVersions } from './diff';
import { COLUMNS, nodeToCells, parseCatalogRows, placeIssues, type Cell } from './workbook-rows';

const node = (code: string, parentCode: string | null, extra: Partial<CatalogNodeData> = {}): CatalogNodeData => ({
  code,
  parentCode,
  title: `T${code}`,
  text: null,
  points: null,
  method: null,
  rule: null,
  evidence: null,
  isVeto: false,
  appliesTo: 'team',
  guidance: null,
  ...extra,
});
const item = (code: string, parent: string, extra: Partial<CatalogNodeData> = {}) => node(code, parent, { points: 5, method: 'pass_fail', ...extra });
const valid = [node('1', null), node('1.1', '1'), item('1.1.1', '1.1'), item('1.1.2', '1.1', { method: 'computed', rule: 'exists(room where type = \'x\')' }), node('2', null), item('2.1', '2')];

test('a valid tree has no issues; depth is free (2.1 is an item at depth 2)', () => {
  assert.deepEqual(treeIssues(valid), []);
});

test('tree issues: table of broken trees, each problem named with code and field', () => {
  const cases: { name: string; nodes: CatalogNodeData[]; expect: { nodeCode: string; field: string; code: string; message: RegExp }[] }[] = [
    { name: 'duplicate code', nodes: [...valid, item('1.1.1', '1.1')], expect: [{ nodeCode: '1.1.1', field: 'code', code: 'code_duplicate', message: /duplicate/ }] },
    { name: 'unknown parent', nodes: [...valid, item('3.1', '3')], expect: [{ nodeCode: '3.1', field: 'parentCode', code: 'parent_unknown', message: /unknown parent code 3/ }] },
    { name: 'cycle', nodes: [node('1', null), item('a', 'b'), node('b', 'a')], expect: [{ nodeCode: 'a', field: 'parentCode', code: 'parent_cycle', message: /cycle/ }, { nodeCode: 'b', field: 'parentCode', code: 'parent_cycle', message: /cycle/ }, { nodeCode: '1', field: 'points', code: 'points_required', message: /points/ }, { nodeCode: '1', field: 'method', code: 'method_required', message: /method/ }, { nodeCode: 'a', field: 'method', code: 'method_on_group', message: /has children/ }] },
    { name: 'item without points', nodes: [node('1', null), item('1.1', '1', { points: null })], expect: [{ nodeCode: '1.1', field: 'points', code: 'points_required', message: /points > 0/ }] },
    { name: 'negative points', nodes: [node('1', null), item('1.1', '1', { points: -1 })], expect: [{ nodeCode: '1.1', field: 'points', code: 'points_required', message: /points > 0/ }] },
    { name: 'computed without rule', nodes: [node('1', null), item('1.1', '1', { method: 'computed' })], expect: [{ nodeCode: '1.1', field: 'rule', code: 'rule_required', message: /needs a rule/ }] },
    { name: 'rule on a manual item', nodes: [node('1', null), item('1.1', '1', { rule: 'x' })], expect: [{ nodeCode: '1.1', field: 'rule', code: 'rule_not_computed', message: /only computed/ }] },
    { name: 'veto on a parent', nodes: [node('1', null, { isVeto: true }), item('1.1', '1')], expect: [{ nodeCode: '1', field: 'isVeto', code: 'veto_on_group', message: /leaves/ }] },
    { name: 'empty title', nodes: [node('1', null), item('1.1', '1', { title: ' ' })], expect: [{ nodeCode: '1.1', field: 'title', code: 'title_empty', message: /empty/ }] },
  ];
  for (const c of cases) {
    const got = treeIssues(c.nodes);
    assert.equal(got.length, c.expect.length, `${c.name}: ${JSON.stringify(got)}`);
    c.expect.forEach((e, i) => {
      assert.equal(got[i]!.nodeCode, e.nodeCode, c.name);
      assert.equal(got[i]!.field, e.field, c.name);
      assert.equal(got[i]!.code, e.code, c.name);
      assert.match(got[i]!.message, e.message, c.name);
    });
  }
});

test('a rule checker can veto a rule', () => {
  const issues = treeIssues(valid, (r) => (r.startsWith('exists') ? { code: 'rule_syntax', message: 'column 1: unexpected token', params: { line: 1, column: 1 } } : null));
  assert.deepEqual(issues.map((i) => [i.nodeCode, i.field, i.message, i.code, i.params]), [['1.1.2', 'rule', 'column 1: unexpected token', 'rule_syntax', { line: 1, column: 1 }]]);
});

test('natural code order, depth-first ordering, leaves and aspects', () => {
  assert.deepEqual(['1.10', '2', '1.2', '1.1.3', '1'].sort(compareCodes), ['1', '1.1.3', '1.2', '1.10', '2']);
  const ordered = orderTree([item('1.10', '1'), node('1', null), item('1.2', '1'), item('2.1', '2'), node('2', null)]);
  assert.deepEqual(ordered.map((o) => `${o.node.code}@${o.depth}`), ['1@0', '1.2@1', '1.10@1', '2@0', '2.1@1']);
  assert.deepEqual(leaves(valid).map((n) => n.code), ['1.1.1', '1.1.2', '2.1']);
  assert.equal(aspectOf(valid).get('1.1.2'), '1');
});

test('version diff: added, removed, changed fields, unchanged count', () => {
  const to = [node('1', null), node('1.1', '1'), item('1.1.1', '1.1', { points: 8, isVeto: true }), node('2', null), item('2.1', '2'), item('2.2', '2')];
  const d = diffVersions(valid, to);
  assert.deepEqual(d.added.map((n) => n.code), ['2.2']);
  assert.deepEqual(d.removed.map((n) => n.code), ['1.1.2']);
  assert.deepEqual(d.changed, [{ code: '1.1.1', changes: [{ field: 'points', from: 5, to: 8 }, { field: 'isVeto', from: false, to: true }] }]);
  assert.equal(d.unchanged, 4);
});

const header: Cell[] = COLUMNS.map((c) => c.header);

test('workbook rows round-trip: nodes → cells → nodes', () => {
  const ordered = orderTree(valid);
  const rows = ordered.map((o) => nodeToCells(o.node, o.depth));
  const parsed = parseCatalogRows(header, rows);
  assert.deepEqual(parsed.issues, []);
  assert.deepEqual(parsed.nodes.map(({ row: _r, ...n }) => n), ordered.map((o) => o.node));
  assert.deepEqual(parsed.nodes.map((n) => n.row), [2, 3, 4, 5, 6, 7]);
});

test('workbook rows: every bad cell named with row and column', () => {
  const row = (over: Partial<Record<string, Cell>>): Cell[] => {
    const base: Record<string, Cell> = { 编码: '1.1', 上级编码: '1', 层级: 2, 标题: '标题', 要求: '', 分值: 5, 评分方式: '是否', 一票否决: '否', 佐证材料: '', 适用层级: '执法队', 指导说明: '', 计算规则: '' };
    return COLUMNS.map((c) => (c.header in over ? over[c.header] : base[c.header]));
  };
  const rows = [
    row({ 编码: '1', 上级编码: '', 层级: 1, 分值: '', 评分方式: '' }),
    row({ 分值: 'abc' }),
    row({ 编码: '1.2', 评分方式: '打分' }),
    row({ 编码: '1.3', 一票否决: '也许' }),
    row({ 编码: '1.4', 层级: 3 }),
    row({ 编码: '1.5', 适用层级: '全市' }),
    [],
  ];
  const { issues } = parseCatalogRows(header, rows);
  assert.deepEqual(
    issues.map((i) => [i.row, i.column, i.field, i.message]),
    [
      [3, 'F', 'points', 'F3: points must be a number ≥ 0, got "abc"'],
      [4, 'G', 'method', 'G4: unknown scoring method "打分" (use 是否 / 分级 / 计算)'],
      [5, 'H', 'isVeto', 'H5: use 是 or 否, got "也许"'],
      [7, 'J', 'appliesTo', 'J7: unknown level "全市" (use 部门 / 执法队 / 全部)'],
      [6, 'C', 'level', 'C6: level 3 does not match the parent chain (level 2)'],
    ],
  );
  // What the web translates: a code per problem and the values its text shows.
  assert.deepEqual(
    issues.map((i) => [i.code, i.params]),
    [
      ['points_invalid', { value: 'abc' }],
      ['cell_not_option', { header: '评分方式', value: '打分', options: '是否 / 分级 / 计算' }],
      ['cell_not_yes_no', { header: '一票否决', value: '也许' }],
      ['cell_not_option', { header: '适用层级', value: '全市', options: '部门 / 执法队 / 全部' }],
      ['level_mismatch', { level: 3, expected: 2 }],
    ],
  );
  const cols = parseCatalogRows(['编码', '标题', '颜色'], []);
  assert.deepEqual(
    cols.issues.map((i) => [i.code, i.params]),
    [
      ['column_missing', { header: '上级编码' }],
      ['column_missing', { header: '分值' }],
      ['column_missing', { header: '评分方式' }],
      ['column_unknown', { header: '颜色', column: 'C' }],
    ],
  );
});

test('tree problems placed in the sheet: row, column of the field, and a rule position that is not a sheet column', () => {
  const header = COLUMNS.map((c) => c.header);
  const row = (over: Partial<Record<string, Cell>>): Cell[] => {
    const base: Record<string, Cell> = { 编码: '1.1', 上级编码: '1', 层级: '', 标题: '标题', 要求: '', 分值: 5, 评分方式: '是否', 一票否决: '否', 佐证材料: '', 适用层级: '执法队', 指导说明: '', 计算规则: '' };
    return COLUMNS.map((c) => (c.header in over ? over[c.header] : base[c.header]));
  };
  const parsed = parseCatalogRows(header, [
    row({ 编码: '1', 上级编码: '', 分值: '', 评分方式: '', 一票否决: '是' }),
    row({ 编码: '1.1' }),
    row({ 编码: '1.1', 标题: '重复' }),
    row({ 编码: '1.2', 上级编码: '9' }),
    row({ 编码: '1.3', 标题: '' }),
    row({ 编码: '1.4', 分值: 0 }),
    row({ 编码: '1.5', 评分方式: '计算', 计算规则: 'count(person) >=' }),
  ]);
  assert.deepEqual(parsed.issues, []);
  const checkRule = (rule: string) => (rule.endsWith('>=') ? { code: 'rule_syntax' as const, message: `column ${rule.length}: expected a value`, params: { line: 1, column: rule.length } } : null);
  const placed = placeIssues(parsed, treeIssues(parsed.nodes, checkRule));
  assert.deepEqual(
    placed.map((i) => [i.row, i.column, i.field, i.message]),
    [
      [4, 'A', 'code', 'A4: duplicate code (first used in row 3)'],
      [5, 'B', 'parentCode', 'B5: unknown parent code 9'],
      [6, 'D', 'title', 'D6: title is empty'],
      [2, 'H', 'isVeto', 'H2: only items (leaves) can be veto items'],
      [7, 'F', 'points', 'F7: an item needs points > 0'],
      [8, 'L', 'rule', 'L8: in the rule at character 16: expected a value'],
    ],
  );
  // A whole-tree problem still gets a row and a column.
  const cyclic = parseCatalogRows(header, [row({ 编码: 'a', 上级编码: 'b' }), row({ 编码: 'b', 上级编码: 'a' })]);
  const top = placeIssues(cyclic, treeIssues(cyclic.nodes)).find((i) => /no top-level/.test(i.message));
  assert.deepEqual([top?.row, top?.column], [2, 'B']);
});

test('wrong template: missing and unknown columns', () => {
  const { issues, nodes } = parseCatalogRows(['编码', '名称', '分数'], [['1', 'x', 1]]);
  assert.equal(nodes.length, 0);
  assert.deepEqual(issues.map((i) => i.message), [
    'missing column "上级编码" (wrong template?)',
    'missing column "标题" (wrong template?)',
    'missing column "分值" (wrong template?)',
    'missing column "评分方式" (wrong template?)',
    'B1: unknown column "名称"',
    'C1: unknown column "分数"',
  ]);
});
