// Frame (unescaped, without delimiters) → typed message. Never throws on any input.
import { bcdTimeToDate, bcdToString, decodeGbk, isBcd } from './bytes';
import { checksum } from './framing';
import type {
  AuthBody,
  BatchBody,
  DecodeResult,
  Jt808Error,
  Jt808ErrorCode,
  Jt808Header,
  Jt808Message,
  Location,
  LocationExtras,
  RegisterBody,
} from './types';

export const MSG = {
  TERMINAL_REPLY: 0x0001,
  HEARTBEAT: 0x0002,
  DEREGISTER: 0x0003,
  REGISTER: 0x0100,
  AUTH: 0x0102,
  LOCATION: 0x0200,
  BATCH: 0x0704,
  PLATFORM_REPLY: 0x8001,
  REGISTER_REPLY: 0x8100,
} as const;

/** Minimum 0x0200 body: alarm 4, status 4, lat 4, lon 4, altitude 2, speed 2, course 2, time 6. */
export const LOCATION_BASE_LENGTH = 28;

type HeaderResult = { ok: true; header: Jt808Header; headerLength: number } | { ok: false; error: Jt808Error };

function fail(code: Jt808ErrorCode, message: string, header?: Jt808Header): { ok: false; error: Jt808Error } {
  return { ok: false, error: header ? { code, message, header } : { code, message } };
}

/** Parse the header of an unescaped frame (no checksum check). */
export function decodeHeader(frame: Uint8Array): HeaderResult {
  const buf = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  if (buf.length < 4) return fail('too_short', `frame of ${buf.length} bytes`);
  const id = buf.readUInt16BE(0);
  const props = buf.readUInt16BE(2);
  const bodyLength = props & 0x03ff;
  const encryption = (props >> 10) & 0x07;
  const split = (props & 0x2000) !== 0;
  const v2019 = (props & 0x4000) !== 0;
  const fixed = v2019 ? 17 : 12;
  const headerLength = fixed + (split ? 4 : 0);
  if (buf.length < headerLength) return fail('too_short', `frame of ${buf.length} bytes, header needs ${headerLength}`);
  let off = 4;
  let protocolVersion: number | undefined;
  if (v2019) protocolVersion = buf.readUInt8(off++);
  const phoneLen = v2019 ? 10 : 6;
  const phoneBytes = buf.subarray(off, off + phoneLen);
  // A terminal number with a nibble above 9 cannot be written back in a reply (BCD digits only): refused here so
  // that nothing from such a frame is stored that could never be acknowledged (the terminal would resend forever).
  if (!isBcd(phoneBytes)) return fail('bad_terminal_number', `terminal number ${phoneBytes.toString('hex')} is not decimal BCD`);
  const phone = bcdToString(phoneBytes);
  off += phoneLen;
  const serial = buf.readUInt16BE(off);
  off += 2;
  const header: Jt808Header = { id, bodyLength, encryption, version: v2019 ? '2019' : '2013', phone, serial };
  if (protocolVersion !== undefined) header.protocolVersion = protocolVersion;
  if (split) header.subpackage = { total: buf.readUInt16BE(off), index: buf.readUInt16BE(off + 2) };
  return { ok: true, header, headerLength };
}

/**
 * Decode one frame as returned by FrameReader (unescaped, checksum last, no 0x7E).
 * Order: header, body length vs actual, checksum, then the typed body.
 */
export function decodeMessage(frame: Uint8Array): DecodeResult {
  const h = decodeHeader(frame);
  if (!h.ok) return h;
  const { header, headerLength } = h;
  const expected = headerLength + header.bodyLength + 1;
  if (frame.length !== expected) {
    return fail('bad_length', `body length ${header.bodyLength} declared, frame has ${frame.length - headerLength - 1}`, header);
  }
  const sum = checksum(frame, 0, frame.length - 1);
  if (sum !== frame[frame.length - 1]) {
    return fail('bad_checksum', `checksum 0x${(frame[frame.length - 1] ?? 0).toString(16)} != computed 0x${sum.toString(16)}`, header);
  }
  const body = Buffer.from(frame.subarray(headerLength, frame.length - 1));
  if (header.encryption !== 0) return fail('encrypted', `encrypted body (flags ${header.encryption}) not supported`, header);
  if (header.subpackage) {
    const { total, index } = header.subpackage;
    if (total < 1 || index < 1 || index > total) return fail('bad_body', `subpackage ${index}/${total}`, header);
    return { ok: true, message: { kind: 'fragment', header, body } };
  }
  return decodeBody(header, body);
}

/** Decode a whole body (from a single frame, or reassembled from subpackages) for the given header. */
export function decodeBody(header: Jt808Header, body: Buffer): DecodeResult {
  try {
    return decodeBodyUnsafe(header, body);
  } catch (e) {
    // Belt and braces: every reader below is bounds-checked; a RangeError here means a layout this codec mis-sized.
    return fail('bad_body', `body of 0x${header.id.toString(16).padStart(4, '0')}: ${(e as Error).message}`, header);
  }
}

function decodeBodyUnsafe(header: Jt808Header, body: Buffer): DecodeResult {
  const ok = (message: Jt808Message): DecodeResult => ({ ok: true, message });
  const idHex = `0x${header.id.toString(16).padStart(4, '0')}`;
  switch (header.id) {
    case MSG.HEARTBEAT:
      return ok({ kind: 'heartbeat', header });
    case MSG.DEREGISTER:
      return ok({ kind: 'deregister', header });
    case MSG.TERMINAL_REPLY:
    case MSG.PLATFORM_REPLY: {
      if (body.length < 5) return fail('bad_body', `${idHex} body of ${body.length} bytes, needs 5`, header);
      const b = { replySerial: body.readUInt16BE(0), replyId: body.readUInt16BE(2), result: body.readUInt8(4) };
      return ok(header.id === MSG.TERMINAL_REPLY ? { kind: 'terminalReply', header, body: b } : { kind: 'platformReply', header, body: b });
    }
    case MSG.REGISTER_REPLY: {
      if (body.length < 3) return fail('bad_body', `${idHex} body of ${body.length} bytes, needs 3`, header);
      const result = body.readUInt8(2);
      const r: { replySerial: number; result: number; authCode?: string } = { replySerial: body.readUInt16BE(0), result };
      if (result === 0) r.authCode = decodeGbk(body.subarray(3));
      return ok({ kind: 'registerReply', header, body: r });
    }
    case MSG.REGISTER: {
      const r = decodeRegister(header, body);
      return typeof r === 'string' ? fail('bad_body', r, header) : ok({ kind: 'register', header, body: r });
    }
    case MSG.AUTH: {
      const r = decodeAuth(header, body);
      return typeof r === 'string' ? fail('bad_body', r, header) : ok({ kind: 'auth', header, body: r });
    }
    case MSG.LOCATION: {
      const r = decodeLocation(body);
      if (!r.ok) return fail(r.code, r.message, header);
      return ok({ kind: 'location', header, body: r.location, warnings: r.warnings });
    }
    case MSG.BATCH: {
      const r = decodeBatch(body);
      if (!r.ok) return fail('bad_body', r.message, header);
      return ok({ kind: 'batch', header, body: r.batch, warnings: r.warnings });
    }
    default:
      return ok({ kind: 'unsupported', header, id: header.id, body });
  }
}

function decodeRegister(header: Jt808Header, body: Buffer): RegisterBody | string {
  // 2019: 2+2+11+30+30+1; 2013: 2+2+5+20+7+1; 2011: 2+2+5+8+7+1 (told apart from 2013 by the body length).
  let widths: [number, number, number];
  if (header.version === '2019') widths = [11, 30, 30];
  else if (body.length >= 37) widths = [5, 20, 7];
  else widths = [5, 8, 7];
  const fixed = 4 + widths[0] + widths[1] + widths[2] + 1;
  if (body.length < fixed) return `0x0100 body of ${body.length} bytes, needs at least ${fixed}`;
  let off = 4;
  const field = (n: number): string => {
    const s = decodeGbk(body.subarray(off, off + n));
    off += n;
    return s;
  };
  const manufacturer = field(widths[0]);
  const model = field(widths[1]);
  const terminalId = field(widths[2]);
  const plateColor = body.readUInt8(off++);
  const plate = decodeGbk(body.subarray(off));
  return { province: body.readUInt16BE(0), city: body.readUInt16BE(2), manufacturer, model, terminalId, plateColor, plate };
}

function decodeAuth(header: Jt808Header, body: Buffer): AuthBody | string {
  if (header.version !== '2019') return { authCode: decodeGbk(body) };
  if (body.length < 1) return '0x0102 empty body';
  const n = body.readUInt8(0);
  if (body.length < 1 + n + 15 + 20) return `0x0102 body of ${body.length} bytes, needs ${1 + n + 35}`;
  return {
    authCode: decodeGbk(body.subarray(1, 1 + n)),
    imei: decodeGbk(body.subarray(1 + n, 16 + n)),
    softwareVersion: decodeGbk(body.subarray(16 + n, 36 + n)),
  };
}

export type LocationResult =
  | { ok: true; location: Location; warnings: string[] }
  | { ok: false; code: 'bad_body' | 'bad_time'; message: string };

/** Decode a 0x0200 body (also each 0x0704 item). TLVs never read past the end: a truncated TLV keeps what is complete and warns. */
export function decodeLocation(body: Uint8Array): LocationResult {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (buf.length < LOCATION_BASE_LENGTH) return { ok: false, code: 'bad_body', message: `location body of ${buf.length} bytes, needs ${LOCATION_BASE_LENGTH}` };
  const alarm = buf.readUInt32BE(0);
  const status = buf.readUInt32BE(4);
  const acc = (status & 0x1) !== 0;
  const located = (status & 0x2) !== 0;
  const south = (status & 0x4) !== 0;
  const west = (status & 0x8) !== 0;
  const latRaw = buf.readUInt32BE(8);
  const lonRaw = buf.readUInt32BE(12);
  const time = bcdTimeToDate(buf.subarray(22, 28));
  if (!time) return { ok: false, code: 'bad_time', message: `bad BCD time ${buf.subarray(22, 28).toString('hex')}` };
  const warnings: string[] = [];
  const extras = decodeTlvs(buf.subarray(LOCATION_BASE_LENGTH), warnings);
  const signed = (raw: number, negative: boolean): number => (negative && raw !== 0 ? -raw / 1e6 : raw / 1e6);
  const location: Location = {
    alarm,
    status,
    located,
    south,
    west,
    acc,
    lat: signed(latRaw, south),
    lon: signed(lonRaw, west),
    altitude: buf.readUInt16BE(16),
    speedKmh: buf.readUInt16BE(18) / 10,
    course: buf.readUInt16BE(20),
    time,
    extras,
  };
  if (latRaw > 90e6 || lonRaw > 180e6) warnings.push(`coordinates out of range: ${latRaw}, ${lonRaw}`);
  return { ok: true, location, warnings };
}

function decodeTlvs(data: Buffer, warnings: string[]): LocationExtras {
  const extras: LocationExtras = { raw: [] };
  let off = 0;
  while (off < data.length) {
    if (off + 2 > data.length) {
      warnings.push(`truncated TLV at offset ${off}: 1 byte left`);
      break;
    }
    const id = data.readUInt8(off);
    const len = data.readUInt8(off + 1);
    if (off + 2 + len > data.length) {
      warnings.push(`truncated TLV 0x${id.toString(16).padStart(2, '0')}: length ${len}, ${data.length - off - 2} bytes left`);
      break;
    }
    const v = data.subarray(off + 2, off + 2 + len);
    off += 2 + len;
    extras.raw.push({ id, bytes: v.toString('hex') });
    const want = (n: number): boolean => {
      if (len === n) return true;
      warnings.push(`TLV 0x${id.toString(16).padStart(2, '0')} has length ${len}, expected ${n}`);
      return false;
    };
    switch (id) {
      case 0x01:
        if (want(4)) extras.mileageKm = v.readUInt32BE(0) / 10;
        break;
      case 0x02:
        if (want(2)) extras.fuelL = v.readUInt16BE(0) / 10;
        break;
      case 0x03:
        if (want(2)) extras.speedRecordKmh = v.readUInt16BE(0) / 10;
        break;
      case 0x30:
        if (want(1)) extras.signalStrength = v.readUInt8(0);
        break;
      case 0x31:
        if (want(1)) extras.satellites = v.readUInt8(0);
        break;
      default:
        break;
    }
  }
  return extras;
}

function decodeBatch(body: Buffer): { ok: true; batch: BatchBody; warnings: string[] } | { ok: false; message: string } {
  if (body.length < 3) return { ok: false, message: `0x0704 body of ${body.length} bytes, needs 3` };
  const count = body.readUInt16BE(0);
  const type = body.readUInt8(2);
  const batch: BatchBody = { type, count, locations: [], rejected: [] };
  const warnings: string[] = [];
  let off = 3;
  for (let i = 0; i < count; i++) {
    if (off + 2 > body.length) {
      warnings.push(`0x0704 declares ${count} items, body ends after ${i}`);
      break;
    }
    const len = body.readUInt16BE(off);
    if (off + 2 + len > body.length) {
      warnings.push(`0x0704 item ${i}: length ${len} past the end of the body`);
      break;
    }
    const r = decodeLocation(body.subarray(off + 2, off + 2 + len));
    off += 2 + len;
    if (r.ok) {
      batch.locations.push(r.location);
      for (const w of r.warnings) warnings.push(`item ${i}: ${w}`);
    } else batch.rejected.push({ index: i, error: { code: r.code, message: r.message } });
  }
  if (off < body.length && batch.locations.length + batch.rejected.length === count) warnings.push(`0x0704: ${body.length - off} trailing bytes`);
  return { ok: true, batch, warnings };
}
