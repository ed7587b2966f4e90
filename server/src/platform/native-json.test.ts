import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { Type } from 'typebox';
import { registerErrorHandler } from './error-handler';
import { nativeJsonAnswer } from './native-json';

const Row = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    note: Type.Union([Type.String(), Type.Null()]),
    kind: Type.Unsafe<'a' | 'b'>(Type.String({ enum: ['a', 'b'] })),
    version: Type.Integer(),
    lon: Type.Union([Type.Number(), Type.Null()]),
    ok: Type.Boolean(),
    hint: Type.Optional(Type.String()),
    actions: Type.Array(Type.String()),
  },
  { $id: 'TestRow' },
);
const List = Type.Object({ items: Type.Array(Type.Ref('TestRow')), actions: Type.Array(Type.String()), kind: Type.Literal('list') });
const row = { id: 'u1', name: '南通市城市管理局 "引号" \\ 换行\n', note: null, kind: 'a', version: 3, lon: 120.86, ok: true, actions: ['update'] } as const;
const list = () => ({ items: [{ ...row }, { ...row, id: 'u2', note: '备注', lon: null, hint: 'x', actions: [] }], actions: ['create'], kind: 'list' as const });

test('native JSON answer: a value is refused wherever it leaves the schema', () => {
  const answer = nativeJsonAnswer(List, [Row]);
  assert.equal(answer.problem(list()), null);
  const cases: Array<[string, (v: ReturnType<typeof list> & Record<string, unknown>) => void, string]> = [
    ['a property outside the schema at the root', (v) => (v.passwordHash = 'x'), 'passwordHash: not in the schema'],
    ['a property outside the schema in a row (through $ref)', (v) => Object.assign(v.items[1]!, { passwordHash: 'x' }), 'items.1.passwordHash: not in the schema'],
    ['a property outside the schema even when undefined', (v) => Object.assign(v.items[0]!, { secret: undefined }), 'items.0.secret: not in the schema'],
    ['an inherited enumerable property', (v) => (v.items[0] = Object.assign(Object.create({ inherited: 1 }) as object, row)), 'items.0.inherited: not in the schema'],
    ['a required property missing', (v) => Reflect.deleteProperty(v.items[0]!, 'name'), 'items.0.name: required but missing'],
    ['a number for a string', (v) => Object.assign(v.items[0]!, { id: 1 }), 'items.0.id: not a string'],
    ['a Date for a string', (v) => Object.assign(v.items[0]!, { name: new Date() }), 'items.0.name: not a string'],
    ['a fraction for an integer', (v) => Object.assign(v.items[0]!, { version: 1.5 }), 'items.0.version: not an integer'],
    ['NaN for a number', (v) => Object.assign(v.items[0]!, { lon: NaN }), 'items.0.lon: not a finite number'],
    ['a value outside the enum', (v) => Object.assign(v.items[0]!, { kind: 'c' }), 'items.0.kind: not one of the declared values'],
    ['a value other than the const', (v) => (v.kind = 'other' as 'list'), 'kind: not one of the declared values'],
    ['an object where an array is declared', (v) => Object.assign(v.items[1]!, { actions: { 0: 'update' } }), 'items.1.actions: not an array'],
    ['an object inside an array of strings', (v) => v.actions.push({} as string), 'actions.1: not a string'],
    ['a string for a boolean', (v) => Object.assign(v.items[0]!, { ok: 'true' }), 'items.0.ok: not a boolean'],
    ['an array at the root', () => undefined, '(root): not an object'],
  ];
  for (const [name, change, expected] of cases) {
    const v = list() as ReturnType<typeof list> & Record<string, unknown>;
    change(v);
    assert.equal(answer.problem(name === 'an array at the root' ? [v] : v), expected, name);
  }
});

test('native JSON answer: schemas it cannot check fully are refused when the route is set up', () => {
  assert.throws(() => nativeJsonAnswer(Type.Object({ a: Type.Unknown() })), /not supported/);
  assert.throws(() => nativeJsonAnswer(Type.Object({ a: Type.String() }, { additionalProperties: true })), /declare all its properties/);
  assert.throws(() => nativeJsonAnswer(Type.Record(Type.String(), Type.String())), /not supported/);
  assert.throws(() => nativeJsonAnswer(Type.Object({ a: Type.Ref('Missing') })), /unknown \$ref/);
  // A property name is data in the generated check, never code.
  const odd = nativeJsonAnswer(Type.Object({ "a'); throw 1; ('": Type.String(), 'b\\"\n': Type.Integer() }));
  assert.equal(odd.problem({ "a'); throw 1; ('": 'x', 'b\\"\n': 2 }), null);
  assert.equal(odd.problem({ "a'); throw 1; ('": 'x' }), 'b\\"\n: required but missing');
});

test('native JSON answer: sent as the schema serializer would send it; a stray property is a 500 that sends nothing of the body', async () => {
  const answer = nativeJsonAnswer(List, [Row]);
  const app = Fastify({ logger: false });
  registerErrorHandler(app);
  app.addSchema(Row);
  let body: Record<string, unknown> = list();
  app.get('/schema', { schema: { response: { 200: List } } }, async () => list());
  app.get('/native', { schema: { response: { 200: List } } }, async (_req, reply) => answer.send(reply, body as ReturnType<typeof list>));
  await app.ready();
  const viaSchema = await app.inject({ method: 'GET', url: '/schema' });
  const native = await app.inject({ method: 'GET', url: '/native' });
  assert.equal(native.statusCode, 200);
  assert.equal(native.headers['content-type'], viaSchema.headers['content-type']);
  assert.equal(native.body, viaSchema.body);
  assert.deepEqual(native.json(), list());

  body = { ...list(), items: [{ ...row, passwordHash: 'scrypt$SECRET' }] };
  const leaked = await app.inject({ method: 'GET', url: '/native' });
  assert.equal(leaked.statusCode, 500);
  assert.equal(leaked.json().code, 'internal.error');
  assert.doesNotMatch(leaked.body, /SECRET|passwordHash|南通/);
  await app.close();
});
