import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lockoutState, type LockoutPolicy } from './lockout';
import { hashPassword, passwordProblems, verifyPassword } from './password';

const policy: LockoutPolicy = { windowMs: 15 * 60_000, maxFailuresPerUser: 5, maxFailuresPerIp: 50, lockMs: 15 * 60_000 };
const now = new Date('2026-11-26T12:00:00Z');
const minsAgo = (m: number) => new Date(now.getTime() - m * 60_000);

test('lockout by username: table of histories', () => {
  const cases: { name: string; failures: Date[]; locked: boolean; retry?: number }[] = [
    { name: 'no failures', failures: [], locked: false },
    { name: 'four failures', failures: [4, 3, 2, 1].map(minsAgo), locked: false },
    { name: 'five failures just now', failures: [5, 4, 3, 2, 0].map(minsAgo), locked: true, retry: 10 * 60 },
    { name: 'five failures, first outside window', failures: [16, 4, 3, 2, 1].map(minsAgo), locked: false },
    { name: 'six failures, lock counted from the 2nd', failures: [14, 10, 9, 8, 7, 6].map(minsAgo), locked: true, retry: 5 * 60 },
  ];
  for (const c of cases) {
    const s = lockoutState({ userFailures: c.failures, ipFailures: [] }, now, policy);
    assert.equal(s.locked, c.locked, c.name);
    if (s.locked && c.retry !== undefined) {
      assert.equal(s.retryAfterSeconds, c.retry, c.name);
      assert.equal(s.reason, 'user');
    }
  }
});

test('lockout by address after many failures across names', () => {
  const many = Array.from({ length: 50 }, (_, i) => minsAgo(10 - i * 0.1));
  const s = lockoutState({ userFailures: [], ipFailures: many }, now, policy);
  assert.equal(s.locked, true);
  if (s.locked) assert.equal(s.reason, 'ip');
  assert.equal(lockoutState({ userFailures: [], ipFailures: many.slice(1) }, now, policy).locked, false);
});

test('password policy names every problem', () => {
  const cases: [string, string, string[]][] = [
    ['short', 'zhang', ['too_short']],
    ['zhangsan1', 'Zhangsan1', ['same_as_username']],
    ['aaaaaaaaaa', 'u', ['too_simple']],
    ['12345678', 'u', ['too_simple']],
    ['南通城管执法规范化', 'u', []],
    ['correct-horse', 'u', []],
  ];
  for (const [pw, user, expected] of cases) assert.deepEqual(passwordProblems(pw, user), expected, pw);
});

test('scrypt hash verifies the right password only, salted per hash', async () => {
  const h1 = await hashPassword('正确的密码 pass');
  const h2 = await hashPassword('正确的密码 pass');
  assert.notEqual(h1, h2);
  assert.equal(await verifyPassword('正确的密码 pass', h1), true);
  assert.equal(await verifyPassword('正确的密码 pasS', h1), false);
  assert.equal(await verifyPassword('x', 'not-a-hash'), false);
});
