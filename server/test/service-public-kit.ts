/**
 * What a script needs to use the public report form like a browser: the multipart body, and the answer to the
 * human check read from its SVG (the check stops casual scripts, not this; the abuse limits are the wall). Used by
 * the API test, the browser test and the benchmark.
 */
import crypto from 'node:crypto';

const DIGITS = '零一二三四五六七八九';

/** The question's characters in x order → the answer (七加五等于几？ → 12). */
export function solveChallengeSvg(svg: string): number {
  const chars = [...svg.matchAll(/<text x="([\d.]+)"[^>]*>([^<]+)<\/text>/g)].map((m) => ({ x: Number(m[1]), c: m[2] as string })).sort((a, b) => a.x - b.x);
  const text = chars.map((c) => c.c).join('');
  const m = /^(.)(加|减|乘)(.)等于几？$/.exec(text);
  if (!m) throw new Error(`not a question: ${text}`);
  const a = DIGITS.indexOf(m[1] as string);
  const b = DIGITS.indexOf(m[3] as string);
  return m[2] === '加' ? a + b : m[2] === '减' ? a - b : a * b;
}

export interface FilePart {
  name: string;
  type?: string;
  data: Buffer;
}

/** A multipart/form-data body: text fields first, then files in field "photos" (as the page sends them). */
export function multipartBody(fields: Record<string, string>, files: FilePart[] = [], fileField = 'photos'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----guifan${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const seg = (marker: number, body: Buffer) => {
  const h = Buffer.from([0xff, marker, 0, 0]);
  h.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([h, body]);
};

/**
 * A small JPEG with an EXIF block carrying GPS coordinates and an owner comment (what must not reach the public),
 * its frame header saying `width`×`height`. Not decodable pixels: the server never decodes, it reads the structure.
 */
export function jpegWithGps(width = 64, height = 48): Buffer {
  const t = Buffer.alloc(38);
  t.write('II', 0, 'latin1');
  t.writeUInt16LE(42, 2);
  t.writeUInt32LE(8, 4);
  t.writeUInt16LE(2, 8);
  t.writeUInt16LE(0x0112, 10);
  t.writeUInt16LE(3, 12);
  t.writeUInt32LE(1, 14);
  t.writeUInt16LE(1, 18);
  t.writeUInt16LE(0x8825, 22);
  t.writeUInt16LE(4, 24);
  t.writeUInt32LE(1, 26);
  t.writeUInt32LE(26, 30);
  const exif = seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t, Buffer.from('GPS 32.0N 120.9E', 'latin1')]));
  const sof = Buffer.from([8, 0, 0, 0, 0, 1, 1, 0x11, 0]);
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x02\0\0\x01\0\x01\0\0', 'latin1')),
    exif,
    seg(0xfe, Buffer.from('owner 张三 13812345678', 'utf8')),
    seg(0xc0, sof),
    seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    crypto.randomBytes(32).map((b) => (b === 0xff ? 0x00 : b)),
    Buffer.from([0xff, 0xd9]),
  ]);
}
