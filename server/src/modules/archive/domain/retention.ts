/**
 * 保管期限 (retention period) of an archived 卷宗. Pure.
 *
 * Neither the laws in shared/domain/laws/ nor domain.md fix the retention period of a 行政处罚 case file
 * (行政处罚法 第四十七条 says only 归档保存). Archive practice uses 永久 / 30 年 / 10 年; which one a bureau applies to
 * its 行政处罚 files is its own archive rule. The default below is therefore a local default, marked as such on every
 * record (`source: 'local_default'`), until the bureau sets its period (a policy per org unit, stored; the nearest
 * policy up the tree applies).
 */

export const RETENTION_DEFAULT_NOTE = '本地默认值，待本局确认';

/** Years kept; null = 永久. */
export type RetentionYears = number | null;
export const RETENTION_CHOICES: readonly RetentionYears[] = [null, 30, 10];
export const DEFAULT_RETENTION_YEARS: RetentionYears = 30;

export interface RetentionPolicy {
  /** The org unit's materialised path (`/root/district/team/`). */
  unitPath: string;
  years: RetentionYears;
  note: string;
}

export interface Retention {
  years: RetentionYears;
  label: string;
  source: 'policy' | 'local_default';
  note: string;
  /** The last day the file must be kept, or null when kept for ever. */
  keepUntil: string | null;
}

export function retentionLabel(years: RetentionYears): string {
  return years === null ? '永久' : `${years}年`;
}

/** Why a period cannot be a policy, or null. */
export function retentionIssue(years: RetentionYears): string | null {
  return RETENTION_CHOICES.includes(years) ? null : `retention must be one of ${RETENTION_CHOICES.map((y) => (y === null ? 'permanent' : y)).join(', ')}`;
}

/**
 * The period counts in whole years from 1 January after the year the file is archived (archive practice: a file
 * archived in 2026 with 10 years is kept to 2036-12-31).
 */
export function keepUntil(archivedOn: string, years: RetentionYears): string | null {
  if (years === null) return null;
  const y = Number(archivedOn.slice(0, 4));
  return `${y + years}-12-31`;
}

/** The period for a case of a unit: the policy of the nearest unit up the tree, else the local default. */
export function resolveRetention(unitPath: string, archivedOn: string, policies: readonly RetentionPolicy[]): Retention {
  const nearest = policies.filter((p) => unitPath.startsWith(p.unitPath)).sort((a, b) => b.unitPath.length - a.unitPath.length)[0];
  if (nearest) return { years: nearest.years, label: retentionLabel(nearest.years), source: 'policy', note: nearest.note, keepUntil: keepUntil(archivedOn, nearest.years) };
  return { years: DEFAULT_RETENTION_YEARS, label: retentionLabel(DEFAULT_RETENTION_YEARS), source: 'local_default', note: RETENTION_DEFAULT_NOTE, keepUntil: keepUntil(archivedOn, DEFAULT_RETENTION_YEARS) };
}
