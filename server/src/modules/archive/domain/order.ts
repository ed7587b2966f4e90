import type { CaseAction } from '../../case';
import { DOCUMENT_TYPES, type DocumentTypeCode } from '../../document';

/**
 * The order of a 卷宗 (one case file), as data.
 *
 * Source: 行政处罚法 (2021-01-22) 第四十七条, quoted from shared/domain/laws/行政处罚法(2021-01-22).md:
 * "行政机关应当依法以文字、音像等形式，对行政处罚的启动、调查取证、审核、决定、送达、执行等进行全过程记录，归档保存。"
 * The article names the stages 启动 → 调查取证 → 审核 → 决定 → 送达 → 执行; the stage 告知/听证 (第四十四条、
 * 第六十四条) sits between 调查取证 and 审核 as the procedure runs (domain.md §5, the general procedure's steps), and
 * 结案 closes the file. Within a stage the documents follow the order in which the steps happen. 卷内目录 opens the
 * file after the cover and 备考表 closes it (local filing practice, `LOCAL_PRACTICE`): they frame the file and are
 * not in a stage.
 */
export const DOSSIER_SOURCE = {
  law: '行政处罚法',
  version: '2021-01-22',
  article: '第四十七条',
  quote: '行政机关应当依法以文字、音像等形式，对行政处罚的启动、调查取证、审核、决定、送达、执行等进行全过程记录，归档保存。',
} as const;

/** What is ordered by local filing practice, not by the article (卷内目录 first, 备考表 last). */
export const LOCAL_PRACTICE = ['file_index', 'file_note'] as const satisfies readonly DocumentTypeCode[];

export interface DossierStage {
  key: 'filing' | 'investigation' | 'notice' | 'review' | 'decision' | 'service' | 'execution' | 'closing';
  name: string;
  /** 文书 of the stage, in the order they are written. */
  docTypes: readonly DocumentTypeCode[];
  /** Case steps (timeline actions) of the stage: evidence taken at a step is filed with that stage. */
  actions: readonly (CaseAction | 'create_lead' | 'simple_decide')[];
}

export const DOSSIER_STAGES: readonly DossierStage[] = [
  { key: 'filing', name: '立案', docTypes: ['filing_approval'], actions: ['create_lead', 'check', 'approve_filing', 'reject_filing'] },
  {
    key: 'investigation',
    name: '调查取证',
    docTypes: ['inspection_record', 'inquiry_record', 'rectification_order', 'evidence_registration_notice', 'seizure_decision', 'seizure_list', 'investigation_report'],
    actions: ['register_evidence', 'decide_evidence', 'seize', 'extend_seizure', 'release_seizure', 'close_investigation'],
  },
  { key: 'notice', name: '告知/听证', docTypes: ['penalty_notice', 'hearing_rights_notice', 'hearing_notice', 'hearing_record'], actions: ['notify', 'record_statement', 'waive_hearing', 'request_hearing', 'schedule_hearing', 'hold_hearing'] },
  { key: 'review', name: '审核/讨论', docTypes: ['legal_review_opinion', 'collective_discussion_record'], actions: ['submit_review', 'legal_review', 'collective_discussion'] },
  { key: 'decision', name: '决定', docTypes: ['penalty_decision', 'simple_penalty_decision'], actions: ['extend_decision', 'decide', 'simple_decide'] },
  { key: 'service', name: '送达', docTypes: ['service_receipt'], actions: ['serve', 'serve_by_notice'] },
  { key: 'execution', name: '执行', docTypes: ['payment_demand'], actions: ['urge', 'apply_court', 'record_court_result', 'record_payment', 'file_record'] },
  { key: 'closing', name: '结案', docTypes: ['closing_report'], actions: ['close', 'archive', 'withdraw'] },
];

const DOC_RANK = new Map<string, number>(DOSSIER_STAGES.flatMap((s, i) => s.docTypes.map((d, j) => [d, i * 100 + j] as const)));
const ACTION_STAGE = new Map<string, number>(DOSSIER_STAGES.flatMap((s, i) => s.actions.map((a) => [a, i] as const)));

/** The stage of a case step (an unknown step files with 调查取证, where evidence is gathered). */
export function stageOfAction(action: string | null): DossierStage {
  return DOSSIER_STAGES[action === null ? 1 : (ACTION_STAGE.get(action) ?? 1)]!;
}

/**
 * The documents of a case in the order of the 卷宗: by stage, then by the order of the stage's 文书, then by their
 * own order within one type (several 询问笔录: by `seq`, e.g. when written). Framing sheets (卷内目录, 备考表) and
 * unknown types are left out: the composer adds the frame.
 */
export function orderDocuments<T extends { docType: string; seq: number }>(docs: readonly T[]): T[] {
  return docs.filter((d) => DOC_RANK.has(d.docType)).sort((a, b) => DOC_RANK.get(a.docType)! - DOC_RANK.get(b.docType)! || a.seq - b.seq);
}

/** Evidence photos in the order of the 卷宗: by the stage of the step they were taken for, then by time taken/uploaded. */
export function orderPhotos<T extends { stepAction: string | null; at: string }>(photos: readonly T[]): T[] {
  const rank = (p: T) => DOSSIER_STAGES.indexOf(stageOfAction(p.stepAction));
  return [...photos].sort((a, b) => rank(a) - rank(b) || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Types without a 文号 that a 卷宗 holds when their step is reached (framing sheets are the composer's). */
const UNNUMBERED = DOCUMENT_TYPES.filter((t) => t.word === null && !(LOCAL_PRACTICE as readonly string[]).includes(t.code));

/**
 * Which 文书 a 卷宗 holds: every 文号 issued for the case (void ones are not in the file), and each type without a
 * 文号 whose step is on the timeline (笔录, reports; 笔录 of no particular step once the case is filed). A numbered
 * type appears only with its number: an unnumbered decision is not a decision.
 */
export function documentsOf(actions: readonly string[], numbers: readonly { docType: string; ref: string; number: string }[]): { docType: string; ref: string; number: string | null }[] {
  const out: { docType: string; ref: string; number: string | null }[] = numbers.map((n) => ({ docType: n.docType, ref: n.ref, number: n.number }));
  const reached = new Set(actions);
  for (const t of UNNUMBERED) {
    const due = t.steps === null ? reached.has('approve_filing') || reached.has('simple_decide') : t.steps.some((s) => reached.has(s));
    if (due) out.push({ docType: t.code, ref: '', number: null });
  }
  return out;
}
