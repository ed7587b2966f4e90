import type { Item, SaveItemBody } from './api';

/**
 * The item form's values and their conversion to the API body. Money is typed in 元 (two decimals) and sent as
 * integer fen; a fine stated as a share of a base is typed in % (one decimal) and sent as per-mille. Both are read
 * digit by digit, never through a binary float.
 */

export const BAND_LEVELS = ['minor', 'general', 'serious', 'severe'] as const;
export type FineBasis = Item['statutory']['fineBasis'];

export interface LawValues {
  law: string;
  version: string;
  article: string;
  quote: string;
}

export interface ItemFormValues {
  code: string;
  name: string;
  partyTypes: Item['partyTypes'];
  violated: LawValues;
  penaltyBasis: LawValues;
  statutory: { kinds: Item['statutory']['kinds']; fineBasis: FineBasis; fineMin?: string; fineMax?: string; multipleOf?: string; orders?: string };
  bands: { level: (typeof BAND_LEVELS)[number]; fineMin?: string; fineMax?: string; conditions: string }[];
  firstOffenceExemption?: string;
}

/** Decimal places a value of this basis is typed with: 元 to the fen, % to the per-mille. */
const places = (basis: FineBasis) => (basis === 'multiple' ? 1 : 2);

/** "1,234.5" → 123450 (fen) or "5.5" → 55 (‰); null when empty; undefined when it is no such number. */
export function toUnits(text: string | undefined | null, basis: FineBasis): number | null | undefined {
  const s = (text ?? '').replace(/[,\s，]/g, '');
  if (s === '') return null;
  const p = places(basis);
  const m = new RegExp(`^(\\d{1,12})(?:\\.(\\d{1,${p}}))?$`).exec(s);
  if (!m) return undefined;
  return Number(m[1]) * 10 ** p + Number((m[2] ?? '').padEnd(p, '0'));
}

/** 123450 → "1234.5"; 55 → "5.5". */
export function fromUnits(v: number | null, basis: FineBasis): string {
  if (v === null) return '';
  const p = places(basis);
  const whole = Math.trunc(v / 10 ** p);
  const frac = String(v % 10 ** p).padStart(p, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

const emptyLaw: LawValues = { law: '', version: '', article: '', quote: '' };

export function formValues(item: Item | null): ItemFormValues {
  if (!item) {
    return {
      code: '',
      name: '',
      partyTypes: [],
      violated: { ...emptyLaw },
      penaltyBasis: { ...emptyLaw },
      statutory: { kinds: ['fine'], fineBasis: 'amount', fineMin: '', fineMax: '', multipleOf: '', orders: '' },
      bands: BAND_LEVELS.map((level) => ({ level, fineMin: '', fineMax: '', conditions: '' })),
      firstOffenceExemption: '',
    };
  }
  const s = item.statutory;
  const bands = BAND_LEVELS.map((level) => {
    const b = item.bands.find((x) => x.level === level);
    return { level, fineMin: b ? fromUnits(b.fineMin, s.fineBasis) : '', fineMax: b ? fromUnits(b.fineMax, s.fineBasis) : '', conditions: b?.conditions ?? '' };
  });
  return {
    code: item.code,
    name: item.name,
    partyTypes: [...item.partyTypes],
    violated: { ...item.violated },
    penaltyBasis: { ...item.penaltyBasis },
    statutory: { kinds: [...s.kinds], fineBasis: s.fineBasis, fineMin: fromUnits(s.fineMin, s.fineBasis), fineMax: fromUnits(s.fineMax, s.fineBasis), multipleOf: s.multipleOf ?? '', orders: s.orders ?? '' },
    bands,
    firstOffenceExemption: item.firstOffenceExemption ?? '',
  };
}

const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/**
 * The API body. Without the kind 罚款 no amount is sent (bands 0 … 0, no statutory bounds); with an unstated range
 * no statutory bound. Amounts were checked by the form's rules, so a value that is no number cannot reach here.
 */
export function saveBody(v: ItemFormValues, revision: string | null): SaveItemBody {
  const s = v.statutory;
  const hasFine = s.kinds.includes('fine');
  const basis = s.fineBasis;
  const bound = (x: string | undefined) => (hasFine && basis !== 'unstated' ? (toUnits(x, basis) ?? null) : null);
  const trimLaw = (l: LawValues) => ({ law: l.law.trim(), version: l.version.trim(), article: l.article.trim(), quote: l.quote.trim() });
  return {
    name: v.name.trim(),
    partyTypes: v.partyTypes,
    violated: trimLaw(v.violated),
    penaltyBasis: trimLaw(v.penaltyBasis),
    statutory: { kinds: s.kinds, fineBasis: basis, fineMin: bound(s.fineMin), fineMax: bound(s.fineMax), multipleOf: basis === 'multiple' ? orNull(s.multipleOf) : null, orders: orNull(s.orders) },
    bands: v.bands.map((b) => ({ level: b.level, fineMin: hasFine ? (toUnits(b.fineMin, basis) ?? 0) : 0, fineMax: hasFine ? (toUnits(b.fineMax, basis) ?? 0) : 0, conditions: b.conditions.trim() })),
    firstOffenceExemption: orNull(v.firstOffenceExemption),
    revision,
  };
}

/** The form field of a server issue (`bands.1.fineMin` → ['bands', 1, 'fineMin']), or null when the form has none. */
export function issuePath(field: string): (string | number)[] | null {
  const parts = field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [head, second, third] = parts;
  const law = ['law', 'version', 'article', 'quote'];
  const statutory = ['kinds', 'fineBasis', 'fineMin', 'fineMax', 'multipleOf', 'orders'];
  if (parts.length === 1 && ['code', 'name', 'partyTypes', 'firstOffenceExemption'].includes(String(head))) return parts;
  if (parts.length === 2 && (head === 'violated' || head === 'penaltyBasis') && law.includes(String(second))) return parts;
  if (parts.length === 2 && head === 'statutory' && statutory.includes(String(second))) return parts;
  if (parts.length === 3 && head === 'bands' && typeof second === 'number' && second < BAND_LEVELS.length && ['fineMin', 'fineMax', 'conditions'].includes(String(third))) return parts;
  return null;
}
