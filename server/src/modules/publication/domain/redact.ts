/**
 * Redaction of a decision before it is published (pure). Individuals' personal data does not go on a public page:
 * names become surname + 某 (张三 → 张某, 欧阳娜娜 → 欧阳某), ID numbers and phone numbers are masked, an
 * individual's address is trimmed to the street (街道/镇/乡, or the road without its number). Organisations keep
 * their name and 统一社会信用代码. Free text (违法事实) gets the same treatment wherever the party's name, ID number,
 * phone or address appear, and any ID or phone number pattern is masked whoever it belongs to.
 */
import type { PartyKind } from './rules';

/** Two-character surnames (复姓) kept whole: 欧阳娜娜 → 欧阳某, not 欧某. */
export const COMPOUND_SURNAMES = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '令狐', '夏侯', '轩辕',
  '端木', '独孤', '南宫', '西门', '百里', '呼延', '澹台', '公冶', '太史', '申屠', '钟离', '闻人', '赫连', '万俟', '濮阳',
  '司空', '东郭', '南门', '羊舌', '微生', '梁丘', '左丘', '东门', '拓跋', '第五',
] as const;

const HAN = /^[\u3400-\u9fff·]+$/;

/** 张三 → 张某; 欧阳娜娜 → 欧阳某; a name in Latin letters → its first letter + 某. Empty stays empty. */
export function maskName(name: string): string {
  const n = name.trim();
  if (!n) return n;
  if (HAN.test(n)) {
    const compound = COMPOUND_SURNAMES.find((s) => n.startsWith(s) && n.length > s.length);
    return `${compound ?? n[0]}某`;
  }
  return `${n[0]!.toUpperCase()}某`;
}

/** 18-digit (or 15-digit) 居民身份证号码. */
const ID_RE = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
/** Mainland mobile numbers, optionally with +86 and separators. */
const MOBILE_RE = /(?<![0-9A-Za-z])(\+?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?![0-9A-Za-z])/g;
/** Landlines with an area code: 0513-85123456, 051385123456. */
const LANDLINE_RE = /(?<![0-9A-Za-z])(0\d{2,3})-?(\d{7,8})(?![0-9A-Za-z])/g;

/** 320602199001011234 → 32**************34 (two and two kept: enough to tell two records apart, never to find a person). */
export function maskIdNumber(id: string): string {
  const v = id.trim();
  if (v.length <= 4) return '*'.repeat(v.length);
  return `${v.slice(0, 2)}${'*'.repeat(v.length - 4)}${v.slice(-2)}`;
}

/** 13812345678 → 138****5678; 0513-85123456 → 0513-****3456. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const m = /^(?:86)?(1[3-9]\d)(\d{4})(\d{4})$/.exec(digits);
  if (m) return `${m[1]}****${m[3]}`;
  const l = /^(0\d{2,3})-?(\d{7,8})$/.exec(phone.trim());
  if (l) return `${l[1]}-${'*'.repeat(l[2]!.length - 4)}${l[2]!.slice(-4)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/**
 * A 统一社会信用代码 (GB 32100-2015: 18 characters of digits and capital letters without I, O, Z, S, V) is public
 * data of an organisation; a 身份证号 is not. Told apart by shape: 17 digits + digit/X with a plausible birth date is
 * an ID number.
 */
export function looksLikeIdNumber(v: string): boolean {
  const s = v.trim();
  if (/^\d{15}$/.test(s)) return true;
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

export const looksLikeCreditCode = (v: string): boolean => /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(v.trim()) && !looksLikeIdNumber(v);

/**
 * An individual's address trimmed to the street level: up to the 街道/镇/乡 when there is one, else up to the road
 * (路/街/巷/大道) without its number, else up to the district (区/县/县级市). Nothing after (house number, building,
 * room) is kept. An address with none of these keeps nothing but its first administrative part it can recognise.
 */
export function trimAddress(address: string): string {
  const a = address.trim();
  if (!a) return a;
  const street = /^.*?(?:街道|镇|乡)/.exec(a);
  if (street) return street[0];
  const district = /^.*?(?:自治县|(?<!小)区|县)/.exec(a);
  const afterDistrict = district ? district[0].length : (/^.*?市/.exec(a)?.[0].length ?? 0);
  const road = /^[^\d０-９#＃号]*?(?:大道|路|街|巷)/.exec(a.slice(afterDistrict));
  if (road) return a.slice(0, afterDistrict) + road[0];
  if (afterDistrict > 0) return a.slice(0, afterDistrict);
  return '';
}

export interface PartyData {
  kind: PartyKind;
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
}

export interface RedactedParty {
  kind: PartyKind;
  /** 张某 for an individual; an organisation's (or a shop's) name as registered. */
  name: string;
  /** 统一社会信用代码 of an organisation or a 个体工商户 that has one; null otherwise (never an ID number). */
  creditCode: string | null;
  /** Trimmed for individuals; an organisation's address as registered. */
  address: string | null;
}

/** A 个体工商户 registered under a shop name keeps it; one recorded under the operator's own name is a person. */
const isPersonName = (name: string) => HAN.test(name.trim()) && name.trim().length >= 2 && name.trim().length <= 4;

export function redactParty(p: PartyData): RedactedParty {
  const asPerson = p.kind === 'individual' || (p.kind === 'business' && isPersonName(p.name));
  const id = p.idNumber?.trim() || null;
  const creditCode = !asPerson || p.kind === 'business' ? (id && looksLikeCreditCode(id) ? id : null) : null;
  if (asPerson) return { kind: p.kind, name: maskName(p.name), creditCode: p.kind === 'business' ? creditCode : null, address: p.address ? trimAddress(p.address) || null : null };
  return { kind: p.kind, name: p.name.trim(), creditCode, address: p.address?.trim() || null };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Free text with the party's data redacted: their full name → 张某; their address → trimmed; ID numbers and phone numbers of anyone → masked.
 * An organisation's name stays. A credit code stays; everything shaped like an ID number goes.
 */
export function redactText(text: string, parties: readonly PartyData[]): string {
  let out = text;
  for (const p of parties) {
    const person = p.kind === 'individual' || (p.kind === 'business' && isPersonName(p.name));
    if (p.address && person) {
      const full = p.address.trim();
      const trimmed = trimAddress(full);
      if (full && full !== trimmed) out = out.split(full).join(trimmed);
    }
    if (p.idNumber?.trim() && !looksLikeCreditCode(p.idNumber)) out = out.split(p.idNumber.trim()).join(maskIdNumber(p.idNumber));
    if (p.phone?.trim()) out = out.split(p.phone.trim()).join(maskPhone(p.phone));
    if (person && p.name.trim()) {
      const name = p.name.trim();
      const masked = maskName(name);
      out = out.replace(new RegExp(escapeRe(name), 'g'), masked);
    }
  }
  out = out.replace(ID_RE, (m) => (looksLikeIdNumber(m) ? maskIdNumber(m) : m));
  out = out.replace(MOBILE_RE, (m) => maskPhone(m));
  out = out.replace(LANDLINE_RE, (m) => maskPhone(m));
  return out;
}
