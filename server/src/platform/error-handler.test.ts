import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { registerErrorHandler, validationIssues } from './error-handler';
import { AppError } from './errors';

test('an unexpected error is a 500 without internals, and the server keeps serving', async () => {
  const app = Fastify({ logger: false });
  registerErrorHandler(app);
  app.get('/boom', async () => {
    throw new Error('secret connection string postgres://x');
  });
  app.get('/expected', async () => {
    throw new AppError(409, 'case.deadline_passed', 'The deadline has passed', { due: '2026-01-01' });
  });
  app.get('/ok', async () => ({ ok: true }));
  const boom = await app.inject({ url: '/boom' });
  assert.equal(boom.statusCode, 500);
  assert.equal(boom.json().code, 'internal.error');
  assert.doesNotMatch(boom.body, /secret|postgres/);
  assert.deepEqual((await app.inject({ url: '/expected' })).json(), { code: 'case.deadline_passed', message: 'The deadline has passed', details: { due: '2026-01-01' } });
  assert.equal((await app.inject({ url: '/ok' })).statusCode, 200);
  assert.equal((await app.inject({ url: '/nope' })).json().code, 'route.not_found');
  await app.close();
});

test('ajv errors become field issues', () => {
  const cases: [Parameters<typeof validationIssues>[0], ReturnType<typeof validationIssues>][] = [
    [[{ instancePath: '/password', message: 'must be string', keyword: 'type', params: { type: 'string' } }], [{ field: 'password', message: 'must be string', code: 'type', params: { type: 'string' } }]],
    [[{ instancePath: '', keyword: 'required', params: { missingProperty: 'name' }, message: "must have required property 'name'" }], [{ field: 'name', message: "must have required property 'name'", code: 'required' }]],
    [[{ instancePath: '/a', keyword: 'additionalProperties', params: { additionalProperty: 'x' } }], [{ field: 'a.x', message: 'unknown field', code: 'unknown' }]],
    [[{ instancePath: '/name', keyword: 'maxLength', params: { limit: 40 }, message: 'must NOT have more than 40 characters' }], [{ field: 'name', message: 'must NOT have more than 40 characters', code: 'too_long', params: { limit: 40 } }]],
    [[{ instancePath: '/name', keyword: 'minLength', params: { limit: 1 }, message: 'must NOT have fewer than 1 characters' }], [{ field: 'name', message: 'must NOT have fewer than 1 characters', code: 'required', params: { limit: 1 } }]],
    [[{ instancePath: '/n', keyword: 'maximum', params: { limit: 5, comparison: '<=' }, message: 'must be <= 5' }], [{ field: 'n', message: 'must be <= 5', code: 'maximum', params: { limit: 5 } }]],
    [[{ instancePath: '/items/2/code', message: 'bad' }], [{ field: 'items.2.code', message: 'bad', code: 'invalid' }]],
  ];
  for (const [input, expected] of cases) assert.deepEqual(validationIssues(input, 'body'), expected);
});
