/**
 * Photos of a public report: what the bytes are (never the name or the browser's type), their size in pixels, and
 * a copy without metadata for the public status page. Phones write where and when a photo was taken, the camera
 * and often the owner's name into it; the copy everyone can see keeps none of that (only the orientation, so the
 * picture is not shown on its side). Pure and bounds-checked: the input is untrusted.
 */
export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

export type PhotoProblem = 'not_image' | 'unsupported_image' | 'broken_image' | 'too_many_pixels';

export type Sniffed = { ok: true; mime: PhotoMime; width: number; height: number } | { ok: false; problem: PhotoProblem; looksLike?: string };

/** Above this the browser of a cheap phone struggles to decode it (and a decompression bomb is refused). */
export const MAX_PIXELS = 50_000_000;

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

/** Other kinds people pick by mistake, named in the refusal. */
function looksLike(b: Buffer): string | undefined {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return 'PDF';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'ZIP/Office';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return 'GIF';
  if (startsWith(b, [0x42, 0x4d])) return 'BMP';
  if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp') {
    const brand = b.toString('latin1', 8, 12);
    return /^hei|^hev|^mif1|^msf1/.test(brand) ? 'HEIC' : 'video';
  }
  return undefined;
}

export function sniffImage(b: Buffer): Sniffed {
  let dims: { width: number; height: number } | null = null;
  let mime: PhotoMime;
  if (startsWith(b, [0xff, 0xd8, 0xff])) {
    mime = 'image/jpeg';
    dims = jpegSize(b);
  } else if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    mime = 'image/png';
    dims = b.length >= 24 && b.toString('latin1', 12, 16) === 'IHDR' ? { width: b.readUInt32BE(16), height: b.readUInt32BE(20) } : null;
  } else if (b.length >= 16 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    mime = 'image/webp';
    dims = webpSize(b);
  } else {
    const kind = looksLike(b);
    return kind && ['GIF', 'BMP', 'HEIC'].includes(kind) ? { ok: false, problem: 'unsupported_image', looksLike: kind } : { ok: false, problem: 'not_image', ...(kind ? { looksLike: kind } : {}) };
  }
  if (!dims || dims.width < 1 || dims.height < 1) return { ok: false, problem: 'broken_image' };
  if (dims.width * dims.height > MAX_PIXELS) return { ok: false, problem: 'too_many_pixels' };
  return { ok: true, mime, ...dims };
}

/** Segments of a JPEG before its image data: [marker, start of the segment (0xFF), end]. */
function* jpegSegments(b: Buffer): Generator<{ marker: number; start: number; end: number }> {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return;
    const marker = b[at + 1] as number;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) {
      yield { marker, start: at, end: b.length };
      return;
    }
    const len = b.readUInt16BE(at + 2);
    if (len < 2 || at + 2 + len > b.length) return;
    yield { marker, start: at, end: at + 2 + len };
    at += 2 + len;
  }
}

function jpegSize(b: Buffer): { width: number; height: number } | null {
  for (const s of jpegSegments(b)) {
    const m = s.marker;
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc && s.end - s.start >= 9) {
      return { height: b.readUInt16BE(s.start + 5), width: b.readUInt16BE(s.start + 7) };
    }
  }
  return null;
}

function webpSize(b: Buffer): { width: number; height: number } | null {
  const kind = b.toString('latin1', 12, 16);
  if (kind === 'VP8X' && b.length >= 30) return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
  if (kind === 'VP8L' && b.length >= 25 && b[20] === 0x2f) {
    const bits = b.readUInt32LE(21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (kind === 'VP8 ' && b.length >= 30 && startsWith(b, [0x9d, 0x01, 0x2a], 23)) return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  return null;
}

/** The EXIF orientation (1–8) of a JPEG, 1 when absent or unreadable. */
export function jpegOrientation(b: Buffer): number {
  for (const s of jpegSegments(b)) {
    if (s.marker !== 0xe1 || b.toString('latin1', s.start + 4, s.start + 10) !== 'Exif\0\0') continue;
    const t = b.subarray(s.start + 10, s.end);
    if (t.length < 8) return 1;
    const le = t.toString('latin1', 0, 2) === 'II';
    const u16 = (o: number) => (o + 2 <= t.length ? (le ? t.readUInt16LE(o) : t.readUInt16BE(o)) : 0);
    const u32 = (o: number) => (o + 4 <= t.length ? (le ? t.readUInt32LE(o) : t.readUInt32BE(o)) : 0);
    const ifd = u32(4);
    const n = Math.min(u16(ifd), 512);
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      if (e + 12 > t.length) break;
      if (u16(e) === 0x0112) {
        const v = u16(e + 8);
        return v >= 1 && v <= 8 ? v : 1;
      }
    }
    return 1;
  }
  return 1;
}

/** A minimal APP1 Exif segment holding only the orientation (big-endian TIFF, one IFD0 entry). */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** APPn segments kept in the public copy: JFIF (APP0), the colour profile (APP2 ICC_PROFILE), Adobe (APP14). */
function keepJpegSegment(b: Buffer, s: { marker: number; start: number }): boolean {
  const m = s.marker;
  if (m === 0xfe) return false; // comment
  if (m < 0xe0 || m > 0xef) return true;
  if (m === 0xe0 || m === 0xee) return true;
  if (m === 0xe2) return b.toString('latin1', s.start + 4, s.start + 16) === 'ICC_PROFILE\0';
  return false;
}

function stripJpeg(b: Buffer): Buffer {
  const parts: Buffer[] = [b.subarray(0, 2)];
  const orientation = jpegOrientation(b);
  let inserted = orientation === 1;
  for (const s of jpegSegments(b)) {
    if (!inserted && s.marker !== 0xe0) {
      parts.push(orientationSegment(orientation));
      inserted = true;
    }
    if (s.marker === 0xda) {
      parts.push(jpegImageData(b, s.start));
      break;
    }
    if (s.marker === 0xd9) {
      parts.push(b.subarray(s.start, s.start + 2));
      break;
    }
    if (keepJpegSegment(b, s)) parts.push(b.subarray(s.start, s.end));
  }
  return Buffer.concat(parts);
}

/**
 * From the first scan to the end-of-image marker, dropping metadata segments met between the scans of a
 * progressive JPEG and everything after EOI (phones append a second, full-metadata picture there, MPF).
 */
function jpegImageData(b: Buffer, from: number): Buffer {
  const out: Buffer[] = [];
  let at = from;
  let chunk = from;
  while (at + 1 < b.length) {
    if (b[at] !== 0xff) {
      at++;
      continue;
    }
    const m = b[at + 1] as number;
    if (m === 0x00 || m === 0xff || (m >= 0xd0 && m <= 0xd7)) {
      at += m === 0xff ? 1 : 2;
      continue;
    }
    if (m === 0xd9) {
      out.push(b.subarray(chunk, at + 2));
      return Buffer.concat(out);
    }
    if (at + 4 > b.length) break;
    const len = b.readUInt16BE(at + 2);
    const end = Math.min(b.length, at + 2 + len);
    if (!keepJpegSegment(b, { marker: m, start: at })) {
      out.push(b.subarray(chunk, at));
      chunk = end;
    }
    // The scan header of the next scan (SOS) and tables are skipped whole; entropy data follows them.
    at = end;
  }
  out.push(b.subarray(chunk));
  return Buffer.concat(out);
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(b: Buffer): Buffer {
  const parts: Buffer[] = [b.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= b.length) {
    const len = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    const end = at + 12 + len;
    if (end > b.length) break;
    if (!PNG_DROP.has(type)) parts.push(b.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(parts);
}

function stripWebp(b: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 12;
  while (at + 8 <= b.length) {
    const type = b.toString('latin1', at, at + 4);
    const len = b.readUInt32LE(at + 4);
    const end = Math.min(b.length, at + 8 + len + (len % 2));
    if (type === 'VP8X') {
      const c = Buffer.from(b.subarray(at, end));
      // Flags: 0x08 EXIF present, 0x04 XMP present.
      c[8] = (c[8] as number) & ~0x0c;
      parts.push(c);
    } else if (type !== 'EXIF' && type !== 'XMP ') parts.push(b.subarray(at, end));
    at = end;
  }
  const body = Buffer.concat(parts);
  const head = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  return Buffer.concat([head, body]);
}

/** The copy the public sees: the same picture without its metadata. */
export function stripMetadata(b: Buffer, mime: PhotoMime): Buffer {
  if (mime === 'image/jpeg') return stripJpeg(b);
  if (mime === 'image/png') return stripPng(b);
  return stripWebp(b);
}
