import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insertFromJson, quoteIdent, selectAsText } from './sql-text';

for (const [name, quoted] of [
  ['org_unit', '"org_unit"'],
  ['Mixed Case', '"Mixed Case"'],
  ['we"ird', '"we""ird"'],
  ['单位', '"单位"'],
] as const) {
  test(`quoteIdent(${name})`, () => assert.equal(quoteIdent(name), quoted));
}

test('selectAsText: every column as text, primary-key order', () => {
  assert.equal(
    selectAsText({ table: 'app_user', columns: ['id', 'created_at'], primaryKey: ['id'] }),
    'SELECT t."id"::text AS c0, t."created_at"::text AS c1 FROM "public"."app_user" t ORDER BY t."id"',
  );
});

test('selectAsText: no primary key, no order', () => {
  assert.equal(selectAsText({ table: 'x', columns: ['a'], primaryKey: [] }), 'SELECT t."a"::text AS c0 FROM "public"."x" t');
});

test('selectAsText: self-reference walks the tree parent-first', () => {
  const q = selectAsText({ table: 'org_unit', columns: ['id', 'parent_id'], primaryKey: ['id'], selfReference: { columns: ['parent_id'], referenced: ['id'] } });
  assert.match(q, /^WITH RECURSIVE w AS \(SELECT "id" AS k0, 0 AS depth FROM "public"\."org_unit" WHERE "parent_id" IS NULL OR \("parent_id" = "id"\) UNION ALL/);
  assert.match(q, /JOIN w ON x\."parent_id" = w\.k0 WHERE NOT \(x\."parent_id" = x\."id"\)/);
  assert.match(q, /ORDER BY w\.depth NULLS LAST, t\."id"$/);
});

test('insertFromJson: casts each value from text with the column type, one json parameter', () => {
  assert.equal(
    insertFromJson('org_unit', [
      { name: 'id', type: 'uuid' },
      { name: 'geometry', type: 'jsonb' },
      { name: 'created_at', type: 'timestamp with time zone' },
    ]),
    'INSERT INTO "public"."org_unit" ("id", "geometry", "created_at") OVERRIDING SYSTEM VALUE SELECT (r->>0)::uuid, (r->>1)::jsonb, (r->>2)::timestamp with time zone FROM json_array_elements($1::json) AS r',
  );
});
