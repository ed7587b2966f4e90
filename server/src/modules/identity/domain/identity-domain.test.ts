import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lockoutState, type LockoutPolicy } from './lockout';
import { hashPassword, passwordProblems, verifyPassword } from './password';

const policy: LockoutPolicy = {
  windowMs: 15 * 60_000,
  maxFailuresPerUserAddress: 5,
  lockMs: 15 * 60_000,
  userSlowdownAfter: 10,
  addressSlowdownAfter: 30,
  slowdownBaseMs: 1000,
  slowdownMaxMs: 60_000,
};
const now = new Date('2026-11-26T12:00:00Z');
const minsAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const secsAgo = (s: number) => new Date(now.getTime() - s * 1000);
const from = (ip: string) => (at: Date) => ({ at, ip });

test('lockout of a (username, address) pair: table of histories', () => {
  const cases: { name: string; failures: { at: Date; ip: string }[]; locked: boolean; retry?: number }[] = [
    { name: 'no failures', failures: [], locked: false },
    { name: 'four failures', failures: [4, 3, 2, 1].map(minsAgo).map(from('a')), locked: false },
    { name: 'five failures just now', failures: [5, 4, 3, 2, 0].map(minsAgo).map(from('a')), locked: true, retry: 10 * 60 },
    { name: 'five failures, first outside window', failures: [16, 4, 3, 2, 1].map(minsAgo).map(from('a')), locked: false },
    { name: 'six failures, lock counted from the 2nd', failures: [14, 10, 9, 8, 7, 6].map(minsAgo).map(from('a')), locked: true, retry: 5 * 60 },
    // The attacker at address b locked himself; the rightful user at address a is not locked.
    { name: 'five failures from another address', failures: [5, 4, 3, 2, 0].map(minsAgo).map(from('b')), locked: false },
  ];
  for (const c of cases) {
    const s = lockoutState({ userFailures: c.failures, addressFailures: [], ip: 'a' }, now, policy);
    assert.equal(s.locked, c.locked, c.name);
    if (s.locked && c.retry !== undefined) {
      assert.equal(s.retryAfterSeconds, c.retry, c.name);
      assert.equal(s.reason, 'user_address');
    }
  }
});

test('a username attacked from many addresses is slowed down progressively, never locked', () => {
  const spread = (n: number, lastSecsAgo: number) =>
    Array.from({ length: n }, (_, i) => ({ at: secsAgo(lastSecsAgo + (n - 1 - i) * 5), ip: `10.0.0.${i}` }));
  const cases: { name: string; failures: { at: Date; ip: string }[]; retry: number | null }[] = [
    { name: 'nine failures: no delay', failures: spread(9, 0), retry: null },
    { name: 'tenth failure just now: wait 1 s', failures: spread(10, 0), retry: 1 },
    { name: 'twelve failures: 4 s after the last', failures: spread(12, 0), retry: 4 },
    { name: 'twelve failures, last 3 s ago: 1 s left', failures: spread(12, 3), retry: 1 },
    { name: 'twelve failures, last 5 s ago: allowed', failures: spread(12, 5), retry: null },
    { name: 'forty failures: capped at 60 s', failures: spread(40, 0), retry: 60 },
  ];
  for (const c of cases) {
    const s = lockoutState({ userFailures: c.failures, addressFailures: [], ip: '192.0.2.1' }, now, policy);
    if (c.retry === null) assert.equal(s.locked, false, c.name);
    else {
      assert.equal(s.locked, true, c.name);
      if (s.locked) {
        assert.equal(s.reason, 'user_slowdown', c.name);
        assert.equal(s.retryAfterSeconds, c.retry, c.name);
      }
    }
  }
});

test('an address guessing many names is slowed down, not locked', () => {
  const many = Array.from({ length: 30 }, (_, i) => secsAgo(60 - i * 2));
  const s = lockoutState({ userFailures: [], addressFailures: many, ip: 'x' }, now, policy);
  assert.equal(s.locked, false, 'last failure 2 s ago, delay 1 s: allowed');
  const justNow = [...many.slice(1), now];
  const t = lockoutState({ userFailures: [], addressFailures: justNow, ip: 'x' }, now, policy);
  assert.equal(t.locked, true);
  if (t.locked) assert.equal(t.reason, 'address_slowdown');
  assert.equal(lockoutState({ userFailures: [], addressFailures: justNow.slice(1), ip: 'x' }, now, policy).locked, false);
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
