import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { BlobCorruptedError, BlobTooLargeError, createFsBlobStore, sniffMatches } from './blob-store';

test('content-addressed store: put, dedupe, verified read, size limit leaves nothing, corruption detected', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-blobs-'));
  const store = createFsBlobStore(root);
  const data = Buffer.from('现场照片 bytes');
  const sha = crypto.createHash('sha256').update(data).digest('hex');
  assert.deepEqual(await store.put(Readable.from([data]), 1000), { sha256: sha, sizeBytes: data.length });
  assert.deepEqual(await store.put(Readable.from([data]), 1000), { sha256: sha, sizeBytes: data.length });
  assert.deepEqual(await store.getVerified(sha), data);
  await assert.rejects(store.put(Readable.from([Buffer.alloc(2000)]), 1000), BlobTooLargeError);
  assert.deepEqual(fs.readdirSync(path.join(root, 'tmp')), []);
  fs.writeFileSync(path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha), 'tampered');
  await assert.rejects(store.getVerified(sha), BlobCorruptedError);
  fs.rmSync(root, { recursive: true, force: true });
});

test('type sniffing: table of heads', () => {
  const cases: [string, Buffer, boolean][] = [
    ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), true],
    ['image/jpeg', Buffer.from('MZ\x90\x00'), false],
    ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]), true],
    ['application/pdf', Buffer.from('%PDF-1.7'), true],
    ['application/pdf', Buffer.from('<html>'), false],
    ['text/plain', Buffer.from('hello'), true],
    ['text/plain', Buffer.from([0x41, 0x00]), false],
    ['application/x-msdownload', Buffer.from('MZ'), false],
  ];
  for (const [mime, head, ok] of cases) assert.equal(sniffMatches(mime, head), ok, mime);
});
