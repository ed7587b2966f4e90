/** Hand-built EXIF fixtures (TIFF blocks inside JPEGs) for the reader's table tests and the API tests. */
/** One IFD entry to write: tag, type and raw value bytes (in the block's byte order). */
export interface E {
  tag: number;
  type: number;
  count: number;
  value: Buffer;
}

/**
 * Builds a TIFF block by hand: IFD0, then an Exif IFD and a GPS IFD when given, values longer than 4 bytes after
 * each IFD. Offsets are relative to the start of the TIFF header, as EXIF says.
 */
export function tiff(le: boolean, ifd0: E[], exif: E[] | null, gps: E[] | null): Buffer {
  const u16 = (n: number) => {
    const b = Buffer.alloc(2);
    if (le) b.writeUInt16LE(n);
    else b.writeUInt16BE(n);
    return b;
  };
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    if (le) b.writeUInt32LE(n);
    else b.writeUInt32BE(n);
    return b;
  };
  const size = (entries: E[]) => 2 + entries.length * 12 + 4 + entries.reduce((s, e) => s + (e.value.length > 4 ? e.value.length : 0), 0);
  const ifd0Entries = [...ifd0];
  // Pointers get placeholders first so IFD0's size is known.
  if (exif) ifd0Entries.push({ tag: 0x8769, type: 4, count: 1, value: u32(0) });
  if (gps) ifd0Entries.push({ tag: 0x8825, type: 4, count: 1, value: u32(0) });
  const at0 = 8;
  const atExif = at0 + size(ifd0Entries);
  const atGps = atExif + (exif ? size(exif) : 0);
  for (const e of ifd0Entries) {
    if (e.tag === 0x8769) e.value = u32(atExif);
    if (e.tag === 0x8825) e.value = u32(atGps);
  }
  const write = (entries: E[], at: number) => {
    let data = at + 2 + entries.length * 12 + 4;
    const head: Buffer[] = [u16(entries.length)];
    const tail: Buffer[] = [];
    for (const e of entries) {
      let v = e.value;
      if (v.length > 4) {
        tail.push(v);
        v = u32(data);
        data += e.value.length;
      }
      head.push(u16(e.tag), u16(e.type), u32(e.count), Buffer.concat([v, Buffer.alloc(4 - v.length)]));
    }
    return Buffer.concat([...head, u32(0), ...tail]);
  };
  return Buffer.concat([Buffer.from(le ? 'II' : 'MM', 'latin1'), u16(42), u32(8), write(ifd0Entries, at0), exif ? write(exif, atExif) : Buffer.alloc(0), gps ? write(gps, atGps) : Buffer.alloc(0)]);
}

const ascii = (s: string): E['value'] => Buffer.from(`${s}\0`, 'latin1');
export const asc = (tag: number, s: string): E => ({ tag, type: 2, count: s.length + 1, value: ascii(s) });
function rationals(le: boolean, parts: [number, number][]): Buffer {
  const b = Buffer.alloc(parts.length * 8);
  parts.forEach(([n, d], i) => {
    if (le) {
      b.writeUInt32LE(n, i * 8);
      b.writeUInt32LE(d, i * 8 + 4);
    } else {
      b.writeUInt32BE(n, i * 8);
      b.writeUInt32BE(d, i * 8 + 4);
    }
  });
  return b;
}
export const dms = (le: boolean, tag: number, parts: [number, number][]): E => ({ tag, type: 5, count: parts.length, value: rationals(le, parts) });

/** A JPEG: SOI, an APP0 (JFIF) to skip, APP1 Exif with the block, a scan, EOI. */
export function jpegWithExif(block: Buffer | null): Buffer {
  const seg = (marker: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), Buffer.from([(body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    ...(block ? [seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), block]))] : []),
    seg(0xda, Buffer.from([0, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0xd9]),
  ]);
}

/** 南通 (32°0′36″N, 120°51′54.6″E) as the camera writes it. */
export const gpsOf = (le: boolean, latRef = 'N', lonRef = 'E') => [asc(1, latRef), dms(le, 2, [[32, 1], [0, 1], [36, 1]]), asc(3, lonRef), dms(le, 4, [[120, 1], [51, 1], [546, 10]])];

