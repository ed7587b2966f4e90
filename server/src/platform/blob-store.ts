import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';

/**
 * Content-addressed file storage: a file is stored once under its SHA-256. The interface is small so
 * that an S3-compatible store can implement it later; the file system one lives under the data dir.
 */
export interface BlobStore {
  /** Streams `input` in, hashing as it goes; refuses more than `maxBytes`. Nothing is left behind on failure. */
  put(input: Readable, maxBytes: number): Promise<{ sha256: string; sizeBytes: number }>;
  /** Reads a blob after re-hashing it: a file whose bytes no longer match its name is reported, never served. */
  getVerified(sha256: string): Promise<Buffer>;
  exists(sha256: string): Promise<boolean>;
}

export class BlobTooLargeError extends Error {}
export class BlobCorruptedError extends Error {}
export class BlobMissingError extends Error {}

/** A blob's name: the lowercase hex SHA-256 of its bytes (also what keeps a name from being a path). */
export const BLOB_NAME = /^[0-9a-f]{64}$/;

/** Where the file system store keeps a blob: `<root>/ab/cd/abcd…` (two fan-out levels). */
export function blobPath(root: string, sha256: string): string {
  return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/**
 * Every blob of a file system store, in name order, one directory read at a time (so a large store
 * is never listed into memory at once). Anything that is not a blob in its place (the `tmp` folder
 * of unfinished uploads, stray files) is skipped.
 */
export async function* listFsBlobs(root: string): AsyncGenerator<{ sha256: string; path: string; sizeBytes: number }> {
  const dirs = async (dir: string, re: RegExp): Promise<string[]> => {
    try {
      return (await fs.promises.readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() && re.test(e.name)).map((e) => e.name).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  };
  for (const a of await dirs(root, /^[0-9a-f]{2}$/)) {
    for (const b of await dirs(path.join(root, a), /^[0-9a-f]{2}$/)) {
      const dir = path.join(root, a, b);
      const files = (await fs.promises.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && BLOB_NAME.test(e.name) && e.name.startsWith(a + b)).map((e) => e.name).sort();
      for (const name of files) {
        const p = path.join(dir, name);
        yield { sha256: name, path: p, sizeBytes: (await fs.promises.stat(p)).size };
      }
    }
  }
}

/** SHA-256 of a file, streamed. */
export async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function createFsBlobStore(root: string): BlobStore {
  const pathOf = (sha: string) => blobPath(root, sha);
  const tmpDir = path.join(root, 'tmp');
  return {
    async put(input, maxBytes) {
      fs.mkdirSync(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${process.pid}-${crypto.randomBytes(8).toString('hex')}`);
      const hash = crypto.createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          if (size > maxBytes) return cb(new BlobTooLargeError(`larger than ${maxBytes} bytes`));
          hash.update(chunk);
          cb(null, chunk);
        },
      });
      try {
        await pipeline(input, meter, fs.createWriteStream(tmp));
        // Multipart streams mark an over-limit file as truncated instead of failing.
        if ((input as Readable & { truncated?: boolean }).truncated) throw new BlobTooLargeError(`larger than ${maxBytes} bytes`);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw e;
      }
      const sha256 = hash.digest('hex');
      const dest = pathOf(sha256);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      if (fs.existsSync(dest)) fs.rmSync(tmp, { force: true });
      else fs.renameSync(tmp, dest);
      return { sha256, sizeBytes: size };
    },
    async getVerified(sha256) {
      const p = pathOf(sha256);
      if (!fs.existsSync(p)) throw new BlobMissingError(`blob ${sha256} is missing`);
      const data = await fs.promises.readFile(p);
      const actual = crypto.createHash('sha256').update(data).digest('hex');
      if (actual !== sha256) throw new BlobCorruptedError(`blob ${sha256} is corrupted (content hash ${actual})`);
      return data;
    },
    async exists(sha256) {
      return fs.existsSync(pathOf(sha256));
    },
  };
}

/** Evidence file types accepted, by declared MIME type and file extension (both must agree). */
export const EVIDENCE_TYPES: Record<string, string[]> = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
  'application/pdf': ['.pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'video/mp4': ['.mp4'],
  'text/plain': ['.txt'],
};

/** Checks the file's first bytes against its declared type, so a renamed executable is not accepted as a photo. */
export function sniffMatches(mime: string, head: Buffer): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  switch (mime) {
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47);
    case 'image/webp':
      return head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP';
    case 'application/pdf':
      return head.subarray(0, 4).toString('latin1') === '%PDF';
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
      return starts(0x50, 0x4b, 0x03, 0x04);
    case 'video/mp4':
      return head.subarray(4, 8).toString('latin1') === 'ftyp';
    case 'text/plain':
      return !head.includes(0);
    default:
      return false;
  }
}
