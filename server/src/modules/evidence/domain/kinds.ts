/**
 * The kinds of evidence of 行政处罚法 (2021-01-22) 第四十六条第一款, quoted from
 * shared/domain/laws/行政处罚法(2021-01-22).md:
 *
 * 第四十六条 证据包括：（一）书证；（二）物证；（三）视听资料；（四）电子数据；（五）证人证言；（六）当事人的陈述；
 * （七）鉴定意见；（八）勘验笔录、现场笔录。
 *
 * Item (八) names two records; they are kept apart here because the case file lists them apart, and both carry
 * the item number 8 so the article's eight items stay recognisable.
 */
export const EVIDENCE_KINDS = [
  'documentary', // （一）书证
  'physical', // （二）物证
  'audio_visual', // （三）视听资料
  'electronic', // （四）电子数据
  'witness', // （五）证人证言
  'party_statement', // （六）当事人的陈述
  'expert_opinion', // （七）鉴定意见
  'inspection_record', // （八）勘验笔录
  'scene_record', // （八）现场笔录
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** The item of 第四十六条 each kind belongs to (for citing it next to the evidence). */
export const EVIDENCE_KIND_ITEM: Record<EvidenceKind, number> = {
  documentary: 1,
  physical: 2,
  audio_visual: 3,
  electronic: 4,
  witness: 5,
  party_statement: 6,
  expert_opinion: 7,
  inspection_record: 8,
  scene_record: 8,
};

export const EVIDENCE_LAW = { law: '行政处罚法', version: '2021-01-22', article: '第四十六条' } as const;

/** Case states from 决定 on: evidence of such a case is part of a decided file and is never deleted, only superseded. */
export const DECIDED_STATES = ['decided', 'executing', 'court_enforcement', 'executed', 'closed', 'archived'] as const;

export function isDecided(c: { state: string; decidedOn: string | null }): boolean {
  return c.decidedOn !== null || (DECIDED_STATES as readonly string[]).includes(c.state);
}

/** Custody log actions (append-only; each also written to the audit chain as `case_evidence.<action>`). */
export const CUSTODY_ACTIONS = ['uploaded', 'viewed', 'downloaded', 'exported', 'hash_mismatch', 'superseded', 'deleted'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];
