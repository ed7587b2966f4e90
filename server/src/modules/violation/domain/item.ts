import type { FieldIssueCode } from '../../../platform/validation';

/**
 * A 违法行为 item of the catalogue and its 裁量基准 (discretion bands), as plain data, with the checks that keep
 * it lawful: every band lies inside the statutory range and the bands rise from 轻微 to 严重. Pure: no I/O.
 *
 * Money is integer fen. A fine the law states as a share of something (建设工程造价百分之五以上百分之十以下)
 * is kept as per-mille of that base (50‰ … 100‰), bands included, and becomes fen only when the base is known.
 */

export const BAND_LEVELS = ['minor', 'general', 'serious', 'severe'] as const;
export type BandLevel = (typeof BAND_LEVELS)[number];
export const BAND_LABELS: Record<BandLevel, string> = { minor: '轻微', general: '一般', serious: '较重', severe: '严重' };

/** 行政处罚法 (2021) 第九条's kinds that a 城管 catalogue uses. Orders to correct (责令改正 …) are not penalties (第二十八条) and are kept as text. */
export const PENALTY_KINDS = ['warning', 'fine', 'confiscation', 'suspension', 'closure'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];
export const PENALTY_KIND_LABELS: Record<PenaltyKind, string> = { warning: '警告', fine: '罚款', confiscation: '没收', suspension: '责令停产停业', closure: '责令关闭' };

export const PARTY_TYPES = ['individual', 'business', 'organization'] as const;
export type PartyType = (typeof PARTY_TYPES)[number];
export const PARTY_TYPE_LABELS: Record<PartyType, string> = { individual: '个人', business: '个体工商户', organization: '单位' };

/** How the law states the fine: an amount range, a share of a base named in words, or not at all (the regulation leaves it to local rules). */
export const FINE_BASES = ['amount', 'multiple', 'unstated'] as const;
export type FineBasis = (typeof FINE_BASES)[number];
export const FINE_BASIS_LABELS: Record<FineBasis, string> = { amount: '金额', multiple: '倍数', unstated: '未规定' };

/** A citation: quoted only from the statute texts the project holds (../shared/domain/laws), with the law's version date. */
export interface LawRef {
  law: string;
  /** YYYY-MM-DD of the text quoted. */
  version: string;
  /** e.g. 第一百一十八条第三款 */
  article: string;
  quote: string;
}

export interface StatutoryRange {
  kinds: PenaltyKind[];
  fineBasis: FineBasis;
  /** fen for 'amount', per-mille of `multipleOf` for 'multiple', null when the law states no bound (or for 'unstated'). */
  fineMin: number | null;
  fineMax: number | null;
  /** What a 'multiple' is a multiple of, in the law's words (建设工程造价). */
  multipleOf: string | null;
  /** Orders that go with the penalty, in the law's words (责令改正, 限期拆除 …). */
  orders: string | null;
}

export interface Band {
  level: BandLevel;
  /** Same unit as the statutory range: fen, or per-mille of the base. */
  fineMin: number;
  fineMax: number;
  conditions: string;
}

export interface ViolationItemData {
  code: string;
  name: string;
  partyTypes: PartyType[];
  violated: LawRef;
  penaltyBasis: LawRef;
  statutory: StatutoryRange;
  bands: Band[];
  /** 首违不罚 (行政处罚法 第三十三条第一款 second sentence): when a first offence may go unpunished; null when not applied. */
  firstOffenceExemption: string | null;
}

export const FIRST_OFFENCE_BASIS: LawRef = {
  law: '中华人民共和国行政处罚法',
  version: '2021-01-22',
  article: '第三十三条第一款',
  quote: '违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚。',
};

export interface ItemIssue {
  field: string;
  message: string;
  code: FieldIssueCode;
  params?: Record<string, string | number>;
}

export const MAX_FEN = 100_000_000_000; // 十亿元: no 城管 fine comes near it; keeps per-mille arithmetic exact
const LIMITS = { code: 32, name: 200, law: 100, article: 60, quote: 2000, conditions: 1000, orders: 500, multipleOf: 100 };

/** Renders a value of the statutory range or a band in words: 5000.00 元, or 5‰ of the base. */
export function formatFine(value: number, basis: FineBasis): string {
  if (basis === 'multiple') return `${value / 10}%`;
  return `${Math.trunc(value / 100)}${value % 100 ? `.${String(value % 100).padStart(2, '0')}` : ''} 元`;
}

/** Every problem of an item, each on its field (`bands.1.fineMin` …). Empty when the item is lawful and complete. */
export function itemIssues(item: ViolationItemData): ItemIssue[] {
  const out: ItemIssue[] = [];
  const req = (field: string, v: string, limit: number) => {
    if (v.trim() === '') out.push({ field, message: `${field} is required`, code: 'cell_required', params: { header: field } });
    else if (v.length > limit) out.push({ field, message: `${field} is longer than ${limit} characters`, code: 'cell_too_long', params: { header: field, limit } });
  };
  req('code', item.code, LIMITS.code);
  if (item.code && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(item.code)) out.push({ field: 'code', message: 'code: letters, digits, dot, dash, underscore', code: 'violation_code_format' });
  req('name', item.name, LIMITS.name);
  if (item.partyTypes.length === 0) out.push({ field: 'partyTypes', message: 'at least one party type', code: 'cell_required', params: { header: 'partyTypes' } });
  for (const [key, ref] of [['violated', item.violated], ['penaltyBasis', item.penaltyBasis]] as const) {
    req(`${key}.law`, ref.law, LIMITS.law);
    req(`${key}.article`, ref.article, LIMITS.article);
    req(`${key}.quote`, ref.quote, LIMITS.quote);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(ref.version) || Number.isNaN(Date.parse(`${ref.version}T00:00:00Z`))) out.push({ field: `${key}.version`, message: `${key}.version must be YYYY-MM-DD`, code: 'date_format' });
  }
  const s = item.statutory;
  if (s.kinds.length === 0) out.push({ field: 'statutory.kinds', message: 'at least one penalty kind', code: 'cell_required', params: { header: 'statutory.kinds' } });
  const hasFine = s.kinds.includes('fine');
  if (s.orders !== null && s.orders.length > LIMITS.orders) out.push({ field: 'statutory.orders', message: 'too long', code: 'cell_too_long', params: { header: 'statutory.orders', limit: LIMITS.orders } });
  if (s.fineBasis === 'multiple' && !s.multipleOf?.trim()) out.push({ field: 'statutory.multipleOf', message: 'a fine stated as a multiple names what it multiplies', code: 'violation_multiple_of_required' });
  if (s.fineBasis === 'unstated' && (s.fineMin !== null || s.fineMax !== null)) out.push({ field: 'statutory.fineMin', message: 'an unstated range has no bounds', code: 'violation_unstated_with_bounds' });
  if (!hasFine && (s.fineMin !== null || s.fineMax !== null)) out.push({ field: 'statutory.kinds', message: 'fine bounds without the kind 罚款', code: 'violation_fine_kind_missing' });
  for (const k of ['fineMin', 'fineMax'] as const) {
    const v = s[k];
    if (v !== null && (!Number.isInteger(v) || v < 0 || v > MAX_FEN)) out.push({ field: `statutory.${k}`, message: `statutory.${k} must be a whole number between 0 and ${MAX_FEN}`, code: 'cell_not_integer', params: { header: `statutory.${k}`, value: String(v) } });
  }
  if (s.fineMin !== null && s.fineMax !== null && s.fineMin > s.fineMax) {
    out.push({ field: 'statutory.fineMax', message: `statutory maximum ${formatFine(s.fineMax, s.fineBasis)} is below its minimum ${formatFine(s.fineMin, s.fineBasis)}`, code: 'violation_range_inverted', params: { min: formatFine(s.fineMin, s.fineBasis), max: formatFine(s.fineMax, s.fineBasis) } });
  }
  out.push(...bandIssues(item));
  if (item.firstOffenceExemption !== null && item.firstOffenceExemption.length > LIMITS.conditions) {
    out.push({ field: 'firstOffenceExemption', message: 'too long', code: 'cell_too_long', params: { header: 'firstOffenceExemption', limit: LIMITS.conditions } });
  }
  return out;
}

/**
 * The bands: each of 轻微 / 一般 / 较重 / 严重 exactly once and in that order, min ≤ max, inside the statutory range,
 * and each band starting at or above where the one below it ends (they may share a boundary, never overlap).
 * Without the kind 罚款 the bands carry no fine (0 … 0) and only their conditions.
 */
export function bandIssues(item: Pick<ViolationItemData, 'bands' | 'statutory'>): ItemIssue[] {
  const out: ItemIssue[] = [];
  const { bands, statutory: s } = item;
  const levels = bands.map((b) => b.level);
  if (levels.length !== BAND_LEVELS.length || levels.some((l, i) => l !== BAND_LEVELS[i])) {
    out.push({ field: 'bands', message: `bands must be ${BAND_LEVELS.join(', ')} in this order, each once (got ${levels.join(', ') || 'none'})`, code: 'violation_bands_incomplete', params: { got: levels.map((l) => BAND_LABELS[l] ?? l).join('、') || '-' } });
    return out;
  }
  const hasFine = s.kinds.includes('fine');
  const f = (v: number) => formatFine(v, s.fineBasis);
  bands.forEach((b, i) => {
    const at = `bands.${i}`;
    const band = BAND_LABELS[b.level];
    if (b.conditions.trim() === '') out.push({ field: `${at}.conditions`, message: `${band}: conditions are required`, code: 'violation_band_conditions_required', params: { band } });
    else if (b.conditions.length > LIMITS.conditions) out.push({ field: `${at}.conditions`, message: 'too long', code: 'cell_too_long', params: { header: `${band}情形`, limit: LIMITS.conditions } });
    for (const k of ['fineMin', 'fineMax'] as const) {
      if (!Number.isInteger(b[k]) || b[k] < 0 || b[k] > MAX_FEN) out.push({ field: `${at}.${k}`, message: `${band}: ${k} must be a whole number between 0 and ${MAX_FEN}`, code: 'cell_not_integer', params: { header: `${band}${k === 'fineMin' ? '下限' : '上限'}`, value: String(b[k]) } });
    }
    if (out.some((o) => o.field.startsWith(`${at}.fine`))) return;
    if (!hasFine) {
      if (b.fineMin !== 0 || b.fineMax !== 0) out.push({ field: `${at}.fineMin`, message: `${band}: the law provides no fine, so the band has none`, code: 'violation_band_fine_without_kind', params: { band } });
      return;
    }
    if (b.fineMin > b.fineMax) {
      out.push({ field: `${at}.fineMax`, message: `${band}: maximum ${f(b.fineMax)} is below the minimum ${f(b.fineMin)}`, code: 'violation_band_inverted', params: { band, min: f(b.fineMin), max: f(b.fineMax) } });
      return;
    }
    if (s.fineMin !== null && b.fineMin < s.fineMin) {
      out.push({ field: `${at}.fineMin`, message: `${band}: minimum ${f(b.fineMin)} is below the statutory minimum ${f(s.fineMin)}`, code: 'violation_band_below_statutory', params: { band, value: f(b.fineMin), limit: f(s.fineMin) } });
    }
    if (s.fineMax !== null && b.fineMax > s.fineMax) {
      out.push({ field: `${at}.fineMax`, message: `${band}: maximum ${f(b.fineMax)} is above the statutory maximum ${f(s.fineMax)}`, code: 'violation_band_above_statutory', params: { band, value: f(b.fineMax), limit: f(s.fineMax) } });
    }
    const prev = bands[i - 1];
    if (prev && prev.fineMin <= prev.fineMax && b.fineMin < prev.fineMax) {
      out.push({
        field: `${at}.fineMin`,
        message: `${band}: minimum ${f(b.fineMin)} is below the maximum ${f(prev.fineMax)} of ${BAND_LABELS[prev.level]} (bands rise from 轻微 to 严重 and do not overlap)`,
        code: 'violation_band_overlap',
        params: { band, value: f(b.fineMin), lower: BAND_LABELS[prev.level], limit: f(prev.fineMax) },
      });
    }
  });
  return out;
}

// ——— The check the case module uses ———

export interface PenaltyProposal {
  kind: PenaltyKind;
  /** fen; required for a fine. */
  amount?: number | null | undefined;
  /** fen; the base a 'multiple' fine is a share of (建设工程造价 …), required for such a fine. */
  baseAmount?: number | null | undefined;
}

export type CheckOutcome = 'within_band' | 'outside_band' | 'outside_statutory' | 'incomplete';

export interface PenaltyCheck {
  outcome: CheckOutcome;
  withinStatutoryRange: boolean;
  withinBand: boolean;
  /** A penalty outside the chosen band needs a written reason … */
  needsReason: boolean;
  /** … and goes to 法制审核. */
  needsLegalReview: boolean;
  /** The statutory and band ranges in fen for this proposal (null where the law or the missing base leaves it open). */
  statutoryRange: { min: number | null; max: number | null };
  bandRange: { min: number; max: number } | null;
  /** English, for API readers; the web shows `code` with `params`. */
  message: string;
  code: string;
  params: Record<string, string | number>;
  /** The article that sets the penalty, quoted: what a refusal cites. */
  basis: LawRef;
}

/** A per-mille share of a base in fen, rounded outward so that a bound never excludes an amount the law allows. */
function share(base: number, permille: number, round: 'down' | 'up'): number {
  const exact = base * permille; // both bounded (MAX_FEN × 1000 < 2^53 needs base ≤ 9e12 fen, checked below)
  return round === 'down' ? Math.floor(exact / 1000) : Math.ceil(exact / 1000);
}

/**
 * Where a proposed penalty lies for an item (of the version in force on the act date) and the chosen band:
 * outside the statutory range → refused (the penalty article quoted); inside it but outside the band →
 * allowed only with a written reason and 法制审核; inside the band → fine. A fine stated as a multiple
 * needs the base amount; without it the answer is `incomplete`.
 */
export function checkPenalty(item: Pick<ViolationItemData, 'statutory' | 'bands' | 'penaltyBasis' | 'name'>, level: BandLevel, p: PenaltyProposal): PenaltyCheck {
  const s = item.statutory;
  const band = item.bands.find((b) => b.level === level);
  const result = (outcome: CheckOutcome, code: string, message: string, params: Record<string, string | number>, ranges: Pick<PenaltyCheck, 'statutoryRange' | 'bandRange'>): PenaltyCheck => ({
    outcome,
    withinStatutoryRange: outcome === 'within_band' || outcome === 'outside_band',
    withinBand: outcome === 'within_band',
    needsReason: outcome === 'outside_band',
    needsLegalReview: outcome === 'outside_band',
    ...ranges,
    message,
    code,
    params,
    basis: item.penaltyBasis,
  });
  const cite = `${item.penaltyBasis.law}（${item.penaltyBasis.version}）${item.penaltyBasis.article}`;
  const noRanges = { statutoryRange: { min: null, max: null }, bandRange: null };
  if (!band) return result('incomplete', 'band_unknown', `the item has no band ${level}`, { band: level }, noRanges);
  if (!s.kinds.includes(p.kind)) {
    const kinds = s.kinds.map((k) => PENALTY_KIND_LABELS[k]).join('、');
    return result('outside_statutory', 'kind_not_provided', `${cite} provides ${kinds}, not ${PENALTY_KIND_LABELS[p.kind]}`, { kind: PENALTY_KIND_LABELS[p.kind], kinds, basis: cite }, noRanges);
  }
  if (p.kind !== 'fine') {
    // Kinds other than a fine have no amount: the law provides it, and the band speaks only of the fine.
    return result('within_band', 'kind_provided', `${PENALTY_KIND_LABELS[p.kind]} is provided by ${cite}`, { kind: PENALTY_KIND_LABELS[p.kind], basis: cite }, noRanges);
  }
  const amount = p.amount;
  if (amount === null || amount === undefined || !Number.isInteger(amount) || amount < 0) return result('incomplete', 'amount_required', 'a fine needs its amount in fen (a whole number ≥ 0)', {}, noRanges);
  let statutory: { min: number | null; max: number | null };
  let bandRange: { min: number; max: number };
  if (s.fineBasis === 'multiple') {
    const base = p.baseAmount;
    if (base === null || base === undefined || !Number.isInteger(base) || base < 0 || base > 9_000_000_000_000) {
      return result('incomplete', 'base_required', `the fine is a share of ${s.multipleOf ?? 'a base'}: give that amount in fen`, { base: s.multipleOf ?? '' }, noRanges);
    }
    statutory = { min: s.fineMin === null ? null : share(base, s.fineMin, 'down'), max: s.fineMax === null ? null : share(base, s.fineMax, 'up') };
    bandRange = { min: share(base, band.fineMin, 'down'), max: share(base, band.fineMax, 'up') };
  } else {
    statutory = { min: s.fineMin, max: s.fineMax };
    bandRange = { min: band.fineMin, max: band.fineMax };
  }
  const yuan = (v: number) => formatFine(v, 'amount');
  const ranges = { statutoryRange: statutory, bandRange };
  if (statutory.min !== null && amount < statutory.min) {
    return result('outside_statutory', 'below_statutory', `${yuan(amount)} is below the statutory minimum ${yuan(statutory.min)} (${cite})`, { amount: yuan(amount), limit: yuan(statutory.min), basis: cite }, ranges);
  }
  if (statutory.max !== null && amount > statutory.max) {
    return result('outside_statutory', 'above_statutory', `${yuan(amount)} is above the statutory maximum ${yuan(statutory.max)} (${cite})`, { amount: yuan(amount), limit: yuan(statutory.max), basis: cite }, ranges);
  }
  const bandLabel = BAND_LABELS[level];
  if (amount < bandRange.min || amount > bandRange.max) {
    return result(
      'outside_band',
      'outside_band',
      `${yuan(amount)} is outside the ${bandLabel} band (${yuan(bandRange.min)} – ${yuan(bandRange.max)}): a penalty outside the chosen band needs a written reason and goes to 法制审核`,
      { amount: yuan(amount), band: bandLabel, min: yuan(bandRange.min), max: yuan(bandRange.max) },
      ranges,
    );
  }
  return result('within_band', 'within_band', `${yuan(amount)} is within the ${bandLabel} band (${yuan(bandRange.min)} – ${yuan(bandRange.max)})`, { amount: yuan(amount), band: bandLabel, min: yuan(bandRange.min), max: yuan(bandRange.max) }, ranges);
}
