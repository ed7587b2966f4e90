import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameReader } from './frame-reader';

async function* chunks(parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
}

/** Reads lines; a line "bytes:N" is followed by N raw bytes (read as hex) and a newline. */
async function read(parts: (string | Buffer)[]): Promise<string[]> {
  const r = new FrameReader(chunks(parts)[Symbol.asyncIterator]());
  const out: string[] = [];
  for (;;) {
    const l = await r.line();
    if (l === null) return out;
    out.push(l);
    const m = /^bytes:(\d+)$/.exec(l);
    if (m) {
      const got: Buffer[] = [];
      const n = await r.bytes(Number(m[1]), (b) => void got.push(Buffer.from(b)));
      out.push(`${n}:${Buffer.concat(got).toString('hex')}`);
    }
  }
}

const cases: { name: string; parts: (string | Buffer)[]; lines: string[] }[] = [
  { name: 'lines in one chunk', parts: ['a\nb\n'], lines: ['a', 'b'] },
  { name: 'a line across three chunks', parts: ['{"ta', 'ble":', '"x"}\nz\n'], lines: ['{"table":"x"}', 'z'] },
  { name: 'an unterminated last line is returned', parts: ['a\nlast'], lines: ['a', 'last'] },
  { name: 'empty lines are lines', parts: ['\n\na\n'], lines: ['', '', 'a'] },
  { name: 'empty chunks are skipped', parts: ['', 'a', '', '\n'], lines: ['a'] },
  { name: 'a multi-byte character split between chunks', parts: [Buffer.from([0xe5, 0x9f]), Buffer.from([0x8e, 0x0a])], lines: ['城'] },
  { name: 'raw bytes with newlines and zeros, then a line', parts: ['bytes:4\n', Buffer.from([0x0a, 0x00]), Buffer.from([0xff, 0x0a, 0x0a]), 'next\n'], lines: ['bytes:4', '4:0a00ff0a', '', 'next'] },
  { name: 'raw bytes cut short report how many there were', parts: ['bytes:9\nabc'], lines: ['bytes:9', '3:616263'] },
  { name: 'zero raw bytes', parts: ['bytes:0\n\nx\n'], lines: ['bytes:0', '0:', '', 'x'] },
  { name: 'nothing at all', parts: [], lines: [] },
];

for (const c of cases) {
  test(`FrameReader: ${c.name}`, async () => assert.deepEqual(await read(c.parts), c.lines));
}
