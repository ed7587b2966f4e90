import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderTables, type TableEdge } from './table-order';

const e = (from: string, to: string): TableEdge => ({ from, to });

const cases: { name: string; tables: string[]; edges: TableEdge[]; order: string[]; cyclic?: string[] }[] = [
  { name: 'no foreign keys: by name', tables: ['c', 'a', 'b'], edges: [], order: ['a', 'b', 'c'] },
  { name: 'child after parent even when named first', tables: ['app_user', 'org_unit'], edges: [e('app_user', 'org_unit')], order: ['org_unit', 'app_user'] },
  {
    name: 'chain of three',
    tables: ['user_session', 'app_user', 'org_unit'],
    edges: [e('user_session', 'app_user'), e('app_user', 'org_unit')],
    order: ['org_unit', 'app_user', 'user_session'],
  },
  { name: 'self-reference ignored', tables: ['org_unit', 'audit_record'], edges: [e('org_unit', 'org_unit')], order: ['audit_record', 'org_unit'] },
  {
    name: 'diamond',
    tables: ['d', 'b', 'c', 'a'],
    edges: [e('b', 'a'), e('c', 'a'), e('d', 'b'), e('d', 'c')],
    order: ['a', 'b', 'c', 'd'],
  },
  { name: 'duplicate edges (two FKs to the same parent)', tables: ['x', 'p'], edges: [e('x', 'p'), e('x', 'p')], order: ['p', 'x'] },
  { name: 'edges to unknown tables ignored', tables: ['a'], edges: [e('a', 'elsewhere')], order: ['a'] },
  {
    name: 'cycle between tables: reported, appended last',
    tables: ['a', 'b', 'c', 'z'],
    edges: [e('a', 'b'), e('b', 'a'), e('c', 'a')],
    order: ['z', 'a', 'b', 'c'],
    cyclic: ['a', 'b', 'c'],
  },
];

for (const c of cases) {
  test(`orderTables: ${c.name}`, () => {
    const r = orderTables(c.tables, c.edges);
    assert.deepEqual(r.order, c.order);
    assert.deepEqual(r.cyclic, c.cyclic ?? []);
  });
}

test('orderTables: every parent precedes its children on a larger random DAG', () => {
  const tables = Array.from({ length: 40 }, (_, i) => `t${String(i).padStart(2, '0')}`);
  const edges: TableEdge[] = [];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 1; i < tables.length; i++) for (let j = 0; j < i; j++) if (rnd() < 0.1) edges.push(e(tables[i]!, tables[j]!));
  const { order, cyclic } = orderTables([...tables].reverse(), edges);
  assert.equal(order.length, tables.length);
  assert.deepEqual(cyclic, []);
  for (const ed of edges) assert.ok(order.indexOf(ed.to) < order.indexOf(ed.from), `${ed.to} before ${ed.from}`);
});
