// Typed message → full frames (7E + escaped header/body/checksum + 7E).
// Encoders throw RangeError on inputs that cannot be represented (programming errors, not wire errors).
import { dateToBcdTime, encodeGbk, fixedGbk, stringToBcd } from './bytes';
import { MSG } from './decode';
import { checksum, wrapFrame } from './framing';
import type { AuthBody, Jt808Version, Location, LocationExtras, RegisterBody } from './types';

export const MAX_BODY_LENGTH = 0x3ff;

export interface HeaderInput {
  phone: string;
  version: Jt808Version;
  /** 2019 protocol version byte; default 1. */
  protocolVersion?: number;
  serial: number;
  subpackage?: { total: number; index: number };
}

function u16(n: number): Buffer {
  const b = Buffer.allocUnsafe(2);
  b.writeUInt16BE(n & 0xffff);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** Build one frame (header + body + checksum, escaped, delimited). */
export function encodeFrame(id: number, h: HeaderInput, body: Uint8Array): Buffer {
  if (body.length > MAX_BODY_LENGTH) throw new RangeError(`body of ${body.length} bytes exceeds ${MAX_BODY_LENGTH}; use subpackages`);
  let props = body.length;
  if (h.subpackage) props |= 0x2000;
  const parts: Buffer[] = [u16(id)];
  if (h.version === '2019') {
    props |= 0x4000;
    parts.push(u16(props), Buffer.from([h.protocolVersion ?? 1]), stringToBcd(h.phone, 10));
  } else {
    parts.push(u16(props), stringToBcd(h.phone, 6));
  }
  parts.push(u16(h.serial));
  if (h.subpackage) parts.push(u16(h.subpackage.total), u16(h.subpackage.index));
  parts.push(Buffer.from(body), Buffer.alloc(1));
  const content = Buffer.concat(parts);
  content[content.length - 1] = checksum(content, 0, content.length - 1);
  return wrapFrame(content);
}

export interface ReplyHeaderInput {
  phone: string;
  version: Jt808Version;
  protocolVersion?: number;
  /** The platform's own serial for this reply. */
  serial: number;
}

export const RESULT_8001 = { ok: 0, fail: 1, badMessage: 2, notSupported: 3, alarmAck: 4 } as const;
export const RESULT_8100 = { ok: 0, vehicleRegistered: 1, noSuchVehicle: 2, terminalRegistered: 3, noSuchTerminal: 4 } as const;

/** 0x8001 platform general reply. */
export function encode8001(p: ReplyHeaderInput & { replySerial: number; replyId: number; result: 0 | 1 | 2 | 3 | 4 }): Buffer {
  const body = Buffer.concat([u16(p.replySerial), u16(p.replyId), Buffer.from([p.result])]);
  return encodeFrame(MSG.PLATFORM_REPLY, p, body);
}

/** 0x8100 register reply; the auth code is written only when result is 0. */
export function encode8100(p: ReplyHeaderInput & { replySerial: number; result: 0 | 1 | 2 | 3 | 4; authCode?: string }): Buffer {
  const parts = [u16(p.replySerial), Buffer.from([p.result])];
  if (p.result === 0) {
    if (!p.authCode) throw new RangeError('0x8100 with result 0 needs an auth code');
    parts.push(encodeGbk(p.authCode));
  }
  return encodeFrame(MSG.REGISTER_REPLY, p, Buffer.concat(parts));
}

/** Location input: decoded Location minus the derived fields; flags are taken from the booleans, coordinates by magnitude. */
export type LocationInput = Omit<Location, 'extras'> & { extras?: Partial<LocationExtras> };

export function encodeLocationBody(l: LocationInput): Buffer {
  let status = l.status & ~0xf;
  if (l.acc) status |= 0x1;
  if (l.located) status |= 0x2;
  if (l.south) status |= 0x4;
  if (l.west) status |= 0x8;
  const parts = [
    u32(l.alarm),
    u32(status),
    u32(Math.round(Math.abs(l.lat) * 1e6)),
    u32(Math.round(Math.abs(l.lon) * 1e6)),
    u16(l.altitude),
    u16(Math.round(l.speedKmh * 10)),
    u16(l.course),
    dateToBcdTime(l.time),
  ];
  const e = l.extras ?? {};
  const tlv = (id: number, v: Buffer): void => {
    if (v.length > 255) throw new RangeError(`TLV 0x${id.toString(16)} longer than 255 bytes`);
    parts.push(Buffer.from([id, v.length]), v);
  };
  // Known fields first unless raw carries them (raw keeps the device's order).
  const rawIds = new Set((e.raw ?? []).map((r) => r.id));
  if (e.raw && e.raw.length > 0) {
    for (const r of e.raw) tlv(r.id, Buffer.from(r.bytes, 'hex'));
  }
  if (e.mileageKm !== undefined && !rawIds.has(0x01)) tlv(0x01, u32(Math.round(e.mileageKm * 10)));
  if (e.fuelL !== undefined && !rawIds.has(0x02)) tlv(0x02, u16(Math.round(e.fuelL * 10)));
  if (e.speedRecordKmh !== undefined && !rawIds.has(0x03)) tlv(0x03, u16(Math.round(e.speedRecordKmh * 10)));
  if (e.signalStrength !== undefined && !rawIds.has(0x30)) tlv(0x30, Buffer.from([e.signalStrength]));
  if (e.satellites !== undefined && !rawIds.has(0x31)) tlv(0x31, Buffer.from([e.satellites]));
  return Buffer.concat(parts);
}

function encodeRegisterBody(version: Jt808Version, r: RegisterBody): Buffer {
  const w = version === '2019' ? [11, 30, 30] : [5, 20, 7];
  return Buffer.concat([
    u16(r.province),
    u16(r.city),
    fixedGbk(r.manufacturer, w[0] ?? 0),
    fixedGbk(r.model, w[1] ?? 0),
    fixedGbk(r.terminalId, w[2] ?? 0),
    Buffer.from([r.plateColor]),
    encodeGbk(r.plate),
  ]);
}

function encodeAuthBody(version: Jt808Version, a: AuthBody): Buffer {
  const code = encodeGbk(a.authCode);
  if (version !== '2019') return code;
  if (code.length > 255) throw new RangeError('auth code longer than 255 bytes');
  return Buffer.concat([Buffer.from([code.length]), code, fixedGbk(a.imei ?? '', 15), fixedGbk(a.softwareVersion ?? '', 20)]);
}

export type TerminalMessageInput =
  | { kind: 'heartbeat'; header: HeaderInput }
  | { kind: 'deregister'; header: HeaderInput }
  | { kind: 'register'; header: HeaderInput; body: RegisterBody }
  | { kind: 'auth'; header: HeaderInput; body: AuthBody }
  | { kind: 'terminalReply'; header: HeaderInput; body: { replySerial: number; replyId: number; result: number } }
  | { kind: 'location'; header: HeaderInput; body: LocationInput }
  | { kind: 'batch'; header: HeaderInput; body: { type: number; locations: LocationInput[] } };

export interface EncodeOptions {
  /** Bodies longer than this are split into subpackages (serials header.serial, +1, …). Default and maximum 1023. */
  maxBodyLength?: number;
}

/** Encode a terminal-side message (simulator, tests). Returns one frame, or several when subpackaged. */
export function encodeMessage(m: TerminalMessageInput, options: EncodeOptions = {}): Buffer[] {
  const v = m.header.version;
  let id: number;
  let body: Buffer;
  switch (m.kind) {
    case 'heartbeat':
      id = MSG.HEARTBEAT;
      body = Buffer.alloc(0);
      break;
    case 'deregister':
      id = MSG.DEREGISTER;
      body = Buffer.alloc(0);
      break;
    case 'register':
      id = MSG.REGISTER;
      body = encodeRegisterBody(v, m.body);
      break;
    case 'auth':
      id = MSG.AUTH;
      body = encodeAuthBody(v, m.body);
      break;
    case 'terminalReply':
      id = MSG.TERMINAL_REPLY;
      body = Buffer.concat([u16(m.body.replySerial), u16(m.body.replyId), Buffer.from([m.body.result])]);
      break;
    case 'location':
      id = MSG.LOCATION;
      body = encodeLocationBody(m.body);
      break;
    case 'batch': {
      id = MSG.BATCH;
      const items = m.body.locations.map((l) => {
        const b = encodeLocationBody(l);
        return Buffer.concat([u16(b.length), b]);
      });
      body = Buffer.concat([u16(m.body.locations.length), Buffer.from([m.body.type]), ...items]);
      break;
    }
  }
  return splitFrames(id, m.header, body, options.maxBodyLength ?? MAX_BODY_LENGTH);
}

/** Frame a body of any length, subpackaging when longer than maxBodyLength (packets get consecutive serials). */
export function splitFrames(id: number, h: HeaderInput, body: Buffer, maxBodyLength = MAX_BODY_LENGTH): Buffer[] {
  if (!(maxBodyLength >= 1 && maxBodyLength <= MAX_BODY_LENGTH)) throw new RangeError(`maxBodyLength must be 1..${MAX_BODY_LENGTH}`);
  if (body.length <= maxBodyLength) return [encodeFrame(id, { ...h, subpackage: undefined }, body)];
  const total = Math.ceil(body.length / maxBodyLength);
  if (total > 0xffff) throw new RangeError('body too long for subpackaging');
  const frames: Buffer[] = [];
  for (let i = 0; i < total; i++) {
    const chunk = body.subarray(i * maxBodyLength, (i + 1) * maxBodyLength);
    frames.push(encodeFrame(id, { ...h, serial: (h.serial + i) & 0xffff, subpackage: { total, index: i + 1 } }, chunk));
  }
  return frames;
}
