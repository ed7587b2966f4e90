/**
 * A small, pure EXIF reader for JPEG photos: the APP1 `Exif` segment's TIFF structure, IFD0 (DateTime), the Exif
 * sub-IFD (DateTimeOriginal, OffsetTimeOriginal) and the GPS IFD (latitude, longitude). It never throws: a photo
 * with broken or hostile metadata simply gives nulls (every offset is bounds-checked, IFD loops are bounded).
 * Written here rather than pulled in because only these few tags are needed and the input is untrusted.
 */
export interface ExifFacts {
  /** When the photo was taken, ISO 8601 with its offset (camera time without offset is taken as Asia/Shanghai). */
  takenAt: string | null;
  lat: number | null;
  lon: number | null;
}

const NONE: ExifFacts = { takenAt: null, lat: null, lon: null };
const MAX_ENTRIES = 512;

const TAG = {
  dateTime: 0x0132,
  exifIfd: 0x8769,
  gpsIfd: 0x8825,
  dateTimeOriginal: 0x9003,
  offsetTimeOriginal: 0x9011,
  gpsLatRef: 0x0001,
  gpsLat: 0x0002,
  gpsLonRef: 0x0003,
  gpsLon: 0x0004,
} as const;

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

interface Entry {
  type: number;
  count: number;
  /** Offset in the TIFF block of the value (inline values point into the entry itself). */
  at: number;
}

class Tiff {
  constructor(
    private readonly b: Buffer,
    private readonly le: boolean,
  ) {}
  ok = (at: number, n: number) => at >= 0 && n >= 0 && at + n <= this.b.length;
  u16 = (at: number) => (this.le ? this.b.readUInt16LE(at) : this.b.readUInt16BE(at));
  u32 = (at: number) => (this.le ? this.b.readUInt32LE(at) : this.b.readUInt32BE(at));

  ifd(offset: number): Map<number, Entry> {
    const out = new Map<number, Entry>();
    if (!this.ok(offset, 2)) return out;
    const n = Math.min(this.u16(offset), MAX_ENTRIES);
    for (let i = 0; i < n; i++) {
      const e = offset + 2 + i * 12;
      if (!this.ok(e, 12)) break;
      const type = this.u16(e + 2);
      const count = this.u32(e + 4);
      const size = (TYPE_SIZE[type] ?? 0) * count;
      const at = size <= 4 ? e + 8 : this.u32(e + 8);
      if (size === 0 || !this.ok(at, size)) continue;
      out.set(this.u16(e), { type, count, at });
    }
    return out;
  }

  ascii(e: Entry | undefined): string | null {
    if (!e || e.type !== 2) return null;
    return this.b.subarray(e.at, e.at + e.count).toString('latin1').replace(/\0.*$/s, '').trim() || null;
  }

  /** Three RATIONALs (degrees, minutes, seconds) as decimal degrees. */
  dms(e: Entry | undefined): number | null {
    if (!e || e.type !== 5 || e.count < 3) return null;
    let deg = 0;
    for (let i = 0; i < 3; i++) {
      const num = this.u32(e.at + i * 8);
      const den = this.u32(e.at + i * 8 + 4);
      if (den === 0) return null;
      deg += num / den / 60 ** i;
    }
    return deg;
  }

  long(e: Entry | undefined): number | null {
    if (!e || e.count < 1) return null;
    if (e.type === 4) return this.u32(e.at);
    if (e.type === 3) return this.u16(e.at);
    return null;
  }
}

/** The TIFF block of a JPEG's APP1 Exif segment, or null. */
export function exifBlock(jpeg: Buffer): Buffer | null {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) return null;
    const marker = jpeg[at + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      at += marker === 0xff ? 1 : 2;
      continue;
    }
    // Start of scan or end of image: metadata segments come before the image data.
    if (marker === 0xda || marker === 0xd9) return null;
    const len = jpeg.readUInt16BE(at + 2);
    if (len < 2 || at + 2 + len > jpeg.length) return null;
    const body = jpeg.subarray(at + 4, at + 2 + len);
    if (marker === 0xe1 && body.length >= 14 && body.subarray(0, 6).toString('latin1') === 'Exif\0\0') return body.subarray(6);
    at += 2 + len;
  }
  return null;
}

/** `YYYY:MM:DD HH:MM:SS` (+ optional `±HH:MM`) → ISO 8601 with offset; null when not a real date and time. */
export function exifDateTime(value: string | null, offset: string | null): string | null {
  const m = value ? /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value) : null;
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const check = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (y < 1900 || check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  const off = offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '+08:00';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${off}`;
}

export function readExif(file: Buffer): ExifFacts {
  try {
    const block = exifBlock(file);
    if (!block || block.length < 8) return NONE;
    const order = block.subarray(0, 2).toString('latin1');
    if (order !== 'II' && order !== 'MM') return NONE;
    const t = new Tiff(block, order === 'II');
    if (t.u16(2) !== 42) return NONE;
    const ifd0 = t.ifd(t.u32(4));
    const exifAt = t.long(ifd0.get(TAG.exifIfd));
    const exif = exifAt !== null ? t.ifd(exifAt) : new Map<number, Entry>();
    const takenAt =
      exifDateTime(t.ascii(exif.get(TAG.dateTimeOriginal)), t.ascii(exif.get(TAG.offsetTimeOriginal))) ?? exifDateTime(t.ascii(ifd0.get(TAG.dateTime)), null);
    let lat: number | null = null;
    let lon: number | null = null;
    const gpsAt = t.long(ifd0.get(TAG.gpsIfd));
    if (gpsAt !== null) {
      const gps = t.ifd(gpsAt);
      const la = t.dms(gps.get(TAG.gpsLat));
      const lo = t.dms(gps.get(TAG.gpsLon));
      const laRef = t.ascii(gps.get(TAG.gpsLatRef));
      const loRef = t.ascii(gps.get(TAG.gpsLonRef));
      // A position counts only whole: both coordinates, their hemispheres, and within range.
      if (la !== null && lo !== null && (laRef === 'N' || laRef === 'S') && (loRef === 'E' || loRef === 'W') && la <= 90 && lo <= 180) {
        lat = Math.round((laRef === 'S' ? -la : la) * 1e7) / 1e7;
        lon = Math.round((loRef === 'W' ? -lo : lo) * 1e7) / 1e7;
      }
    }
    return { takenAt, lat, lon };
  } catch {
    return NONE;
  }
}
