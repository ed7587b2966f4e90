import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, UNITS, type TestContext } from './helpers';

describe('bad input gets a specific 4xx and stores nothing', () => {
  let t: TestContext;
  let admin: string;
  before(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
  });
  after(() => t.close());

  const auditCount = async () => (await t.app.inject({ method: 'GET', url: '/api/audit/records?limit=1', headers: { cookie: admin } })).json().items[0].seq;

  test('table of malformed requests', async () => {
    const team = await t.unitId(UNITS.zhuhang);
    const cases: { name: string; method: 'POST' | 'PATCH' | 'GET'; url: string; body?: string; contentType?: string; status: number; code: string; field?: string }[] = [
      { name: 'malformed JSON', method: 'POST', url: '/api/identity/users', body: '{"username": ', status: 400, code: 'request.malformed_json' },
      { name: 'wrong type', method: 'POST', url: '/api/identity/users', body: JSON.stringify({ username: 'x1', displayName: 'x', role: 'officer', orgUnitId: team, password: 12345678 }), status: 400, code: 'request.validation', field: 'password' },
      { name: 'unknown field', method: 'POST', url: '/api/identity/users', body: JSON.stringify({ username: 'x2', displayName: 'x', role: 'officer', orgUnitId: team, password: 'long-enough-1', isAdmin: true }), status: 400, code: 'request.validation', field: 'isAdmin' },
      { name: 'missing field', method: 'POST', url: '/api/identity/users', body: JSON.stringify({ username: 'x3', role: 'officer', orgUnitId: team, password: 'long-enough-1' }), status: 400, code: 'request.validation', field: 'displayName' },
      { name: 'unknown role', method: 'POST', url: '/api/identity/users', body: JSON.stringify({ username: 'x4', displayName: 'x', role: 'emperor', orgUnitId: team, password: 'long-enough-1' }), status: 400, code: 'request.validation', field: 'role' },
      { name: 'bad uuid in path', method: 'PATCH', url: '/api/org/units/not-a-uuid', body: JSON.stringify({ version: 1 }), status: 400, code: 'request.validation', field: 'id' },
      { name: 'bad date', method: 'PATCH', url: `/api/org/units/${team}`, body: JSON.stringify({ version: 1, validTo: '2026-13' }), status: 400, code: 'request.validation', field: 'validTo' },
      { name: 'bad query', method: 'GET', url: '/api/audit/records?limit=abc', status: 400, code: 'request.validation', field: 'limit' },
      { name: 'oversized body', method: 'POST', url: '/api/identity/users', body: JSON.stringify({ username: 'x5', displayName: 'x'.repeat(2 * 1024 * 1024) }), status: 413, code: 'request.body_too_large' },
      { name: 'wrong content type', method: 'POST', url: '/api/identity/users', body: 'username=x', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'request.unsupported_media_type' },
    ];
    const before = await auditCount();
    for (const c of cases) {
      const res = await t.app.inject({
        method: c.method,
        url: c.url,
        headers: { cookie: admin, ...(c.body !== undefined ? { 'content-type': c.contentType ?? 'application/json' } : {}) },
        ...(c.body !== undefined ? { payload: c.body } : {}),
      });
      assert.equal(res.statusCode, c.status, `${c.name}: ${res.body.slice(0, 200)}`);
      const body = res.json();
      assert.equal(body.code, c.code, c.name);
      assert.equal(typeof body.message, 'string');
      if (c.field) assert.ok(body.details.issues.some((i: { field: string }) => i.field === c.field), `${c.name}: ${JSON.stringify(body.details)}`);
    }
    assert.equal(await auditCount(), before, 'nothing was written');
  });

  test('an unexpected error answers 500 without internals, and the next request is served', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/org/units/00000000-0000-4000-8000-000000000000', headers: { cookie: admin } });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'org.unit_not_found');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
  });

  test('the OpenAPI document describes every module', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const p of ['/api/identity/login', '/api/identity/users', '/api/org/units', '/api/org/map', '/api/audit/verify', '/api/health']) {
      assert.ok(doc.paths[p], p);
    }
    assert.ok(doc.components.schemas.ErrorBody || doc.components.schemas['def-0']);
  });
});
