import crypto from 'node:crypto';

/**
 * 人机验证 for the public report form, offline and without a third party: the server asks a small sum in Chinese
 * numerals (七加五等于几？) drawn as an SVG picture, and hands out a token that binds the question's answer with an
 * HMAC (the answer itself is never in the token) and an expiry. On submit the token and the typed answer are
 * checked; every token is good for one check only, right or wrong (a wrong answer burns it, so a script cannot try
 * the few dozen possible answers on one token), and a token seen once is refused again until it expires anyway.
 * It stops casual scripts, not a determined reader of SVG: the abuse limits per address and phone are the wall.
 */

/** Long enough to read the question, type a description and take photos on a phone; short enough to keep the ledger small. */
export const CHALLENGE_TTL_MS = 15 * 60_000;

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const OPS = ['加', '减', '乘'] as const;
type Op = (typeof OPS)[number];

export interface Question {
  a: number;
  b: number;
  op: Op;
  answer: number;
  /** The question in words, e.g. 七加五等于几？ (what the picture shows). */
  text: string;
}

/** `pick(n)` returns an integer in [0, n): crypto in production, a fixed sequence in tests. */
export type Pick = (n: number) => number;
export const cryptoPick: Pick = (n) => crypto.randomInt(n);

/** A sum, difference (never negative) or product of two digits 1–9. */
export function makeQuestion(pick: Pick): Question {
  const op = OPS[pick(OPS.length)] as Op;
  let a = 1 + pick(9);
  let b = 1 + pick(9);
  if (op === '减' && b > a) [a, b] = [b, a];
  const answer = op === '加' ? a + b : op === '减' ? a - b : a * b;
  return { a, b, op, answer, text: `${DIGITS[a]}${op}${DIGITS[b]}等于几？` };
}

/** The answer as typed on a phone: ASCII or full-width digits, spaces around; anything else is not an answer. */
export function parseAnswer(typed: string): number | null {
  const ascii = typed.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
  return /^\d{1,3}$/.test(ascii) ? Number(ascii) : null;
}

const b64u = (b: Buffer) => b.toString('base64url');

function mac(key: Buffer, nonce: string, expiresAt: number, answer: number): string {
  return b64u(crypto.createHmac('sha256', key).update(`hc1|${nonce}|${expiresAt}|${answer}`).digest());
}

/** `<nonce>.<expiry ms, base 36>.<HMAC of nonce, expiry and answer>` */
export function issueToken(key: Buffer, answer: number, now: number, nonce: string = b64u(crypto.randomBytes(16))): { token: string; expiresAt: number } {
  const expiresAt = now + CHALLENGE_TTL_MS;
  return { token: `${nonce}.${expiresAt.toString(36)}.${mac(key, nonce, expiresAt, answer)}`, expiresAt };
}

export type CheckProblem = 'invalid' | 'expired' | 'wrong' | 'used' | 'busy';
export type CheckResult = { ok: true } | { ok: false; problem: CheckProblem };

const TOKEN = /^([A-Za-z0-9_-]{16,64})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * Tokens already checked, until they expire (then the expiry alone refuses them). Bounded: when full of unexpired
 * tokens it refuses new checks ('busy') rather than forgetting one, which would let that token be replayed.
 */
export function createNonceLedger(maxEntries = 200_000) {
  const used = new Map<string, number>();
  return {
    get size() {
      return used.size;
    },
    /** Records the nonce; false when it was already there. */
    spend(nonce: string, expiresAt: number, now: number): boolean | 'busy' {
      if (used.has(nonce)) return false;
      if (used.size >= maxEntries) {
        // Insertion order is close to expiry order (one TTL for all), so expired ones are at the front.
        for (const [k, exp] of used) {
          if (exp > now) break;
          used.delete(k);
        }
        if (used.size >= maxEntries) return 'busy';
      }
      used.set(nonce, expiresAt);
      return true;
    },
  };
}
export type NonceLedger = ReturnType<typeof createNonceLedger>;

/** Checks a token and the typed answer once: a well-formed unexpired token is spent whatever the answer. */
export function checkAnswer(key: Buffer, ledger: NonceLedger, token: string, typed: string, now: number): CheckResult {
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, problem: 'invalid' };
  const [, nonce, exp36, given] = m as unknown as [string, string, string, string];
  const expiresAt = parseInt(exp36, 36);
  if (!Number.isSafeInteger(expiresAt)) return { ok: false, problem: 'invalid' };
  if (expiresAt <= now) return { ok: false, problem: 'expired' };
  // A token from the future is not ours (or our clock jumped back): refuse rather than keep it for longer.
  if (expiresAt > now + CHALLENGE_TTL_MS + 60_000) return { ok: false, problem: 'invalid' };
  const spent = ledger.spend(nonce, expiresAt, now);
  if (spent === 'busy') return { ok: false, problem: 'busy' };
  if (!spent) return { ok: false, problem: 'used' };
  const answer = parseAnswer(typed);
  if (answer === null) return { ok: false, problem: 'wrong' };
  const expected = Buffer.from(mac(key, nonce, expiresAt, answer));
  const got = Buffer.from(given);
  return expected.length === got.length && crypto.timingSafeEqual(expected, got) ? { ok: true } : { ok: false, problem: 'wrong' };
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The question as an SVG picture (200×64): each character placed, turned and coloured a little at random, with
 * a few crossing lines; the characters are written in a shuffled order so the source does not read as the question.
 */
export function questionSvg(q: Question, pick: Pick): string {
  const chars = [...q.text];
  const width = 200;
  const height = 64;
  const step = (width - 16) / chars.length;
  const colours = ['#1f2d3d', '#2b4a7a', '#5a2d6e', '#2e5d34', '#7a3b1f'];
  const glyphs = chars.map((c, i) => {
    const x = 8 + step * i + step / 2 + (pick(7) - 3);
    const y = 42 + (pick(9) - 4);
    const rot = pick(31) - 15;
    const size = 24 + pick(5);
    return `<text x="${x.toFixed(1)}" y="${y}" font-size="${size}" fill="${colours[pick(colours.length)]}" text-anchor="middle" transform="rotate(${rot} ${x.toFixed(1)} ${y})">${escapeXml(c)}</text>`;
  });
  for (let i = glyphs.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [glyphs[i], glyphs[j]] = [glyphs[j] as string, glyphs[i] as string];
  }
  const lines = Array.from({ length: 4 }, () => {
    const y1 = 8 + pick(height - 16);
    const y2 = 8 + pick(height - 16);
    const cy = pick(height);
    return `<path d="M0 ${y1} Q${width / 2} ${cy} ${width} ${y2}" stroke="${colours[pick(colours.length)]}" stroke-opacity="0.45" stroke-width="${1 + pick(2)}" fill="none"/>`;
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<rect width="${width}" height="${height}" fill="#f4f6f8"/>` +
    `<g font-family="'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif" font-weight="600">${glyphs.join('')}</g>` +
    lines.join('') +
    `</svg>`
  );
}

/** A new challenge: the picture, the token that goes back with the answer, and when it expires. */
export function issueChallenge(key: Buffer, now: number, pick: Pick = cryptoPick): { token: string; svg: string; expiresAt: number; question: Question } {
  const question = makeQuestion(pick);
  const { token, expiresAt } = issueToken(key, question.answer, now);
  return { token, svg: questionSvg(question, pick), expiresAt, question };
}
