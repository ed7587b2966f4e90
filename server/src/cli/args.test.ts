import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOptions, usageLine, UsageError, type OptionSpec } from './args';

const spec: Record<string, OptionSpec> = {
  username: { type: 'string', required: true, description: 'login name', value: 'U' },
  password: { type: 'string', description: 'password', value: 'P' },
  force: { type: 'boolean', description: 'force' },
};

const ok: { args: string[]; expected: Record<string, string | boolean> }[] = [
  { args: ['--username', 'zhang'], expected: { username: 'zhang' } },
  { args: ['--username=zhang', '--password', 'x y z 123'], expected: { username: 'zhang', password: 'x y z 123' } },
  { args: ['--force', '--username', '张三'], expected: { username: '张三', force: true } },
];
for (const c of ok) {
  test(`parseOptions accepts ${c.args.join(' ')}`, () => {
    assert.deepEqual({ ...parseOptions('x', c.args, spec) }, c.expected);
  });
}

const bad: { args: string[]; message: RegExp }[] = [
  { args: [], message: /missing --username/ },
  { args: ['--username'], message: /--username/ },
  { args: ['--username', 'a', '--nope'], message: /Unknown option '--nope'/ },
  { args: ['--username', 'a', 'stray'], message: /unexpected argument "stray"/ },
  { args: ['--username='], message: /missing --username/ },
  { args: ['--force=yes', '--username', 'a'], message: /--force/ },
];
for (const c of bad) {
  test(`parseOptions refuses ${JSON.stringify(c.args)}`, () => {
    assert.throws(() => parseOptions('create-user', c.args, spec), (e: unknown) => e instanceof UsageError && c.message.test(e.message) && e.command === 'create-user');
  });
}

test('usageLine marks optional options', () => {
  assert.equal(usageLine('reset-password', spec), 'guifan reset-password --username U [--password P] [--force]');
});
