import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api/client';
import { errorText } from '../../shared/api/errors';
import type { Penalty } from './api';

/** 1234567 fen → "12,345.67" (integer arithmetic: money is never a float here). */
export function yuan(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * "1,234.5" / "200" / 200 → fen, read digit by digit (no binary floating point); null when it is not an amount
 * with at most two decimals.
 */
export function yuanToFen(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const s = String(value).replace(/[,\s，]/g, '');
  const m = /^(\d{1,11})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
}

export const yuanText = (t: TFunction, fen: number) => t('case.yuan', { amount: yuan(fen) });

/** 罚款 500.00 元、警告 */
export function penaltyText(t: TFunction, p: Penalty | null | undefined): string {
  if (!p) return t('case.none');
  return p.kinds.map((k) => (k === 'fine' ? `${t('case.penaltyKinds.fine')} ${yuanText(t, p.fineFen)}` : t(`case.penaltyKinds.${k}`))).join('、');
}

/** 《中华人民共和国行政处罚法》（2021-01-22）第五十一条 */
export function citationText(c: { law: string; version: string; article: string }): string {
  return `《${c.law.replace(/^《|》$/g, '')}》（${c.version}）${c.article}`;
}

/** The rule a refusal names (details.rule of case.simple_not_allowed), quoted from the rule set. */
export interface RefusalRule {
  id: string;
  law: string;
  version: string;
  article: string;
  quote: string;
}

export function refusalRule(e: unknown): RefusalRule | null {
  if (!(e instanceof ApiError)) return null;
  const r = (e.details as { rule?: unknown } | undefined)?.rule;
  if (!r || typeof r !== 'object') return null;
  const o = r as Record<string, unknown>;
  return typeof o.quote === 'string' && typeof o.law === 'string' && typeof o.article === 'string' ? { id: String(o.id ?? ''), law: o.law, version: String(o.version ?? ''), article: o.article, quote: o.quote } : null;
}

/** Someone else changed the case first. */
export const isStale = (e: unknown) => e instanceof ApiError && e.code === 'conflict.stale_version';

/**
 * A case error in the user's language: `errors.<code>` with the values the server puts in `details` (the officer's
 * name, the date a window ended, the amount owed …), never the server's English message on a Chinese screen.
 */
export function caseErrorText(t: TFunction, e: unknown): string {
  // case_evidence: the 全程音像记录 refusal of a seizure names the uncovered time (details.gapsText).
  if (e instanceof ApiError && (e.code.startsWith('case.') || e.code.startsWith('case_evidence.'))) {
    const d = (e.details ?? {}) as Record<string, unknown>;
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(d)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    for (const k of ['dueOn', 'earliest', 'opensAfter']) if (d[k] === null) params[k] = '—';
    if (typeof d.owedFen === 'number') params.owed = yuan(d.owedFen);
    const text = t(`errors.${e.code}`, { ...params, defaultValue: '' });
    if (text) return text;
  }
  return errorText(t, e);
}
