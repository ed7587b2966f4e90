import crypto from 'node:crypto';
import net from 'node:net';

/**
 * Abuse limits of the public report form: at most `max` reports per `windowMs` per reporter address and per
 * contact phone. Kept in memory per server instance (like the 公示 page's limiter): a restart forgives, which
 * costs at most one more allowance; the human check and the hour/day pair bound the rest.
 */
export interface LimitRule {
  windowMs: number;
  max: number;
}

export interface ReportLimits {
  perAddress: LimitRule[];
  perPhone: LimitRule[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Why these numbers: a resident rarely reports more than two or three problems in an hour, but many residents share
 * one address (mobile carriers put whole neighbourhoods behind carrier-grade NAT; a residents' committee may report
 * from one office), so an address gets more room than a phone, which is one person. 10,000 reports from one
 * address stop at 10 an hour / 40 a day. Local defaults; an operator passes others to the routes.
 */
export const DEFAULT_REPORT_LIMITS: ReportLimits = {
  perAddress: [
    { windowMs: HOUR, max: 10 },
    { windowMs: DAY, max: 40 },
  ],
  perPhone: [
    { windowMs: HOUR, max: 5 },
    { windowMs: DAY, max: 15 },
  ],
};

/**
 * The part of a client address that names a subscriber: the whole IPv4 address, the /64 of an IPv6 one (one
 * household or phone is handed a whole /64, and could otherwise walk through 2^64 addresses). An IPv4-mapped IPv6
 * address is its IPv4 address.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1] as string;
  if (net.isIPv6(ip)) {
    const [head = '', tail = ''] = ip.toLowerCase().split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
    return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
  }
  return ip;
}

/** A mainland mobile number as written on a form (spaces, dashes, +86 allowed) → its 11 digits, or null. */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  // A fixed line with its area code (0513-12345678), as people leave for a shop or an office.
  if (/^0\d{2,3}\d{7,8}$/.test(digits)) return digits;
  return null;
}

/** The salted hash stored as `reporterKey` and used as the limiter key: the address itself is never stored. */
export function reporterKeyOf(salt: Buffer, ip: string): string {
  return crypto.createHmac('sha256', salt).update(`addr|${addressKey(ip)}`).digest('base64url').slice(0, 32);
}

export function phoneKeyOf(salt: Buffer, phone: string): string {
  return crypto.createHmac('sha256', salt).update(`phone|${phone}`).digest('base64url').slice(0, 32);
}

export type Reservation = { ok: true; release: () => void } | { ok: false; kind: 'address' | 'phone'; retryAt: number };

/**
 * Sliding-window counters: `reserve` takes one slot for each key before the report is stored and `release` gives
 * it back when storing failed, so a report refused for a bad photo costs nothing, and two reports arriving at once
 * cannot both take the last slot. Memory is bounded by `maxKeys`; keys idle longer than the longest window go
 * first, then the oldest.
 */
export function createReportLimiter(limits: ReportLimits, maxKeys = 100_000) {
  const logs = new Map<string, number[]>();
  const longest = Math.max(...limits.perAddress.map((r) => r.windowMs), ...limits.perPhone.map((r) => r.windowMs), 1);

  /** When this key may report again under `rules`, or null when it may now. */
  function blockedUntil(key: string, rules: LimitRule[], now: number): number | null {
    const log = logs.get(key);
    if (!log) return null;
    let until: number | null = null;
    for (const r of rules) {
      const inWindow = log.filter((t) => t > now - r.windowMs);
      if (inWindow.length >= r.max) {
        // The slot frees when the oldest report that still counts leaves the window.
        const t = (inWindow[inWindow.length - r.max] as number) + r.windowMs;
        until = until === null ? t : Math.max(until, t);
      }
    }
    return until;
  }

  function push(key: string, now: number): void {
    let log = logs.get(key);
    if (!log) {
      if (logs.size >= maxKeys) {
        for (const [k, l] of logs) if ((l[l.length - 1] ?? 0) <= now - longest) logs.delete(k);
        if (logs.size >= maxKeys) logs.delete(logs.keys().next().value as string);
      }
      log = [];
      logs.set(key, log);
    }
    // Forget what no window counts any more, so a busy key's log stays short.
    while (log.length && (log[0] as number) <= now - longest) log.shift();
    log.push(now);
  }

  function unpush(key: string, now: number): void {
    const log = logs.get(key);
    const i = log?.lastIndexOf(now) ?? -1;
    if (log && i >= 0) log.splice(i, 1);
  }

  return {
    /** When this address may report again, or null when it may now (a look only, nothing taken). */
    blocked: (addressKeyHash: string, now: number): number | null => blockedUntil(`a:${addressKeyHash}`, limits.perAddress, now),
    reserve(addressKeyHash: string, phoneKeyHash: string | null, now: number): Reservation {
      const a = blockedUntil(`a:${addressKeyHash}`, limits.perAddress, now);
      if (a !== null) return { ok: false, kind: 'address', retryAt: a };
      if (phoneKeyHash) {
        const p = blockedUntil(`p:${phoneKeyHash}`, limits.perPhone, now);
        if (p !== null) return { ok: false, kind: 'phone', retryAt: p };
      }
      push(`a:${addressKeyHash}`, now);
      if (phoneKeyHash) push(`p:${phoneKeyHash}`, now);
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          unpush(`a:${addressKeyHash}`, now);
          if (phoneKeyHash) unpush(`p:${phoneKeyHash}`, now);
        },
      };
    },
    get keys() {
      return logs.size;
    },
  };
}
export type ReportLimiter = ReturnType<typeof createReportLimiter>;

/** Fixed-window counter per key (reads of the public pages): `take` is true while the key is within `limit`. */
export function createWindowCounter(limit: number, windowMs: number, maxKeys = 10_000) {
  const hits = new Map<string, { start: number; count: number }>();
  return {
    take(key: string, now: number): boolean {
      let h = hits.get(key);
      if (!h || now - h.start >= windowMs) {
        if (!h && hits.size >= maxKeys) {
          for (const [k, v] of hits) if (now - v.start >= windowMs) hits.delete(k);
          if (hits.size >= maxKeys) hits.delete(hits.keys().next().value as string);
        }
        h = { start: now, count: 0 };
        hits.set(key, h);
      }
      h.count++;
      return h.count <= limit;
    },
  };
}
