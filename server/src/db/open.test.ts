import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { acquireDataDirLock, DatabaseInUseError } from './open';

test('the data-dir lock: taken, refused to a live holder, released, stale lock taken over', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-lock-'));
  const lock = path.join(dir, 'pglite.lock');
  const release = acquireDataDirLock(lock);
  assert.equal(fs.readFileSync(lock, 'utf8'), String(process.pid));
  release();
  assert.equal(fs.existsSync(lock), false);

  // A live other process holds it.
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
  try {
    fs.writeFileSync(lock, String(child.pid));
    assert.throws(() => acquireDataDirLock(lock), (e: unknown) => e instanceof DatabaseInUseError && e.message.includes(String(child.pid)));
  } finally {
    child.kill();
  }
  await new Promise((r) => child.once('exit', r));
  // Its owner is gone: the lock is stale and taken over.
  const again = acquireDataDirLock(lock);
  assert.equal(fs.readFileSync(lock, 'utf8'), String(process.pid));
  again();
  fs.rmSync(dir, { recursive: true, force: true });
});
