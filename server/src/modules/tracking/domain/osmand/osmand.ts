/**
 * OsmAnd / Traccar Client HTTP protocol parser. Pure: no I/O, no clock (`now` is passed in).
 *
 * Two wire forms, as Traccar's OsmAnd decoder accepts them (read for behaviour, not copied):
 *
 * 1. Query form — GET with a query string, or POST with the same `key=value` pairs as a form body
 *    (Traccar reads the body only when the URL has no parameters; `parseOsmAndRequest` does the same).
 *    - `id` | `deviceid`         → deviceKey (required, trimmed, non-empty)
 *    - `lat` + `lon` | `location=lat,lon` → lat, lon (required; decimal degrees WGS-84, range-checked)
 *    - `timestamp`               → time. Four forms:
 *        · unix seconds           (integer or decimal; any value < 2^31-1 is read as seconds, as Traccar does)
 *        · unix milliseconds      (≥ 2^31-1)
 *        · ISO 8601               (`2024-05-01T08:00:00Z`, `…+08:00`, fractional seconds allowed)
 *        · `yyyy-MM-dd HH:mm:ss`  (no zone)
 *      A date-time without a zone (either of the last two without offset) is read as **UTC** by default.
 *      Traccar parses it with the JVM default zone, which is UTC in its Docker images; we make that explicit.
 *      A deployment whose phones send local Beijing time sets `naiveOffsetMinutes: 480`.
 *      Missing timestamp → the server receive time `now` (Traccar does the same) and attribute
 *      `serverTime: true`, so the caller can tell the fix time was not measured.
 *    - `speed`                   → knots in this form (Traccar: `convertSpeed(value, "kn")`) → speedKmh = kn × 1.852
 *    - `bearing` | `heading`     → course (degrees)
 *    - `altitude`                → metres
 *    - `accuracy`                → accuracyM (metres, horizontal radius)
 *    - `hdop`                    → attribute `hdop` (number). HDOP is dimensionless, not metres, so it does NOT
 *                                  fill accuracyM (Traccar also keeps it as a separate attribute).
 *    - `batt`                    → battery (percent, as sent)
 *    - `valid`                   → valid (`true` or `1` → true, anything else → false); absent → true
 *    - any other key             → attributes, as number when it is a plain decimal, as boolean for
 *                                  `true`/`false`, otherwise the string (Traccar's rule). `driverUniqueId` always
 *                                  stays a string (leading zeros matter). A repeated key: the last value wins.
 *
 * 2. JSON form — Traccar Client ≥ 9 (built on the transistorsoft background-geolocation plugin) posts
 *    `Content-Type: application/json`:
 *      {"device_id":"…","location":{"timestamp":"ISO","coords":{"latitude","longitude","accuracy","speed",
 *       "heading","altitude"},"battery":{"level":0.83,"is_charging":false},"is_moving":true,"odometer":…,
 *       "event":…,"activity":{"type":"walking"},"extras":{…}}}
 *    - `coords.speed` is **metres per second** here (the plugin reports m/s; Traccar converts with
 *      `knotsFromMps`). We convert m/s → km/h (× 3.6). A negative speed or heading means "unknown" → null.
 *    - `battery.level` is a fraction 0..1 → percent (× 100, rounded); negative = unknown → null.
 *      `is_charging` → attribute `charge`, `is_moving` → `motion`, `odometer`, `event`, `mock`,
 *      `activity.type` → `activity`, and primitive `extras.*` values → attributes of the same name.
 *    - Batches (offline buffer / the plugin's batch sync): `location` may be an array, and the root may be an
 *      array of single-location objects. Every element must parse, otherwise the whole batch is rejected with
 *      the element's index in `field` (e.g. `location[2].coords.latitude`) so the client can be diagnosed;
 *      partially accepting a batch would make the client's retry resend the good ones as duplicates.
 *    - JSON `timestamp` accepts the same forms as the query form (string or number).
 *
 * Errors (ok: false) always name the field: missing id, missing / invalid / out-of-range lat or lon,
 * unparseable timestamp, a non-numeric value in a numeric field, an unparseable JSON body.
 *
 * Coordinates are kept exactly as sent (raw WGS-84, domain.md §5.4); no datum shift happens here.
 */

export type AttributeValue = string | number | boolean;

export interface PositionFix {
  deviceKey: string;
  time: Date;
  lat: number;
  lon: number;
  speedKmh: number | null;
  course: number | null;
  altitude: number | null;
  accuracyM: number | null;
  battery: number | null;
  /** From the `valid` parameter when present, else true. */
  valid: boolean;
  attributes: Record<string, AttributeValue>;
}

export type OsmAndErrorCode =
  | 'missing_id'
  | 'missing_coordinates'
  | 'invalid_coordinates'
  | 'coordinates_out_of_range'
  | 'invalid_timestamp'
  | 'invalid_number'
  | 'invalid_body'
  | 'empty_batch';

export interface OsmAndError {
  code: OsmAndErrorCode;
  message: string;
  field: string;
}

export type OsmAndResult = { ok: true; fixes: PositionFix[] } | { ok: false; error: OsmAndError };

export interface OsmAndOptions {
  /** Offset east of UTC, in minutes, for date-times sent without a zone. Default 0 (UTC, as Traccar in Docker). */
  naiveOffsetMinutes?: number;
}

export const KNOTS_TO_KMH = 1.852;
export const MPS_TO_KMH = 3.6;
/** Traccar's seconds/milliseconds cut-off: values below 2^31-1 are seconds. */
const SECONDS_CUTOFF = 2_147_483_647;

class FieldError extends Error {
  constructor(
    readonly code: OsmAndErrorCode,
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/**
 * Whether `s` is a plain decimal: `^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$` (no hex, no `Infinity`, no
 * blanks). A scan instead of the regular expression: up to eight numbers per report, on the ingest's hot path.
 */
export function isDecimal(s: string): boolean {
  const n = s.length;
  let i = 0;
  let c = n > 0 ? s.charCodeAt(0) : 0;
  if (c === 43 || c === 45) i++; // + -
  let digits = 0;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    i++;
    digits++;
  }
  if (i < n && s.charCodeAt(i) === 46) {
    i++; // .
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  if (i < n && ((c = s.charCodeAt(i)) === 101 || c === 69)) {
    i++; // e E
    if (i < n && ((c = s.charCodeAt(i)) === 43 || c === 45)) i++;
    let exp = 0;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      i++;
      exp++;
    }
    if (exp === 0) return false;
  }
  return i === n;
}

function parseDecimal(raw: string): number | null {
  const s = raw.trim();
  if (!isDecimal(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function numberField(raw: string, field: string): number {
  const n = parseDecimal(raw);
  if (n === null) throw new FieldError('invalid_number', `${field} is not a number: "${raw}"`, field);
  return n;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses the four timestamp forms. Returns null when unparseable. */
export function parseOsmAndTimestamp(raw: string | number, naiveOffsetMinutes = 0): Date | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? epochToDate(raw) : null;
  const s = raw.trim();
  if (s === '') return null;
  const n = parseDecimal(s);
  if (n !== null) return epochToDate(n);
  const m = DATE_TIME.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = sec === undefined ? 0 : Number(sec);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
  let utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Reject 2024-02-30 and friends: Date.UTC would roll them over.
  if (new Date(utc).getUTCDate() !== day) return null;
  let offsetMin: number;
  if (zone === undefined) offsetMin = naiveOffsetMinutes;
  else if (zone.toUpperCase() === 'Z') offsetMin = 0;
  else {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 14 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  utc -= offsetMin * 60_000;
  return new Date(utc);
}

function epochToDate(n: number): Date | null {
  if (n < 0) return null;
  const ms = n < SECONDS_CUTOFF ? n * 1000 : n;
  const d = new Date(Math.round(ms));
  return Number.isNaN(d.getTime()) ? null : d;
}

function coordinate(raw: string | number | undefined, field: 'lat' | 'lon', jsonField: string): number {
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    throw new FieldError('missing_coordinates', `${jsonField} is missing`, jsonField);
  }
  const n = typeof raw === 'number' ? (Number.isFinite(raw) ? raw : null) : parseDecimal(raw);
  if (n === null) throw new FieldError('invalid_coordinates', `${jsonField} is not a number: "${String(raw)}"`, jsonField);
  const limit = field === 'lat' ? 90 : 180;
  if (n < -limit || n > limit) {
    throw new FieldError('coordinates_out_of_range', `${jsonField} ${n} is outside ±${limit}`, jsonField);
  }
  return n;
}

function attributeValue(key: string, raw: string): AttributeValue {
  if (key === 'driverUniqueId') return raw;
  const n = parseDecimal(raw);
  if (n !== null) return n;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return raw;
}

export type QueryInput = string | URLSearchParams | Record<string, string | readonly string[] | undefined>;

function toParams(q: QueryInput): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof q === 'string' || q instanceof URLSearchParams) {
    const sp = typeof q === 'string' ? new URLSearchParams(q.startsWith('?') ? q.slice(1) : q) : q;
    for (const [k, v] of sp) out.set(k, v); // last value wins
    return out;
  }
  for (const k in q) {
    if (!Object.hasOwn(q, k)) continue;
    const v = q[k];
    if (v === undefined) continue;
    if (typeof v === 'string') out.set(k, v);
    else if (v.length > 0) out.set(k, v[v.length - 1] as string);
  }
  return out;
}

const CONSUMED = new Set([
  'id', 'deviceid', 'valid', 'timestamp', 'lat', 'lon', 'location', 'speed', 'bearing', 'heading', 'altitude',
  'accuracy', 'batt',
]);

function fail(e: unknown): OsmAndResult {
  if (e instanceof FieldError) return { ok: false, error: { code: e.code, message: e.message, field: e.field } };
  throw e;
}

/** Parses the query form (URL query string or form body). */
export function parseOsmAndQuery(query: QueryInput, now: Date, opts: OsmAndOptions = {}): OsmAndResult {
  return parseParams(toParams(query), now, opts);
}

/** The query form once its pairs are read (last value wins): parseOsmAndRequest reads them once, not twice. */
function parseParams(p: Map<string, string>, now: Date, opts: OsmAndOptions): OsmAndResult {
  try {
    const id = (p.get('id') ?? p.get('deviceid') ?? '').trim();
    if (id === '') throw new FieldError('missing_id', 'device id is missing (id or deviceid)', p.has('deviceid') ? 'deviceid' : 'id');

    let latRaw = p.get('lat');
    let lonRaw = p.get('lon');
    let latField = 'lat';
    let lonField = 'lon';
    const location = p.get('location');
    if ((latRaw === undefined || lonRaw === undefined) && location !== undefined) {
      const parts = location.split(',');
      if (parts.length !== 2) {
        throw new FieldError('invalid_coordinates', `location must be "lat,lon": "${location}"`, 'location');
      }
      latRaw = parts[0];
      lonRaw = parts[1];
      latField = 'location';
      lonField = 'location';
    }
    const lat = coordinate(latRaw, 'lat', latField);
    const lon = coordinate(lonRaw, 'lon', lonField);

    const attributes: Record<string, AttributeValue> = {};
    let time: Date;
    const ts = p.get('timestamp');
    if (ts === undefined || ts.trim() === '') {
      time = new Date(now.getTime());
      attributes.serverTime = true;
    } else {
      const parsed = parseOsmAndTimestamp(ts, opts.naiveOffsetMinutes ?? 0);
      if (!parsed) throw new FieldError('invalid_timestamp', `timestamp is not a recognised date: "${ts}"`, 'timestamp');
      time = parsed;
    }

    const opt = (key: string): number | null => {
      const v = p.get(key);
      return v === undefined || v.trim() === '' ? null : numberField(v, key);
    };
    const knots = opt('speed');
    const courseKey = p.has('bearing') ? 'bearing' : 'heading';
    const validRaw = p.get('valid');

    for (const [k, v] of p) {
      if (!CONSUMED.has(k)) attributes[k] = attributeValue(k, v);
    }
    return {
      ok: true,
      fixes: [
        {
          deviceKey: id,
          time,
          lat,
          lon,
          speedKmh: knots === null ? null : knots * KNOTS_TO_KMH,
          course: opt(courseKey),
          altitude: opt('altitude'),
          accuracyM: opt('accuracy'),
          battery: opt('batt'),
          valid: validRaw === undefined ? true : validRaw === '1' || validRaw.toLowerCase() === 'true',
          attributes,
        },
      ],
    };
  } catch (e) {
    return fail(e);
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonNumber(v: Json | undefined, field: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const n = parseDecimal(v);
    if (n !== null) return n;
  }
  throw new FieldError('invalid_number', `${field} is not a number`, field);
}

function jsonLocation(deviceKey: string, loc: Json | undefined, prefix: string, now: Date, opts: OsmAndOptions): PositionFix {
  if (!isObject(loc)) throw new FieldError('missing_coordinates', `${prefix} is missing`, prefix);
  const coords = loc.coords;
  if (!isObject(coords)) throw new FieldError('missing_coordinates', `${prefix}.coords is missing`, `${prefix}.coords`);
  const coordOf = (v: Json | undefined, which: 'lat' | 'lon', field: string): number => {
    if (v === null || (typeof v !== 'number' && typeof v !== 'string' && v !== undefined)) {
      throw new FieldError('invalid_coordinates', `${field} is not a number`, field);
    }
    return coordinate(v, which, field);
  };
  const lat = coordOf(coords.latitude, 'lat', `${prefix}.coords.latitude`);
  const lon = coordOf(coords.longitude, 'lon', `${prefix}.coords.longitude`);

  const attributes: Record<string, AttributeValue> = {};
  let time: Date;
  const ts = loc.timestamp;
  if (ts === undefined || ts === null || ts === '') {
    time = new Date(now.getTime());
    attributes.serverTime = true;
  } else {
    const parsed = typeof ts === 'string' || typeof ts === 'number' ? parseOsmAndTimestamp(ts, opts.naiveOffsetMinutes ?? 0) : null;
    if (!parsed) throw new FieldError('invalid_timestamp', `${prefix}.timestamp is not a recognised date`, `${prefix}.timestamp`);
    time = parsed;
  }

  const nonNegative = (v: number | null): number | null => (v === null || v < 0 ? null : v);
  const mps = nonNegative(jsonNumber(coords.speed, `${prefix}.coords.speed`));
  const course = nonNegative(jsonNumber(coords.heading, `${prefix}.coords.heading`));
  const accuracyM = nonNegative(jsonNumber(coords.accuracy, `${prefix}.coords.accuracy`));
  const altitude = jsonNumber(coords.altitude, `${prefix}.coords.altitude`);

  let battery: number | null = null;
  const batt = loc.battery;
  if (isObject(batt)) {
    const level = jsonNumber(batt.level, `${prefix}.battery.level`);
    if (level !== null && level >= 0) battery = Math.round(level * 100);
    if (typeof batt.is_charging === 'boolean') attributes.charge = batt.is_charging;
  }
  if (typeof loc.is_moving === 'boolean') attributes.motion = loc.is_moving;
  if (typeof loc.mock === 'boolean') attributes.mock = loc.mock;
  if (typeof loc.odometer === 'number') attributes.odometer = loc.odometer;
  if (typeof loc.event === 'string') attributes.event = loc.event;
  if (typeof loc.uuid === 'string') attributes.uuid = loc.uuid;
  if (isObject(loc.activity) && typeof loc.activity.type === 'string') attributes.activity = loc.activity.type;
  if (isObject(loc.extras)) {
    for (const [k, v] of Object.entries(loc.extras)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') attributes[k] = v;
    }
  }
  let valid = true;
  if (typeof loc.valid === 'boolean') valid = loc.valid;

  return {
    deviceKey,
    time,
    lat,
    lon,
    speedKmh: mps === null ? null : mps * MPS_TO_KMH,
    course,
    altitude,
    accuracyM,
    battery,
    valid,
    attributes,
  };
}

function deviceIdOf(root: JsonObject, prefix: string): string {
  const raw = root.device_id ?? root.id ?? root.deviceid;
  const id = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  if (id === '') {
    throw new FieldError('missing_id', 'device_id is missing', prefix === '' ? 'device_id' : `${prefix}.device_id`);
  }
  return id;
}

function jsonRoot(root: Json, prefix: string, now: Date, opts: OsmAndOptions, out: PositionFix[]): void {
  if (!isObject(root)) throw new FieldError('invalid_body', `${prefix || 'body'} is not a JSON object`, prefix || 'body');
  const id = deviceIdOf(root, prefix);
  const locField = prefix === '' ? 'location' : `${prefix}.location`;
  const loc = root.location;
  if (Array.isArray(loc)) {
    if (loc.length === 0) throw new FieldError('empty_batch', `${locField} is an empty array`, locField);
    loc.forEach((l, i) => out.push(jsonLocation(id, l, `${locField}[${i}]`, now, opts)));
  } else {
    out.push(jsonLocation(id, loc, locField, now, opts));
  }
}

/** Parses the JSON form: one object, an object whose `location` is an array, or an array of objects. */
export function parseOsmAndJson(body: unknown, now: Date, opts: OsmAndOptions = {}): OsmAndResult {
  try {
    let root: Json;
    if (typeof body === 'string') {
      try {
        root = JSON.parse(body) as Json;
      } catch {
        throw new FieldError('invalid_body', 'body is not valid JSON', 'body');
      }
    } else {
      root = body as Json;
    }
    const fixes: PositionFix[] = [];
    if (Array.isArray(root)) {
      if (root.length === 0) throw new FieldError('empty_batch', 'body is an empty array', 'body');
      root.forEach((r, i) => jsonRoot(r, `[${i}]`, now, opts, fixes));
    } else {
      jsonRoot(root, '', now, opts, fixes);
    }
    return { ok: true, fixes };
  } catch (e) {
    return fail(e);
  }
}

export interface OsmAndRequest {
  /** Parsed or raw URL query. */
  query?: QueryInput;
  /** Raw body text, or an already-parsed JSON value / form object. */
  body?: unknown;
  contentType?: string;
}

/**
 * Entry point for one HTTP request. JSON when the content type is `application/json` (as Traccar decides),
 * else the query form: the URL parameters, or the form body when the URL has none.
 */
export function parseOsmAndRequest(req: OsmAndRequest, now: Date, opts: OsmAndOptions = {}): OsmAndResult {
  const ct = (req.contentType ?? '').toLowerCase();
  if (ct.startsWith('application/json')) return parseOsmAndJson(req.body, now, opts);
  const urlParams = req.query === undefined ? new Map<string, string>() : toParams(req.query);
  if (urlParams.size > 0 || req.body === undefined || req.body === null || req.body === '') {
    return parseParams(urlParams, now, opts);
  }
  if (typeof req.body === 'string' || req.body instanceof URLSearchParams) return parseOsmAndQuery(req.body, now, opts);
  if (typeof req.body === 'object') {
    const rec: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') rec[k] = String(v);
    }
    return parseOsmAndQuery(rec, now, opts);
  }
  return { ok: false, error: { code: 'invalid_body', message: 'body is neither a form nor JSON', field: 'body' } };
}
