/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2), the format layer (pure): formats by file extension, the
 * XML writer and a refusing XML reader, w3 date-times in Beijing time, the query window of GET requests and the
 * mapping of guifan's request states to the spec's two statuses. Field names are the spec's, exactly.
 */

export type Open311Format = 'json' | 'xml';

/** `services.json` → {name: 'services', format: 'json'}; `02-03.xml` → {name: '02-03', format: 'xml'}; anything else → null. */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { name: m[1]!, format: m[2] as Open311Format } : null;
}

/** The spec's content types (Format Support). */
export const CONTENT_TYPE: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

// ---------------------------------------------------------------------------------------------------------------
// XML output

/** A value of the JSON form; arrays become a wrapper element holding one child element per item. */
export type Open311Value = string | number | boolean | null | Open311Value[] | { [key: string]: Open311Value };

/**
 * The element name of an array's items (the spec's XML: `<services><service>`, `<service_requests><request>`,
 * `<errors><error>`, `<attributes><attribute>`, `<values><value>`).
 */
export const ITEM_TAG: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
};

/**
 * Characters XML 1.0 cannot carry at all, not even escaped (C0 controls other than tab/newline/return, lone
 * surrogates, U+FFFE/U+FFFF): a description holding one would make the whole document unreadable, so they are dropped.
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content escaped for XML (also safe inside a double- or single-quoted attribute). */
export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(tag: string, value: Open311Value, indent: string): string {
  // Tags come from our own field names, never from input: a bad one is a programming error.
  if (!NAME.test(tag)) throw new Error(`not an XML name: ${tag}`);
  if (value === null || value === '') return `${indent}<${tag}></${tag}>`;
  if (Array.isArray(value)) {
    const item = ITEM_TAG[tag];
    if (!item) throw new Error(`no item element for array ${tag}`);
    if (value.length === 0) return `${indent}<${tag}></${tag}>`;
    return `${indent}<${tag}>\n${value.map((v) => element(item, v, `${indent}  `)).join('\n')}\n${indent}</${tag}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value).map(([k, v]) => element(k, v, `${indent}  `));
    return inner.length ? `${indent}<${tag}>\n${inner.join('\n')}\n${indent}</${tag}>` : `${indent}<${tag}></${tag}>`;
  }
  return `${indent}<${tag}>${xmlEscape(String(value))}</${tag}>`;
}

/** A whole document: the XML declaration with its encoding (the spec requires it) and one root element. */
export function xmlDocument(root: string, value: Open311Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, '')}\n`;
}

/** The response body in the asked format: JSON is the spec's Spark-convention mapping of the same XML. */
export function render(format: Open311Format, root: string, value: Open311Value): string {
  return format === 'json' ? JSON.stringify(value) : xmlDocument(root, value);
}

/** The spec's error body: `[{code, description}]` / `<errors><error><code/><description/></error></errors>`. */
export function renderErrors(format: Open311Format, errors: { code: number; description: string }[]): string {
  return render(format, 'errors', errors);
}

// ---------------------------------------------------------------------------------------------------------------
// XML input: a small reader that refuses what XXE and entity expansion need

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The concatenated text directly inside the element (entities resolved, CDATA included). */
  text: string;
}

export type XmlProblem = 'doctype' | 'entity' | 'malformed';

export class XmlRefused extends Error {
  constructor(
    readonly problem: XmlProblem,
    message: string,
  ) {
    super(message);
  }
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Resolves the five predefined entities and character references; any other `&name;` is an entity we never define. */
function decodeEntities(raw: string): string {
  return raw.replace(/&([^;&\s]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new XmlRefused('malformed', 'a bare & in text');
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      const ok = /^#(?:[0-9]+|[xX][0-9a-fA-F]+)$/.test(body) && Number.isFinite(code) && code > 0 && code <= 0x10ffff;
      if (!ok) throw new XmlRefused('malformed', `bad character reference &${body};`);
      return String.fromCodePoint(code);
    }
    const v = PREDEFINED[body];
    if (v === undefined) throw new XmlRefused('entity', `entity &${body}; is not allowed`);
    return v;
  });
}

/**
 * Parses a small XML document into elements. Refused with `XmlRefused`: a DOCTYPE (and so any DTD, internal or
 * external: the road to XXE and to billion-laughs expansion), an ENTITY declaration anywhere, a reference to any
 * entity but the five predefined ones, processing instructions other than the leading declaration, and anything
 * not well-formed. Nothing is fetched, nothing is expanded.
 */
export function parseXml(input: string): XmlElement {
  // Checked on the raw text before any parsing: a declaration hidden in a comment or CDATA is refused too — such
  // a document has no business reaching us.
  if (/<!DOCTYPE/i.test(input)) throw new XmlRefused('doctype', 'XML with a DOCTYPE is refused');
  if (/<!ENTITY/i.test(input)) throw new XmlRefused('entity', 'XML with an ENTITY declaration is refused');
  let s = input.replace(/^\uFEFF/, '');
  let i = 0;
  const skipSpace = () => {
    while (i < s.length && /\s/.test(s[i]!)) i += 1;
  };
  const fail = (what: string): never => {
    throw new XmlRefused('malformed', `${what} at character ${i}`);
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i + 4);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else return;
    }
  };
  skipSpace();
  if (s.startsWith('<?xml', i)) {
    const end = s.indexOf('?>', i);
    if (end < 0) fail('unclosed declaration');
    i = end + 2;
  }
  skipMisc();
  const readName = (): string => {
    const m = /^[A-Za-z_:][A-Za-z0-9_:.-]*/.exec(s.slice(i, i + 200));
    if (!m) return fail('a name expected');
    i += m[0].length;
    return m[0];
  };
  const parseElement = (depth: number): XmlElement => {
    if (depth > 32) fail('nested too deep');
    if (s[i] !== '<') fail('an element expected');
    i += 1;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (s.startsWith('/>', i)) {
        i += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (s[i] === '>') {
        i += 1;
        break;
      }
      const attr = readName();
      skipSpace();
      if (s[i] !== '=') fail('= expected');
      i += 1;
      skipSpace();
      const q = s[i];
      if (q !== '"' && q !== "'") fail('a quoted value expected');
      const end = s.indexOf(q!, i + 1);
      if (end < 0) fail('unclosed attribute value');
      const raw = s.slice(i + 1, end);
      if (raw.includes('<')) fail('< in an attribute value');
      attributes[attr] = decodeEntities(raw);
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (i >= s.length) fail(`unclosed element <${name}>`);
      if (s.startsWith('</', i)) {
        i += 2;
        const close = readName();
        if (close !== name) fail(`</${close}> closes <${name}>`);
        skipSpace();
        if (s[i] !== '>') fail('> expected');
        i += 1;
        return { name, attributes, children, text };
      }
      if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i + 4);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else if (s.startsWith('<![CDATA[', i)) {
        const end = s.indexOf(']]>', i + 9);
        if (end < 0) fail('unclosed CDATA');
        text += s.slice(i + 9, end);
        i = end + 3;
      } else if (s.startsWith('<?', i) || s.startsWith('<!', i)) {
        fail('processing instructions and declarations are not allowed');
      } else if (s[i] === '<') {
        children.push(parseElement(depth + 1));
      } else {
        const next = s.indexOf('<', i);
        const raw = s.slice(i, next < 0 ? s.length : next);
        text += decodeEntities(raw);
        i = next < 0 ? s.length : next;
      }
    }
  };
  const root = parseElement(0);
  skipMisc();
  if (i !== s.length) fail('content after the root element');
  s = '';
  return root;
}

/** A flat document (`<service_request><service_code>…</service_code>…</service_request>`) as fields, like a form. */
export function xmlFields(root: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of root.children) out[c.name] = c.children.length ? '' : c.text.trim();
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Date-times

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** w3 / ISO 8601 with the offset the spec requires, in Beijing time: 2026-12-08T11:03:00+08:00. */
export function w3Datetime(d: Date): string {
  return `${new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

const W3 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A w3 date-time of a query (`2010-01-01T00:00:00Z`, with `Z` or an offset; a bare date is that day's start in
 * Beijing time). A time without a zone is ambiguous and refused (null), like any impossible date.
 */
export function parseW3(text: string): Date | null {
  const m = W3.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  if (h !== undefined && zone === undefined) return null;
  const offsetMin = zone === undefined ? 480 : zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const hh = Number(h ?? 0);
  const mm = Number(mi ?? 0);
  const ss = Number(sec ?? 0);
  if (hh > 23 || mm > 59 || ss > 59 || Math.abs(offsetMin) > 14 * 60) return null;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), hh, mm, ss, ms);
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  return new Date(utc - offsetMin * 60_000);
}

// ---------------------------------------------------------------------------------------------------------------
// GET requests: arguments

/** "Default query limit is a span of 90 days or first 1000 requests returned, whichever is smallest." */
export const MAX_SPAN_DAYS = 90;
export const MAX_RESULTS = 1000;
const DAY_MS = 86_400_000;

/** A comma-delimited argument as its values (blanks dropped); an empty or missing one is no filter (the spec's Optional Arguments). */
export function commaList(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

export type WindowResult = { ok: true; from: Date; to: Date } | { ok: false; description: string };

/**
 * The requested_datetime range of GET requests. None given: the most recent 90 days. Only start_date: 90 days from
 * it. Only end_date: the 90 days before it. Both: as given, refused when end is before start or the span exceeds 90
 * days (the spec: "may not span more than 90 days"); both bounds inclusive.
 */
export function requestWindow(now: Date, start: string | undefined, end: string | undefined): WindowResult {
  const s = start?.trim() ? parseW3(start) : undefined;
  const e = end?.trim() ? parseW3(end) : undefined;
  if (s === null) return { ok: false, description: 'start_date is not a w3 date-time with a time zone, e.g. 2026-01-01T00:00:00+08:00' };
  if (e === null) return { ok: false, description: 'end_date is not a w3 date-time with a time zone, e.g. 2026-01-31T23:59:59+08:00' };
  const span = MAX_SPAN_DAYS * DAY_MS;
  if (s && e) {
    if (e.getTime() < s.getTime()) return { ok: false, description: 'end_date is before start_date' };
    if (e.getTime() - s.getTime() > span) return { ok: false, description: `start_date and end_date may not span more than ${MAX_SPAN_DAYS} days` };
    return { ok: true, from: s, to: e };
  }
  if (s) return { ok: true, from: s, to: new Date(s.getTime() + span) };
  const to = e ?? now;
  return { ok: true, from: new Date(to.getTime() - span), to };
}

export type Open311Status = 'open' | 'closed';

/**
 * guifan state → the spec's status. `closed` = "it has been resolved": the reporter has been answered (已回复,
 * 已办结), or the report ends without handling (不予受理, 已合并 into another). Everything still being worked on —
 * waiting, dispatched, in hand, handled but not yet answered, suspended — is `open`. A 不满意 rating that reopens
 * a request sends it back to `dispatched`, so it is open again.
 */
export const CLOSED_STATES = ['replied', 'closed', 'rejected', 'merged'] as const;
export const OPEN_STATES = ['submitted', 'dispatched', 'handling', 'handled', 'suspended'] as const;

export function statusOf(state: string): Open311Status {
  return (CLOSED_STATES as readonly string[]).includes(state) ? 'closed' : 'open';
}

/** The states behind a status filter (`open`, `closed`, `open,closed`); null when a value is neither. */
export function statesFor(statuses: string[]): string[] | null {
  const out: string[] = [];
  for (const s of statuses) {
    if (s === 'open') out.push(...OPEN_STATES);
    else if (s === 'closed') out.push(...CLOSED_STATES);
    else return null;
  }
  return [...new Set(out)];
}

/** The state in words for status_notes (the jurisdiction's language). */
export const STATE_WORDS: Record<string, string> = {
  submitted: '待受理',
  dispatched: '已派遣',
  handling: '处置中',
  handled: '已处置',
  replied: '已回复',
  closed: '已办结',
  rejected: '不予受理',
  merged: '已合并',
  suspended: '挂起',
};

/**
 * status_notes: the reply once there is one (what the reporter is told); why it was not accepted; which request it
 * was merged into; otherwise where it stands, in words (more than open/closed says).
 */
export function statusNotes(r: { state: string; replyText: string | null; rejectReason: string | null; duplicateOfId: string | null }): string {
  if ((r.state === 'replied' || r.state === 'closed') && r.replyText?.trim()) return r.replyText.trim();
  if (r.state === 'rejected') return r.rejectReason?.trim() ? `不予受理：${r.rejectReason.trim()}` : '不予受理';
  if (r.state === 'merged') return r.duplicateOfId ? `已合并至 ${r.duplicateOfId}` : '已合并';
  return STATE_WORDS[r.state] ?? r.state;
}

/**
 * updated_datetime: the last change; for a closed one "the date the request was closed" — when it was answered
 * (a later rating does not reopen it in Open311's terms), or when it ended unhandled.
 */
export function updatedAt(r: { state: string; updatedAt: Date; repliedAt: Date | null; closedAt: Date | null }): Date {
  if (r.state === 'replied' || r.state === 'closed') return r.repliedAt ?? r.closedAt ?? r.updatedAt;
  return r.updatedAt;
}

/** first_name / last_name → one contact name: Chinese names run family name first without a space (张 + 三 = 张三). */
export function contactName(first: string | undefined, last: string | undefined): string | null {
  const f = (first ?? '').trim();
  const l = (last ?? '').trim();
  if (!f && !l) return null;
  const cjk = /[\u3400-\u9fff]/.test(f + l);
  return cjk ? `${l}${f}` : [f, l].filter(Boolean).join(' ');
}
