import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JIANGSU_2018_DEMO } from './jiangsu-2018';
import { NANTONG_PROFILE_DEMO } from './nantong-profile';
import { applyProfile } from './apply-profile';
import type { CatalogSeed, CatalogSeedNode } from './types';

// ── Rule grammar checker (a strict recogniser for the computed-rule grammar, with light typing) ──

type FieldType = 'num' | 'bool' | 'str' | readonly string[];
const ROOM_TYPES = ['违章处理室', '业务受理室', '来访接待室', '投诉处理室', '调查询问室', '案件处理室', '指挥调度', '备勤室', '暂扣物品库'];
const ENTITIES: Record<string, Record<string, FieldType>> = {
  person: {
    kind: ['officer', 'auxiliary'],
    status: ['active', 'left'],
    training_hours: 'num',
    has_certificate: 'bool',
    certificate_valid: 'bool',
    party_member: 'bool',
    uniform_issued: 'bool',
  },
  room: { type: ROOM_TYPES, area: 'num' },
  office: { area: 'num', independent: 'bool', floor: 'num' },
  asset: { type: ['vehicle', 'ebike', 'computer', 'body_camera', 'radio'], status: ['in_use', 'in_repair', 'retired'] },
  signage: { type: 'str', conforms: 'bool' },
};
const METRICS = new Set([
  'case_on_time_rate',
  'legal_review_rate_major',
  'body_camera_coverage',
  'complaint_response_rate',
  'satisfaction_rate',
  'patrol_coverage_rate',
  'certificate_rate',
]);
const KEYWORDS = new Set(['and', 'or', 'not', 'where', 'true', 'false', 'count', 'sum', 'avg', 'min', 'max', 'exists', 'metric']);

type Tok = { k: 'num' | 'str' | 'id' | 'op'; v: string };
function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|'([^']*)'|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|!=|[=<>+\-*/().]))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new Error(`bad character at ${i}: ${src.slice(i, i + 10)}`);
    if (m[1] !== undefined) out.push({ k: 'num', v: m[1] });
    else if (m[2] !== undefined) out.push({ k: 'str', v: m[2] });
    else if (m[3] !== undefined) out.push({ k: 'id', v: m[3] });
    else out.push({ k: 'op', v: m[4]! });
    i = re.lastIndex;
  }
  return out;
}

/** Value types during checking; a field reference keeps its declared type for literal checks. */
type VT = { t: 'num' | 'bool' | 'str'; field?: string; allowed?: readonly string[]; literal?: string };

function checkRule(src: string): void {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => peek()?.k === 'op' && peek()!.v === v;
  const isKw = (v: string) => peek()?.k === 'id' && peek()!.v === v;
  const expect = (v: string) => {
    const t = toks[p++];
    if (!t || t.v !== v) throw new Error(`expected '${v}' at token ${p - 1} in: ${src}`);
  };
  const ident = (): string => {
    const t = toks[p++];
    if (!t || t.k !== 'id') throw new Error(`expected identifier at token ${p - 1} in: ${src}`);
    return t.v;
  };
  const need = (v: VT, t: VT['t'], what: string) => {
    if (v.t !== t) throw new Error(`${what} needs ${t}, got ${v.t} in: ${src}`);
  };

  function or(ent?: string): VT {
    let l = and(ent);
    while (isKw('or')) {
      p++;
      const r = and(ent);
      need(l, 'bool', 'or');
      need(r, 'bool', 'or');
      l = { t: 'bool' };
    }
    return l;
  }
  function and(ent?: string): VT {
    let l = not(ent);
    while (isKw('and')) {
      p++;
      const r = not(ent);
      need(l, 'bool', 'and');
      need(r, 'bool', 'and');
      l = { t: 'bool' };
    }
    return l;
  }
  function not(ent?: string): VT {
    if (isKw('not')) {
      p++;
      need(not(ent), 'bool', 'not');
      return { t: 'bool' };
    }
    return cmp(ent);
  }
  function cmp(ent?: string): VT {
    const l = add(ent);
    const t = peek();
    if (t?.k === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      p++;
      const r = add(ent);
      if (l.t !== r.t) throw new Error(`comparing ${l.t} with ${r.t} in: ${src}`);
      if (!['=', '!='].includes(t.v)) need(l, 'num', t.v);
      for (const [f, lit] of [
        [l, r],
        [r, l],
      ] as const) {
        if (f.allowed && lit.literal !== undefined && !f.allowed.includes(lit.literal)) {
          throw new Error(`'${lit.literal}' is not a value of ${f.field} in: ${src}`);
        }
      }
      return { t: 'bool' };
    }
    return l;
  }
  function add(ent?: string): VT {
    let l = mul(ent);
    while (isOp('+') || isOp('-')) {
      p++;
      const r = mul(ent);
      need(l, 'num', 'arithmetic');
      need(r, 'num', 'arithmetic');
      l = { t: 'num' };
    }
    return l;
  }
  function mul(ent?: string): VT {
    let l = unary(ent);
    while (isOp('*') || isOp('/')) {
      p++;
      const r = unary(ent);
      need(l, 'num', 'arithmetic');
      need(r, 'num', 'arithmetic');
      l = { t: 'num' };
    }
    return l;
  }
  function unary(ent?: string): VT {
    if (isOp('-')) {
      p++;
      need(unary(ent), 'num', 'negation');
      return { t: 'num' };
    }
    return primary(ent);
  }
  function entity(): string {
    const e = ident();
    if (!ENTITIES[e]) throw new Error(`unknown entity '${e}' in: ${src}`);
    return e;
  }
  function where(e: string, required: boolean) {
    if (isKw('where')) {
      p++;
      need(or(e), 'bool', 'where');
    } else if (required) throw new Error(`exists needs where in: ${src}`);
  }
  function primary(ent?: string): VT {
    const t = toks[p];
    if (!t) throw new Error(`unexpected end of: ${src}`);
    if (t.k === 'num') {
      p++;
      return { t: 'num' };
    }
    if (t.k === 'str') {
      p++;
      return { t: 'str', literal: t.v };
    }
    if (t.k === 'op' && t.v === '(') {
      p++;
      const v = or(ent);
      expect(')');
      return v;
    }
    if (t.k !== 'id') throw new Error(`unexpected '${t.v}' in: ${src}`);
    p++;
    switch (t.v) {
      case 'true':
      case 'false':
        return { t: 'bool' };
      case 'count': {
        expect('(');
        const e = entity();
        where(e, false);
        expect(')');
        return { t: 'num' };
      }
      case 'sum':
      case 'avg':
      case 'min':
      case 'max': {
        expect('(');
        const e = entity();
        expect('.');
        const f = ident();
        if (ENTITIES[e]![f] !== 'num') throw new Error(`${t.v} over non-numeric ${e}.${f} in: ${src}`);
        where(e, false);
        expect(')');
        return { t: 'num' };
      }
      case 'exists': {
        expect('(');
        const e = entity();
        where(e, true);
        expect(')');
        return { t: 'bool' };
      }
      case 'metric': {
        expect('(');
        const m = ident();
        if (!METRICS.has(m)) throw new Error(`unknown metric '${m}' in: ${src}`);
        expect(')');
        return { t: 'num' };
      }
    }
    if (KEYWORDS.has(t.v)) throw new Error(`misplaced keyword '${t.v}' in: ${src}`);
    if (!ent) throw new Error(`bare identifier '${t.v}' outside a where clause in: ${src}`);
    const ft = ENTITIES[ent]![t.v];
    if (ft === undefined) throw new Error(`unknown field ${ent}.${t.v} in: ${src}`);
    if (typeof ft === 'string') return { t: ft, field: `${ent}.${t.v}` };
    return { t: 'str', field: `${ent}.${t.v}`, allowed: ft };
  }

  const v = or();
  if (p !== toks.length) throw new Error(`trailing tokens after ${p} in: ${src}`);
  need(v, 'bool', 'rule');
}

// ── Tree helpers ──

interface Flat {
  node: CatalogSeedNode;
  depth: number;
  parent?: CatalogSeedNode;
  index: number;
}
function flatten(seed: CatalogSeed): Flat[] {
  const out: Flat[] = [];
  const walk = (n: CatalogSeedNode, depth: number, index: number, parent?: CatalogSeedNode) => {
    out.push({ node: n, depth, index, ...(parent ? { parent } : {}) });
    n.children?.forEach((c, i) => walk(c, depth + 1, i, n));
  };
  seed.nodes.forEach((n, i) => walk(n, 1, i));
  return out;
}
const items = (seed: CatalogSeed) => flatten(seed).filter((f) => f.depth === 3).map((f) => f.node);
const totalPoints = (seed: CatalogSeed) => items(seed).reduce((s, n) => s + (n.points ?? 0), 0);

/** Structural checks shared by the provincial catalogue and the effective Nantong catalogue. */
function assertWellFormed(seed: CatalogSeed, opts: { sequential: boolean }) {
  const flat = flatten(seed);
  const codes = flat.map((f) => f.node.code);
  assert.equal(new Set(codes).size, codes.length, 'codes are unique');
  for (const { node, depth, parent, index } of flat) {
    assert.match(node.code, /^\d+(\.\d+){0,2}$/, `code ${node.code} format`);
    assert.equal(node.code.split('.').length, depth, `${node.code} has depth ${depth}`);
    const expected = `${parent ? `${parent.code}.` : ''}${index + 1}`;
    if (parent) assert.ok(node.code.startsWith(`${parent.code}.`), `${node.code} under ${parent.code}`);
    if (opts.sequential) assert.equal(node.code, expected, `${node.code} numbered in order`);
    assert.ok(node.title.length > 0 && node.title.length <= 40, `${node.code} title length`);
    if (depth < 3) {
      assert.ok(node.children && node.children.length >= 1, `${node.code} has children`);
      for (const k of ['points', 'method', 'rule', 'evidence', 'veto', 'appliesTo'] as const) {
        assert.equal(node[k], undefined, `${node.code} (not an item) has no ${k}`);
      }
    } else {
      assert.equal(node.children, undefined, `item ${node.code} is a leaf`);
      assert.ok(Number.isInteger(node.points) && node.points! > 0, `${node.code} points positive integer`);
      assert.ok(['pass_fail', 'graded', 'computed'].includes(node.method!), `${node.code} method`);
      assert.ok(['department', 'team', 'all'].includes(node.appliesTo!), `${node.code} appliesTo`);
      assert.ok(node.text && node.text.length >= 8, `${node.code} has requirement text`);
      assert.ok(node.evidence && node.evidence.length > 0, `${node.code} has evidence`);
      if (node.method === 'computed') {
        assert.ok(node.rule, `computed ${node.code} has a rule`);
        assert.doesNotThrow(() => checkRule(node.rule!), `rule of ${node.code} fits the grammar`);
      } else {
        assert.equal(node.rule, undefined, `non-computed ${node.code} has no rule`);
      }
      if (node.veto) assert.notEqual(node.method, 'graded', `veto ${node.code} is a yes/no test`);
    }
  }
}

// ── Provincial catalogue ──

test('Jiangsu 2018 demo: metadata says it is a reconstruction', () => {
  const J = JIANGSU_2018_DEMO;
  assert.equal(J.standardCode, 'JS-CGZF-2018');
  assert.equal(J.issuer, '江苏省住房和城乡建设厅');
  assert.match(J.name, /示例重建/);
  assert.match(J.note, /官方条文未公开获取/);
  assert.match(J.note, /演示数据/);
  assert.match(J.note, /Excel 导入/);
});

test('Jiangsu 2018 demo: 6 aspects, 68 sub-items, 175 items', () => {
  const J = JIANGSU_2018_DEMO;
  assert.deepEqual(
    J.nodes.map((a) => [a.code, a.title]),
    [
      ['1', '执法部门'],
      ['2', '执法机构'],
      ['3', '执法行为'],
      ['4', '执法服务'],
      ['5', '执法保障'],
      ['6', '执法评价'],
    ],
  );
  const flat = flatten(J);
  assert.equal(flat.filter((f) => f.depth === 2).length, 68);
  assert.equal(flat.filter((f) => f.depth === 3).length, 175);
  assert.ok(flat.every((f) => f.depth <= 3));
  assert.deepEqual(
    J.nodes.map((a) => a.children!.length),
    [10, 12, 16, 10, 12, 8],
  );
});

test('Jiangsu 2018 demo: well-formed tree, unique codes, consistent numbering', () => {
  assertWellFormed(JIANGSU_2018_DEMO, { sequential: true });
});

test('Jiangsu 2018 demo: points total 1000', () => {
  assert.equal(totalPoints(JIANGSU_2018_DEMO), 1000);
});

test('Jiangsu 2018 demo: 5–8 veto items, and they are the red lines', () => {
  const veto = items(JIANGSU_2018_DEMO).filter((n) => n.veto);
  assert.ok(veto.length >= 5 && veto.length <= 8, `veto count ${veto.length}`);
  const titles = veto.map((n) => n.title).join('|');
  for (const must of ['持证上岗', '协管', '法制审核', '重复罚款', '罚缴分离', '全程音像记录']) {
    assert.ok(titles.includes(must), `a veto item about ${must}`);
  }
});

test('Jiangsu 2018 demo: 12–20 computed items, rule iff computed', () => {
  const all = items(JIANGSU_2018_DEMO);
  const computed = all.filter((n) => n.method === 'computed');
  assert.ok(computed.length >= 12 && computed.length <= 20, `computed count ${computed.length}`);
  for (const n of all) assert.equal(n.rule !== undefined, n.method === 'computed', n.code);
  const methods = new Set(all.map((n) => n.method));
  assert.ok(methods.has('pass_fail') && methods.has('graded'));
});

test('rule checker accepts the brief examples and rejects unknown names', () => {
  for (const ok of [
    `count(asset where type = 'computer' and status = 'in_use') >= count(person where kind = 'officer' and status = 'active')`,
    `sum(room.area) / count(person where status = 'active') >= 15`,
    `exists(room where type = '投诉处理室')`,
    `metric(case_on_time_rate) >= 0.95`,
    `not (count(signage where conforms = false) > 0)`,
  ]) {
    assert.doesNotThrow(() => checkRule(ok), ok);
  }
  for (const bad of [
    `count(vehicle) >= 1`,
    `count(person where role = 'x') >= 1`,
    `metric(foo_rate) >= 1`,
    `exists(room where type = '会议室')`,
    `count(asset where type = 'car') >= 1`,
    `sum(person.kind) > 0`,
    `count(person) >=`,
    `kind = 'officer'`,
    `count(person)`,
    `exists(room)`,
  ]) {
    assert.throws(() => checkRule(bad), bad);
  }
});

// ── Nantong profile ──

test('Nantong profile: refers to the provincial catalogue and existing item codes', () => {
  const N = NANTONG_PROFILE_DEMO;
  assert.equal(N.standardCode, 'NT-CGZF-2019');
  assert.equal(N.baseStandardCode, JIANGSU_2018_DEMO.standardCode);
  assert.equal(N.issuer, '南通市城市管理局');
  const byCode = new Map(flatten(JIANGSU_2018_DEMO).map((f) => [f.node.code, f]));
  const tightened = N.tighten.map((t) => t.code);
  assert.equal(new Set(tightened).size, tightened.length, 'each item tightened once');
  for (const t of N.tighten) {
    assert.equal(byCode.get(t.code)?.depth, 3, `tighten ${t.code} is a provincial item`);
    assert.ok(t.reason.length > 0);
    if (t.changes.rule !== undefined) assert.doesNotThrow(() => checkRule(t.changes.rule!), t.code);
    if (t.changes.title !== undefined) assert.ok(t.changes.title.length <= 40, t.code);
  }
  for (const a of N.add) {
    const parent = byCode.get(a.parentCode);
    assert.ok(parent && parent.depth <= 2, `add under existing aspect/sub-item ${a.parentCode}`);
    assert.ok(a.node.code.startsWith(`${a.parentCode}.`), `${a.node.code} continues ${a.parentCode}`);
    assert.equal(byCode.has(a.node.code), false, `${a.node.code} does not collide`);
    assert.equal(a.node.code.split('.').length, parent!.depth + 1, `${a.node.code} depth`);
    assert.ok(a.reason.length > 0);
  }
});

test('Nantong profile: effective catalogue is well formed and totals match the note', () => {
  const E = applyProfile(JIANGSU_2018_DEMO, NANTONG_PROFILE_DEMO);
  assertWellFormed(E, { sequential: true });
  const flat = flatten(E);
  const subs = flat.filter((f) => f.depth === 2).length;
  const its = flat.filter((f) => f.depth === 3).length;
  const pts = totalPoints(E);
  assert.deepEqual([subs, its, pts], [69, 180, 1022]);
  for (const n of [subs, its, pts]) assert.ok(NANTONG_PROFILE_DEMO.note.includes(String(n)), `note states ${n}`);
  // The Nantong headline requirements are all computed from ledgers in the effective catalogue.
  const byCode = new Map(items(E).map((n) => [n.code, n]));
  const rules = items(E)
    .filter((n) => n.method === 'computed')
    .map((n) => n.rule!)
    .join('\n');
  for (const room of ['违章处理室', '业务受理室', '来访接待室', '投诉处理室']) assert.ok(rules.includes(`'${room}'`), room);
  for (const asset of ['vehicle', 'ebike', 'computer', 'body_camera', 'radio']) assert.ok(rules.includes(`'${asset}'`), asset);
  assert.match(byCode.get('5.1.2')!.rule!, />= 15$/);
  assert.match(byCode.get('5.3.1')!.rule!, />= 2$/);
  assert.equal(byCode.get('5.5.1')!.method, 'computed');
  assert.ok(rules.includes('party_member = true'));
  // Base catalogue is not mutated by applying the profile.
  assert.equal(totalPoints(JIANGSU_2018_DEMO), 1000);
  assert.equal(flatten(JIANGSU_2018_DEMO).find((f) => f.node.code === '5.5.1')!.node.method, 'graded');
});
