// JT/T 808 codec types. Pure data: no I/O, no clock.
// Layouts and sources are described in docs/jt808.md.

/** Header layout. '2013' covers 2011 and 2013 (BCD[6] phone); '2019' has the version flag, a protocol-version byte and BCD[10]. */
export type Jt808Version = '2013' | '2019';

export interface Jt808Header {
  /** Message id (WORD). */
  id: number;
  /** Body length from the body-properties word (10 bits). For a subpackage this is the length of this packet's body. */
  bodyLength: number;
  /** Encryption bits (3 bits; 0 = none, bit 0 = RSA). */
  encryption: number;
  version: Jt808Version;
  /** Protocol version byte (2019 headers only; 1 = 2019). */
  protocolVersion?: number;
  /** Terminal phone number: the BCD digits as written (12 digits in 2013 headers, 20 in 2019), leading zeros kept. */
  phone: string;
  /** Message serial number (WORD) of this frame. */
  serial: number;
  /** Present when the subpackage bit (13) is set: total packets and this packet's 1-based index. */
  subpackage?: { total: number; index: number };
}

export interface TlvRaw {
  id: number;
  /** Value bytes as lowercase hex. */
  bytes: string;
}

export interface LocationExtras {
  /** 0x01 mileage, DWORD in 1/10 km. */
  mileageKm?: number;
  /** 0x02 fuel, WORD in 1/10 L. */
  fuelL?: number;
  /** 0x03 speed from the tachograph, WORD in 1/10 km/h. */
  speedRecordKmh?: number;
  /** 0x30 wireless signal strength, BYTE. */
  signalStrength?: number;
  /** 0x31 GNSS satellites in view, BYTE. */
  satellites?: number;
  /** Every TLV item in order of appearance (the known ones included). */
  raw: TlvRaw[];
}

export interface Location {
  alarm: number;
  status: number;
  /** status bit 1 */
  located: boolean;
  /** status bit 2 */
  south: boolean;
  /** status bit 3 */
  west: boolean;
  /** status bit 0 */
  acc: boolean;
  /** Signed degrees (negative when south). Raw WGS-84/CGCS2000, never shifted. */
  lat: number;
  /** Signed degrees (negative when west). */
  lon: number;
  /** Metres. */
  altitude: number;
  speedKmh: number;
  /** 0–359 degrees, north = 0, clockwise. */
  course: number;
  /** Device time (sent as BCD GMT+8) as a UTC instant. */
  time: Date;
  extras: LocationExtras;
}

export interface RegisterBody {
  province: number;
  city: number;
  manufacturer: string;
  model: string;
  terminalId: string;
  /** JT/T 697.7: 0 none (2019: VIN in plate), 1 blue, 2 yellow, 3 black, 4 white, 5 green, 9 other. */
  plateColor: number;
  /** Plate text (GBK on the wire), or the VIN when plateColor is 0. */
  plate: string;
}

export interface AuthBody {
  authCode: string;
  /** 2019 only. */
  imei?: string;
  /** 2019 only. */
  softwareVersion?: string;
}

export interface TerminalReplyBody {
  replySerial: number;
  replyId: number;
  result: number;
}

export interface BatchRejected {
  /** 0-based index of the item in the batch. */
  index: number;
  error: Jt808Error;
}

export interface BatchBody {
  /** 0 normal batch, 1 blind-area resend. */
  type: number;
  /** Item count declared in the body. */
  count: number;
  locations: Location[];
  /** Items that could not be decoded (bad time, short body); the others are kept. */
  rejected: BatchRejected[];
}

export interface PlatformReplyBody {
  replySerial: number;
  replyId: number;
  /** 0 ok, 1 fail, 2 bad message, 3 not supported, 4 alarm ack. */
  result: number;
}

export interface RegisterReplyBody {
  replySerial: number;
  /** 0 ok, 1 vehicle registered, 2 no such vehicle, 3 terminal registered, 4 no such terminal. */
  result: number;
  /** Present when result is 0. */
  authCode?: string;
}

export type Jt808Message =
  | { kind: 'terminalReply'; header: Jt808Header; body: TerminalReplyBody }
  | { kind: 'heartbeat'; header: Jt808Header }
  | { kind: 'deregister'; header: Jt808Header }
  | { kind: 'register'; header: Jt808Header; body: RegisterBody }
  | { kind: 'auth'; header: Jt808Header; body: AuthBody }
  | { kind: 'location'; header: Jt808Header; body: Location; warnings: string[] }
  | { kind: 'batch'; header: Jt808Header; body: BatchBody; warnings: string[] }
  | { kind: 'platformReply'; header: Jt808Header; body: PlatformReplyBody }
  | { kind: 'registerReply'; header: Jt808Header; body: RegisterReplyBody }
  /** One packet of a subpackaged message: feed it to SubpackageAssembler, then decodeBody() the whole body. */
  | { kind: 'fragment'; header: Jt808Header; body: Buffer }
  /** A well-formed frame whose message id this codec does not decode (reply 0x8001 result 3). */
  | { kind: 'unsupported'; header: Jt808Header; id: number; body: Buffer };

export type Jt808Kind = Jt808Message['kind'];

export type Jt808ErrorCode =
  | 'too_short'
  | 'bad_checksum'
  | 'bad_length'
  | 'encrypted'
  | 'bad_body'
  | 'bad_time'
  /** The header's terminal number has a nibble above 9 (not decimal BCD): no reply can be addressed to it. */
  | 'bad_terminal_number';

export interface Jt808Error {
  code: Jt808ErrorCode;
  message: string;
  /** The parsed header when the error came after the header was read (e.g. to reply 0x8001 result 2). */
  header?: Jt808Header;
}

export type DecodeResult = { ok: true; message: Jt808Message } | { ok: false; error: Jt808Error };

export type FrameErrorCode = 'garbage' | 'bad_escape' | 'overflow';

export interface FrameError {
  code: FrameErrorCode;
  message: string;
  /** Bytes dropped. */
  bytes: number;
  /** overflow is fatal: the caller should close the connection. */
  fatal: boolean;
}
