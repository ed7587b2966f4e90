import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createTestContext, type TestContext } from './helpers';

/**
 * Routes whose answer is sent with the native JSON.stringify (platform/native-json.ts) instead of the schema's
 * serializer: the schema no longer filters, so each is called here by several actors and its answer must hold
 * exactly the properties its OpenAPI schema declares, nothing more. A route that opts in without being listed
 * here fails the first test.
 */
const OPTED_IN: Record<string, { route: string; file: string }> = {
  '/api/org/units': { route: 'org units list', file: 'server/src/modules/org/org.routes.ts' },
  '/api/identity/users': { route: 'users list', file: 'server/src/modules/identity/identity.routes.ts' },
};

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[] };

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('native JSON answers: nothing outside the response schema is sent', () => {
  let t: TestContext;
  let components: Record<string, Schema>;
  before(async () => {
    t = await createTestContext();
    const doc = t.app.swagger() as { components: { schemas: Record<string, Schema> } };
    components = doc.components.schemas;
  });
  after(() => t.close());

  const resolve = (s: Schema): Schema => (s.$ref ? resolve(components[s.$ref.replace('#/components/schemas/', '')] as Schema) : s);

  /** Every object in `value` has only properties its schema declares (and all of them: the schemas here require all). */
  function exactShape(value: unknown, schema: Schema, at: string): void {
    const s = resolve(schema);
    if (s.anyOf) {
      if (value === null && s.anyOf.some((b) => resolve(b).type === 'null')) return;
      return exactShape(value, s.anyOf.find((b) => resolve(b).type !== 'null') as Schema, at);
    }
    if (s.type === 'array') {
      assert.ok(Array.isArray(value), `${at}: an array`);
      value.forEach((v, i) => exactShape(v, s.items as Schema, `${at}.${i}`));
    } else if (s.type === 'object') {
      assert.deepEqual(Object.keys(value as object).sort(), Object.keys(s.properties ?? {}).sort(), `${at}: the declared properties`);
      for (const [k, ps] of Object.entries(s.properties ?? {})) exactShape((value as Record<string, unknown>)[k], ps, `${at}.${k}`);
    }
  }

  test('the routes that opt in are the ones listed here', () => {
    const root = path.resolve(import.meta.dirname, '..', '..');
    const users = routeFiles(path.join(root, 'server/src/modules'))
      .filter((f) => fs.readFileSync(f, 'utf8').includes('nativeJsonAnswer('))
      .map((f) => path.relative(root, f))
      .sort();
    assert.deepEqual(users, [...new Set(Object.values(OPTED_IN).map((r) => r.file))].sort());
  });

  for (const [url, { route }] of Object.entries(OPTED_IN)) {
    test(`${route}: exactly the schema's properties, as JSON, for each kind of actor`, async () => {
      const doc = t.app.swagger() as { paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: Schema }> }> } }> };
      const schema = doc.paths[url]?.get.responses['200']?.content['application/json']?.schema;
      assert.ok(schema, `${url} has a 200 schema in the OpenAPI document`);
      for (const user of ['admin', 'chongchuan.manager', 'zhuhang.leader', 'zhuhang.officer1']) {
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie: await t.login(user) } });
        if (res.statusCode === 403) continue; // not every actor may read every list
        assert.equal(res.statusCode, 200, `${user}: ${res.body}`);
        assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
        const body: unknown = res.json();
        assert.ok(((body as { items: unknown[] }).items).length > 0, `${user} sees some items`);
        exactShape(body, schema, `${user}`);
      }
    });
  }
});
