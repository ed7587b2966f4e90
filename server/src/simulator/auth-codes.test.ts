import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuthCodeStore, parseAuthCodes, serverKey } from './auth-codes';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-codes-'));

test('server key: origin and path, without trailing slashes', () => {
  for (const [given, key] of [
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000'],
    ['HTTP://Example.org:80/guifan//', 'http://example.org/guifan'],
    ['https://[::1]:8443/', 'https://[::1]:8443'],
  ]) assert.equal(serverKey(given!), key, given);
});

test('parse: codes per server; anything else is ignored with a reason', () => {
  assert.deepEqual(parseAuthCodes('{"format":1,"servers":{"http://a":{"1391":"c1","1392":""},"http://b":[],"http://c":{"7":5}}}'), { codes: { 'http://a': { '1391': 'c1' } }, problem: null });
  for (const [text, problem] of [
    ['{"format":1,"servers":{"http://a":', 'not valid JSON'],
    ['null', 'not a format 1 auth code file'],
    ['{"format":2,"servers":{}}', 'not a format 1 auth code file'],
    ['{"format":1,"servers":[]}', 'not a format 1 auth code file'],
  ]) assert.deepEqual(parseAuthCodes(text!), { codes: {}, problem }, text);
});

test('store: a missing file is empty; codes are saved atomically (0600, no temp file left) and read back per server', async () => {
  const dir = tmp();
  try {
    const file = path.join(dir, 'simulator', 'jt808-auth-codes.json');
    const a = await AuthCodeStore.open(file, 'http://127.0.0.1:3000/');
    assert.equal(a.size, 0);
    for (let i = 0; i < 200; i++) a.set(`1390000${i}`, `code${i}`); // coalesced saves
    a.set('13900001', null);
    await a.flush();
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['jt808-auth-codes.json']);
    const again = await AuthCodeStore.open(file, 'http://127.0.0.1:3000');
    assert.equal(again.size, 199);
    assert.equal(again.get('13900000'), 'code0');
    assert.equal(again.get('13900001'), null);
    assert.equal(again.get('1390000199'), 'code199');
    const other = await AuthCodeStore.open(file, 'http://127.0.0.1:4000');
    assert.equal(other.size, 0, 'keyed by server');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('store: two simulators sharing one file keep each other’s codes; a damaged file is a warning and is replaced', async () => {
  const dir = tmp();
  try {
    const file = path.join(dir, 'codes.json');
    const a = await AuthCodeStore.open(file, 'http://a');
    const b = await AuthCodeStore.open(file, 'http://b');
    a.set('1', 'a1');
    await a.flush();
    b.set('1', 'b1');
    await b.flush();
    a.set('2', 'a2');
    await a.flush();
    assert.deepEqual(parseAuthCodes(fs.readFileSync(file, 'utf8')).codes, { 'http://a': { '1': 'a1', '2': 'a2' }, 'http://b': { '1': 'b1' } });

    fs.writeFileSync(file, '{"format":1,"serv');
    const warnings: string[] = [];
    const c = await AuthCodeStore.open(file, 'http://a', (l) => warnings.push(l));
    assert.equal(c.size, 0);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /ignoring the auth code file .*codes\.json \(not valid JSON\)/);
    c.set('3', 'a3');
    await c.flush();
    assert.deepEqual(parseAuthCodes(fs.readFileSync(file, 'utf8')), { codes: { 'http://a': { '3': 'a3' } }, problem: null });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('store: a save that fails is reported once and the run goes on', async () => {
  const dir = tmp();
  try {
    // The parent "directory" is a file: mkdir fails.
    fs.writeFileSync(path.join(dir, 'blocker'), '');
    const warnings: string[] = [];
    const s = await AuthCodeStore.open(path.join(dir, 'blocker', 'codes.json'), 'http://a', (l) => warnings.push(l));
    s.set('1', 'x');
    await s.flush();
    s.set('2', 'y');
    await s.flush();
    assert.equal(s.get('2'), 'y', 'kept in memory');
    // One line for the unreadable file, one for the failed saves (not one per save).
    assert.equal(warnings.length, 2, warnings.join('\n'));
    assert.match(warnings[0]!, /ignoring the auth code file .*ENOTDIR/);
    assert.match(warnings[1]!, /cannot keep the JT\/T 808 auth codes in .*blocker/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
