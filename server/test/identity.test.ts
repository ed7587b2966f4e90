import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, TEST_ADMIN_PASSWORD, UNITS, type TestContext } from './helpers';

describe('identity: sign-in, sessions, passwords', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(() => t.close());

  const login = (username: string, password: string, ip = '10.1.1.1') =>
    t.app.inject({ method: 'POST', url: '/api/identity/login', payload: { username, password }, remoteAddress: ip });

  test('a demo team leader signs in and sees who they are and what they may do', async () => {
    const res = await login('zhuhang.leader', 'guifan-demo');
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'guifan_session');
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    const me = await t.app.inject({ method: 'GET', url: '/api/identity/me', headers: { cookie: `guifan_session=${cookie.value}` } });
    assert.equal(me.statusCode, 200);
    const user = me.json().user;
    assert.equal(user.role, 'team_leader');
    assert.equal(user.orgUnitName, '竹行街道综合执法队');
    assert.ok(user.permissions.includes('identity.users.manage'));
    assert.ok(!user.permissions.includes('audit.verify'));
  });

  test('wrong password and unknown user get the same 401 that does not say which part was wrong', async () => {
    const wrongPw = await login('zhuhang.leader', 'not-the-password', '10.1.2.1');
    const noUser = await login('nobody.here', 'not-the-password', '10.1.2.2');
    assert.equal(wrongPw.statusCode, 401);
    assert.equal(noUser.statusCode, 401);
    assert.deepEqual(wrongPw.json(), noUser.json());
    assert.equal(wrongPw.json().code, 'identity.invalid_credentials');
    assert.equal(wrongPw.cookies.length, 0);
  });

  test('five failures from one address lock that address out of that name only: the rightful user elsewhere still signs in', async () => {
    for (const name of ['xinkai.officer1', 'ghost.user']) {
      for (let i = 0; i < 5; i++) assert.equal((await login(name, `bad-${i}`, '10.2.0.7')).statusCode, 401);
      const locked = await login(name, 'guifan-demo', '10.2.0.7');
      assert.equal(locked.statusCode, 429, name);
      assert.equal(locked.json().code, 'identity.locked');
      assert.ok(locked.json().details.retryAfterSeconds > 0);
      assert.equal(locked.headers['retry-after'], String(locked.json().details.retryAfterSeconds));
    }
    // The victim at another address is not locked out by the attacker.
    assert.equal((await login('xinkai.officer1', 'guifan-demo', '10.2.0.8')).statusCode, 200);
    // After the lock period the attacker's address may try again.
    t.clock.advance(16 * 60_000);
    assert.equal((await login('xinkai.officer1', 'guifan-demo', '10.2.0.7')).statusCode, 200);
  });

  test('a name attacked from many addresses is slowed down, not locked; the admin is never locked out', async () => {
    for (let i = 0; i < 10; i++) assert.equal((await login('admin', `guess-${i}`, `10.3.0.${i}`)).statusCode, 401);
    const slowed = await login('admin', TEST_ADMIN_PASSWORD, '10.3.1.1');
    assert.equal(slowed.statusCode, 429);
    assert.equal(slowed.json().code, 'identity.throttled');
    assert.ok(slowed.json().details.retryAfterSeconds <= 60);
    t.clock.advance(slowed.json().details.retryAfterSeconds * 1000);
    assert.equal((await login('admin', TEST_ADMIN_PASSWORD, '10.3.1.1')).statusCode, 200);
  });

  test('X-Forwarded-For from an untrusted client does not change its address (no walking around the limits)', async () => {
    const res = (i: number, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/identity/login',
        payload: { username: 'xiaohai.leader', password },
        remoteAddress: '10.4.0.1',
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
    for (let i = 0; i < 5; i++) assert.equal((await res(i, 'wrong')).statusCode, 401);
    const locked = await res(99, 'guifan-demo');
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.json().code, 'identity.locked');
  });

  test('unauthenticated and expired sessions get 401', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/org/units' })).json().code, 'identity.unauthenticated');
    const bogus = await t.app.inject({ method: 'GET', url: '/api/identity/me', headers: { cookie: 'guifan_session=forged' } });
    assert.equal(bogus.statusCode, 401);
    const cookie = await t.login('xiaohai.officer1');
    t.clock.advance(13 * 3600_000); // past the 12 h default session lifetime
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/identity/me', headers: { cookie } })).statusCode, 401);
  });

  test('logout ends the session', async () => {
    const cookie = await t.login('zhongxing.officer1');
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/identity/logout', headers: { cookie } })).statusCode, 204);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/identity/me', headers: { cookie } })).statusCode, 401);
  });

  test('password change: wrong current password, weak password, then success ends other sessions', async () => {
    const a = await t.login('wenfeng.officer1');
    const b = await t.login('wenfeng.officer1');
    const change = (cookie: string, currentPassword: string, newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/identity/password', headers: { cookie }, payload: { currentPassword, newPassword } });
    const wrong = await change(a, 'nope', 'a-much-better-pass');
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().code, 'identity.wrong_password');
    assert.deepEqual(wrong.json().details.issues.map((i: { field: string; code: string }) => [i.field, i.code]), [['currentPassword', 'wrong_password']]);
    const weak = await change(a, 'guifan-demo', 'short');
    assert.equal(weak.json().code, 'identity.weak_password');
    assert.equal(weak.json().details.issues[0].field, 'newPassword');
    assert.equal((await change(a, 'guifan-demo', 'a-much-better-pass')).statusCode, 204);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/identity/me', headers: { cookie: a } })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/identity/me', headers: { cookie: b } })).statusCode, 401);
    assert.equal((await login('wenfeng.officer1', 'a-much-better-pass', '10.3.0.1')).statusCode, 200);
  });

  test('a username outside the allowed characters is refused with a code the web translates', async () => {
    const cookie = await t.login('zhuhang.leader');
    const orgUnitId = await t.unitId(UNITS.zhuhang);
    const r = await t.app.inject({ method: 'POST', url: '/api/identity/users', headers: { cookie }, payload: { username: '张 三', displayName: '张三', role: 'officer', orgUnitId, password: 'start-pass-123' } });
    assert.equal(r.statusCode, 400, r.body);
    assert.deepEqual(r.json().details.issues, [{ field: 'username', message: '2-40 letters, digits, dot, dash or underscore', code: 'username_format', params: { min: 2, max: 40 } }]);
  });

  test('passwords are stored as scrypt hashes, never in the clear or in the audit trail', async () => {
    const rows = await t.database.rows<{ password_hash: string }>(sqlHash());
    assert.ok(rows[0]!.password_hash.startsWith('scrypt$'));
    const audit = await t.database.rows<{ n: number }>(sqlAuditMentions());
    assert.equal(Number(audit[0]!.n), 0);
  });
});

import { sql } from 'drizzle-orm';
const sqlHash = () => sql`select password_hash from app_user where username = 'zhuhang.leader'`;
const sqlAuditMentions = () => sql`select count(*)::int as n from audit_record where after::text like '%scrypt$%' or before::text like '%scrypt$%'`;
