// Byte helpers: BCD, GMT+8 BCD time, fixed-width strings, GBK.

/** BCD bytes → digit string. Nibbles above 9 are kept as hex letters (never throws). */
export function bcdToString(data: Uint8Array): string {
  return Buffer.from(data).toString('hex');
}

export function isBcd(data: Uint8Array): boolean {
  for (const b of data) if ((b >> 4) > 9 || (b & 0x0f) > 9) return false;
  return true;
}

/** Digit string → BCD[n], left-padded with zeros. Throws when the digits do not fit. */
export function stringToBcd(digits: string, n: number): Buffer {
  if (!/^[0-9]*$/.test(digits)) throw new RangeError(`not a digit string: ${digits}`);
  if (digits.length > n * 2) throw new RangeError(`${digits} does not fit BCD[${n}]`);
  return Buffer.from(digits.padStart(n * 2, '0'), 'hex');
}

const GMT8_MS = 8 * 3600 * 1000;

/** BCD[6] YYMMDDhhmmss in GMT+8 → UTC Date, or null when not BCD or not a real date. Years are 2000–2099. */
export function bcdTimeToDate(data: Uint8Array): Date | null {
  if (data.length !== 6 || !isBcd(data)) return null;
  const v = (i: number): number => {
    const b = data[i] ?? 0;
    return (b >> 4) * 10 + (b & 0x0f);
  };
  const y = 2000 + v(0), mo = v(1), d = v(2), h = v(3), mi = v(4), s = v(5);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(local).getUTCDate() !== d) return null; // e.g. 31 April
  return new Date(local - GMT8_MS);
}

/** UTC Date → BCD[6] YYMMDDhhmmss in GMT+8. Throws outside 2000–2099 (GMT+8). */
export function dateToBcdTime(date: Date): Buffer {
  const t = new Date(date.getTime() + GMT8_MS);
  const y = t.getUTCFullYear();
  if (!(y >= 2000 && y <= 2099)) throw new RangeError(`time ${date.toISOString()} outside 2000–2099`);
  const parts = [y - 2000, t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()];
  return Buffer.from(parts.map((p) => String(p).padStart(2, '0')).join(''), 'hex');
}

const gbkDecoder = new TextDecoder('gbk');

/** GBK bytes → string, trailing NULs (and trailing spaces) trimmed; stops at the first NUL. */
export function decodeGbk(data: Uint8Array): string {
  let end = data.indexOf(0);
  if (end < 0) end = data.length;
  return gbkDecoder.decode(data.subarray(0, end)).replace(/ +$/, '');
}

let gbkTable: Map<string, number> | null = null;

function gbkMap(): Map<string, number> {
  if (gbkTable) return gbkTable;
  const m = new Map<string, number>();
  const dec = new TextDecoder('gbk', { fatal: false });
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const ch = dec.decode(pair);
      if (ch.length === 1 && ch !== '\ufffd' && !m.has(ch)) m.set(ch, (lead << 8) | trail);
    }
  }
  gbkTable = m;
  return m;
}

/** String → GBK bytes (table built lazily from the platform's GBK decoder). Throws on a character GBK lacks. */
export function encodeGbk(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    const code = gbkMap().get(ch);
    if (code === undefined) throw new RangeError(`character ${ch} has no GBK encoding`);
    out.push(code >> 8, code & 0xff);
  }
  return Buffer.from(out);
}

/** Fixed-width field: GBK text right-padded with 0x00. Throws when too long. */
export function fixedGbk(text: string, n: number): Buffer {
  const b = encodeGbk(text);
  if (b.length > n) throw new RangeError(`"${text}" longer than ${n} bytes`);
  const out = Buffer.alloc(n);
  b.copy(out);
  return out;
}
