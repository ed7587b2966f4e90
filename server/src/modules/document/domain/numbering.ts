/**
 * 文号 (document numbers) of 执法文书: `<unit prefix><type word>〔<year>〕第<seq>号`, e.g. 通崇城管罚决字〔2026〕第0001号.
 * The sequence runs per issuing unit, document type and year. Pure: the counter lives in the database (document
 * repository); this file only knows which types carry a number and how a number is written.
 */

/**
 * The standard 文书 set (domain.md §2.7 / issue 12). `word` is the 文号 type word of the types that carry a number;
 * 笔录, 报告 and archive sheets carry the case number only (null). The words are local defaults (no national list
 * fixes them): bureau templates may change them later. `steps` are the case steps (case_event actions, case module
 * workflow) of which one must be on the case's timeline before the document can exist — the decision is written
 * once 决定 is recorded, the 催告书 once 催告 is; null: any time in the case (责令改正 is often issued on the spot).
 */
export const DOCUMENT_TYPES = [
  { code: 'filing_approval', name: '立案审批表', word: '立审字', steps: ['check'] },
  { code: 'inspection_record', name: '现场检查(勘验)笔录', word: null, steps: null },
  { code: 'inquiry_record', name: '询问笔录', word: null, steps: null },
  { code: 'rectification_order', name: '责令改正通知书', word: '责改字', steps: null },
  { code: 'evidence_registration_notice', name: '先行登记保存通知书', word: '登保字', steps: ['register_evidence'] },
  { code: 'seizure_decision', name: '查封(扣押)决定书', word: '封扣字', steps: ['seize'] },
  { code: 'seizure_list', name: '查封(扣押)清单', word: null, steps: ['seize'] },
  { code: 'penalty_notice', name: '行政处罚事先告知书', word: '罚告字', steps: ['notify'] },
  { code: 'hearing_rights_notice', name: '听证告知书', word: '听告字', steps: ['notify'] },
  { code: 'hearing_notice', name: '听证通知书', word: '听通字', steps: ['schedule_hearing'] },
  { code: 'hearing_record', name: '听证笔录', word: null, steps: ['hold_hearing'] },
  { code: 'investigation_report', name: '案件调查终结报告', word: null, steps: ['close_investigation'] },
  { code: 'legal_review_opinion', name: '法制审核意见书', word: '法审字', steps: ['legal_review'] },
  { code: 'collective_discussion_record', name: '集体讨论笔录', word: null, steps: ['collective_discussion'] },
  { code: 'penalty_decision', name: '行政处罚决定书', word: '罚决字', steps: ['decide'] },
  { code: 'simple_penalty_decision', name: '当场行政处罚决定书', word: '当罚字', steps: ['simple_decide'] },
  { code: 'service_receipt', name: '送达回证', word: null, steps: ['notify', 'decide', 'simple_decide', 'seize', 'register_evidence'] },
  { code: 'payment_demand', name: '催告书', word: '催告字', steps: ['urge'] },
  { code: 'closing_report', name: '结案报告', word: null, steps: ['close'] },
  { code: 'file_index', name: '卷内目录', word: null, steps: ['close'] },
  { code: 'file_note', name: '备考表', word: null, steps: ['close'] },
] as const satisfies readonly { code: string; name: string; word: string | null; steps: readonly string[] | null }[];

export type DocumentTypeCode = (typeof DOCUMENT_TYPES)[number]['code'];
export const DOCUMENT_TYPE_CODES: readonly DocumentTypeCode[] = DOCUMENT_TYPES.map((t) => t.code);
/** The types that carry a 文号. */
export const NUMBERED_TYPE_CODES: readonly DocumentTypeCode[] = DOCUMENT_TYPES.filter((t) => t.word !== null).map((t) => t.code);

export function documentType(code: string): (typeof DOCUMENT_TYPES)[number] | undefined {
  return DOCUMENT_TYPES.find((t) => t.code === code);
}

/** The default pattern; a template may reorder or reword it but must keep {year} and {seq}. */
export const DEFAULT_NUMBER_PATTERN = '{prefix}{word}〔{year}〕第{seq}号';
const PLACEHOLDER = /\{([a-z]+)\}/g;
const KNOWN = new Set(['prefix', 'word', 'year', 'seq']);

/** Why a pattern cannot make unique numbers, or null when it can. */
export function patternIssue(pattern: string): string | null {
  const seen = new Map<string, number>();
  for (const m of pattern.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(m[1]!)) return `unknown placeholder {${m[1]}}`;
    seen.set(m[1]!, (seen.get(m[1]!) ?? 0) + 1);
  }
  // Without the year and the sequence two numbers of one unit and type would read the same.
  for (const need of ['year', 'seq']) if (seen.get(need) !== 1) return `{${need}} must appear exactly once`;
  return null;
}

/** The unit's prefix when no template sets one: its short name (or name) followed by 城管, as case numbers do. */
export function defaultUnitPrefix(unit: { shortName: string | null; name: string }): string {
  return `${unit.shortName ?? unit.name.replace(/街道综合执法队$/, '')}城管`;
}

export interface NumberParts {
  prefix: string;
  word: string;
  year: number;
  /** 1-based; written with at least 4 digits (第0001号), more past 9999 (never truncated: that would repeat numbers). */
  seq: number;
}

export function formatDocumentNumber(parts: NumberParts, pattern: string = DEFAULT_NUMBER_PATTERN): string {
  const issue = patternIssue(pattern);
  if (issue) throw new RangeError(`invalid 文号 pattern ${pattern}: ${issue}`);
  if (!Number.isInteger(parts.seq) || parts.seq < 1) throw new RangeError(`sequence must be a positive integer, got ${parts.seq}`);
  if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999) throw new RangeError(`year must have 4 digits, got ${parts.year}`);
  const values: Record<string, string> = { prefix: parts.prefix, word: parts.word, year: String(parts.year), seq: String(parts.seq).padStart(4, '0') };
  return pattern.replace(PLACEHOLDER, (_m, k: string) => values[k]!);
}

/** Which sequence numbers between 1 and `last` are missing from `seqs` (a gapless series returns []). */
export function sequenceGaps(seqs: readonly number[], last: number): number[] {
  const have = new Set(seqs);
  const gaps: number[] = [];
  for (let n = 1; n <= last; n++) if (!have.has(n)) gaps.push(n);
  return gaps;
}

/** The steps of which none is on the timeline yet (the document cannot be made), or [] when it can. */
export function missingSteps(type: { steps: readonly string[] | null }, reached: ReadonlySet<string>): readonly string[] {
  if (type.steps === null || type.steps.some((s) => reached.has(s))) return [];
  return type.steps;
}
