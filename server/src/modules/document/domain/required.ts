/**
 * The required-document check (issue 12 item 4): which 文书 a case must hold, per procedure and per path taken,
 * each with the article that requires it (quoted word for word from ../shared/domain/laws, checked by the table
 * test) or marked local practice; and what is wrong with the documents a case holds (missing, not numbered,
 * unsigned, not served). Pure data and functions: the document service feeds it the case's facts, its timeline and
 * the stored numbers, signatures and service records.
 */
import type { DocumentTypeCode } from './numbering';
import { documentType } from './numbering';
import type { SignatureRole } from './template-types';

export type Stage = 'close' | 'archive';

export interface Citation {
  /** law: quoted from the statute file; local_practice: no statute requires the form itself; unverified_ministerial: 住建部令 without text here. */
  source: 'law' | 'local_practice' | 'unverified_ministerial';
  law: string | null;
  version: string | null;
  article: string | null;
  quote: string | null;
}

const XZCF = { law: '中华人民共和国行政处罚法', version: '2021-01-22' };
const XZQZ = { law: '中华人民共和国行政强制法', version: '2011-06-30' };
const MSSS = { law: '中华人民共和国民事诉讼法', version: '2023-09-01' };
const cite = (l: { law: string; version: string }, article: string, quote: string): Citation => ({ source: 'law', ...l, article, quote });
const LOCAL: Citation = { source: 'local_practice', law: null, version: null, article: null, quote: null };

/** Who signs a document and whether it is served on the party: per type, whether required or not. */
export interface DocumentRule {
  signers: readonly { role: SignatureRole; count: number }[];
  served: boolean;
}

const officers2 = { role: 'officer', count: 2 } as const;
const party1 = { role: 'party', count: 1 } as const;

/**
 * Signers per type. Decisions and notices issued under the agency's seal need no one's signature but the officers'
 * where the law names them (第五十二条第二款 for the on-the-spot decision; the general decision is signed by both
 * officers in practice and by this platform's rule, issue 12); 笔录 and 清单 are signed by the officers and the party
 * (第五十五条, 第六十四条第八项, 行政强制法 第十八条第七项), a 送达回证 by the recipient (民事诉讼法 第八十七条).
 */
export const DOCUMENT_RULES: Record<DocumentTypeCode, DocumentRule> = {
  filing_approval: { signers: [{ role: 'leader', count: 1 }], served: false },
  inspection_record: { signers: [officers2, party1], served: false },
  inquiry_record: { signers: [officers2, party1], served: false },
  rectification_order: { signers: [officers2], served: true },
  evidence_registration_notice: { signers: [officers2, party1], served: true },
  seizure_decision: { signers: [], served: true },
  seizure_list: { signers: [officers2, party1], served: false },
  penalty_notice: { signers: [], served: true },
  hearing_rights_notice: { signers: [], served: true },
  hearing_notice: { signers: [], served: true },
  hearing_record: { signers: [party1], served: false },
  investigation_report: { signers: [officers2], served: false },
  legal_review_opinion: { signers: [{ role: 'reviewer', count: 1 }], served: false },
  collective_discussion_record: { signers: [{ role: 'leader', count: 1 }], served: false },
  penalty_decision: { signers: [officers2], served: true },
  simple_penalty_decision: { signers: [officers2], served: true },
  service_receipt: { signers: [party1], served: false },
  payment_demand: { signers: [], served: true },
  closing_report: { signers: [{ role: 'officer', count: 1 }, { role: 'leader', count: 1 }], served: false },
  file_index: { signers: [{ role: 'officer', count: 1 }], served: false },
  file_note: { signers: [{ role: 'officer', count: 1 }], served: false },
};

/** The path a case took, read from its facts and timeline (casePathOf). */
export interface CasePath {
  procedure: 'general' | 'simple';
  /** Actions on the timeline (case_event). */
  steps: ReadonlySet<string>;
  hearingRights: boolean;
  reviewRequired: boolean;
  outcome: 'penalty' | 'no_penalty' | 'transfer' | null;
  /** How the decision was served (case facts), null before. */
  serviceMethod: string | null;
}

export interface Requirement {
  docType: DocumentTypeCode;
  name: string;
  stage: Stage;
  citation: Citation;
  /** The article that requires the service (第六十一条 for the decision), when it differs from the making. */
  serviceCitation: Citation | null;
  when: (p: CasePath) => boolean;
}

const general = (p: CasePath) => p.procedure === 'general';
const reached = (...steps: string[]) => (p: CasePath) => steps.some((s) => p.steps.has(s));
/** 送达回证 goes with service by hand (the party, a family member or the premises); not with post, e-mail or notice. */
const BY_HAND = new Set(['direct', 'left_at_premises', 'entrusted']);

const req = (docType: DocumentTypeCode, stage: Stage, citation: Citation, when: (p: CasePath) => boolean, serviceCitation: Citation | null = null): Requirement => ({
  docType,
  name: documentType(docType)!.name,
  stage,
  citation,
  serviceCitation,
  when,
});

const SERVE_DECISION = cite(XZCF, '第六十一条', '行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，行政机关应当在七日内依照《中华人民共和国民事诉讼法》的有关规定，将行政处罚决定书送达当事人。');

/** The rule list (docs/legal-rules.md describes it). Order: the legal order of the file (卷宗). */
export const REQUIREMENTS: readonly Requirement[] = [
  req('filing_approval', 'close', cite(XZCF, '第五十四条', '符合立案标准的，行政机关应当及时立案。'), (p) => general(p) && p.steps.has('approve_filing')),
  req('inspection_record', 'close', cite(XZCF, '第五十五条', '询问或者检查应当制作笔录。'), (p) => general(p) && p.steps.has('approve_filing')),
  req('evidence_registration_notice', 'close', cite(XZCF, '第五十六条', '行政机关在收集证据时，可以采取抽样取证的方法；在证据可能灭失或者以后难以取得的情况下，经行政机关负责人批准，可以先行登记保存，并应当在七日内及时作出处理决定，在此期间，当事人或者有关人员不得销毁或者转移证据。'), reached('register_evidence')),
  req('seizure_decision', 'close', cite(XZQZ, '第二十四条', '行政机关决定实施查封、扣押的，应当履行本法第十八条规定的程序，制作并当场交付查封、扣押决定书和清单。'), reached('seize')),
  req('seizure_list', 'close', cite(XZQZ, '第二十四条', '行政机关决定实施查封、扣押的，应当履行本法第十八条规定的程序，制作并当场交付查封、扣押决定书和清单。'), reached('seize')),
  req('investigation_report', 'close', LOCAL, reached('close_investigation')),
  req('penalty_notice', 'close', cite(XZCF, '第四十四条', '行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利。'), reached('notify')),
  req('hearing_rights_notice', 'close', cite(XZCF, '第六十三条', '行政机关拟作出下列行政处罚决定，应当告知当事人有要求听证的权利，当事人要求听证的，行政机关应当组织听证：'), (p) => general(p) && p.hearingRights),
  req('hearing_notice', 'close', cite(XZCF, '第六十四条', '（二）行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点；'), reached('schedule_hearing')),
  req('hearing_record', 'close', cite(XZCF, '第六十四条', '（八）听证应当制作笔录。笔录应当交当事人或者其代理人核对无误后签字或者盖章。当事人或者其代理人拒绝签字或者盖章的，由听证主持人在笔录中注明。'), reached('hold_hearing')),
  req('legal_review_opinion', 'close', cite(XZCF, '第五十八条', '有下列情形之一，在行政机关负责人作出行政处罚的决定之前，应当由从事行政处罚决定法制审核的人员进行法制审核；未经法制审核或者审核未通过的，不得作出决定：'), (p) => general(p) && (p.reviewRequired || p.steps.has('legal_review'))),
  req('collective_discussion_record', 'close', cite(XZCF, '第五十七条', '对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。'), reached('collective_discussion')),
  req('penalty_decision', 'close', cite(XZCF, '第五十九条', '行政机关依照本法第五十七条的规定给予行政处罚，应当制作行政处罚决定书。'), (p) => general(p) && p.outcome === 'penalty', SERVE_DECISION),
  // 不予行政处罚决定书: required by 住建部令第55号 (no text here), written in the decision's series.
  req('penalty_decision', 'close', { source: 'unverified_ministerial', law: '住房和城乡建设行政处罚程序规定（住建部令第55号）', version: '2022', article: null, quote: null }, (p) => general(p) && p.outcome === 'no_penalty', SERVE_DECISION),
  req('simple_penalty_decision', 'close', cite(XZCF, '第五十二条', '执法人员当场作出行政处罚决定的，应当向当事人出示执法证件，填写预定格式、编有号码的行政处罚决定书，并当场交付当事人。当事人拒绝签收的，应当在行政处罚决定书上注明。'), (p) => p.procedure === 'simple'),
  req('service_receipt', 'close', cite(MSSS, '第八十七条', '送达诉讼文书必须有送达回证，由受送达人在送达回证上记明收到日期，签名或者盖章。'), (p) => general(p) && p.serviceMethod !== null && BY_HAND.has(p.serviceMethod)),
  req('payment_demand', 'close', cite(XZQZ, '第三十五条', '行政机关作出强制执行决定前，应当事先催告当事人履行义务。催告应当以书面形式作出，并载明下列事项:'), reached('urge')),
  req('closing_report', 'close', LOCAL, general),
  req('file_index', 'archive', LOCAL, () => true),
  req('file_note', 'archive', LOCAL, () => true),
];

/** The documents a case on this path must hold before the stage (archive includes what closing needed). */
export function requiredDocuments(path: CasePath, stage: Stage): Requirement[] {
  return REQUIREMENTS.filter((r) => (stage === 'archive' || r.stage === 'close') && r.when(path));
}

/** What a case holds of one document (its counting records: signatures and services on a voided 文号 left out). */
export interface HeldDocument {
  docType: DocumentTypeCode;
  ref: string;
  numbered: boolean;
  signatures: readonly { role: SignatureRole; personId: string | null; name: string; refused: boolean }[];
  served: boolean;
  /** Something was recorded for it (a 文号, void ones included, a signature, a service): it exists, however incomplete. */
  made?: boolean;
}

export type Problem = 'missing' | 'not_numbered' | 'unsigned' | 'not_served';

/** Signers still missing: per role, how many more (a party's recorded refusal counts as the party's line). */
export function missingSigners(docType: DocumentTypeCode, signatures: HeldDocument['signatures']): { role: SignatureRole; count: number }[] {
  const out: { role: SignatureRole; count: number }[] = [];
  for (const need of DOCUMENT_RULES[docType].signers) {
    const who = new Set(signatures.filter((s) => s.role === need.role).map((s) => s.personId ?? `name:${s.name}`));
    if (who.size < need.count) out.push({ role: need.role, count: need.count - who.size });
  }
  return out;
}

/**
 * The first problem of a document (or null when it is complete), in the order the work is done: made (anything
 * recorded: a number or a signature), numbered (types with a 文号 word), signed, served (types that are served).
 */
export function documentProblem(docType: DocumentTypeCode, doc: HeldDocument | undefined): { problem: Problem; signers: { role: SignatureRole; count: number }[] } | null {
  const numberedType = documentType(docType)?.word != null;
  if (!doc || (!doc.made && !doc.numbered && doc.signatures.length === 0 && !doc.served)) return { problem: 'missing', signers: [] };
  if (numberedType && !doc.numbered) return { problem: 'not_numbered', signers: [] };
  const signers = missingSigners(docType, doc.signatures);
  if (signers.length) return { problem: 'unsigned', signers };
  if (DOCUMENT_RULES[docType].served && !doc.served) return { problem: 'not_served', signers: [] };
  return null;
}

export interface MissingDocument {
  docType: DocumentTypeCode;
  name: string;
  problem: Problem;
  citation: Citation;
  /** For `unsigned`: who must still sign. */
  signers: { role: SignatureRole; count: number }[];
}

/**
 * The required documents that are missing or incomplete. Several documents of one type (two seizures, refs):
 * one complete document satisfies the requirement; otherwise the one furthest along is reported.
 */
export function missingDocuments(path: CasePath, held: readonly HeldDocument[], stage: Stage): MissingDocument[] {
  const rank: Record<Problem, number> = { missing: 0, not_numbered: 1, unsigned: 2, not_served: 3 };
  const out: MissingDocument[] = [];
  for (const r of requiredDocuments(path, stage)) {
    const docs = held.filter((d) => d.docType === r.docType);
    const problems = (docs.length ? docs : [undefined]).map((d) => documentProblem(r.docType, d));
    if (problems.some((p) => p === null)) continue;
    const worstFirst = problems as NonNullable<(typeof problems)[number]>[];
    const best = worstFirst.reduce((a, b) => (rank[b.problem] > rank[a.problem] ? b : a));
    out.push({ docType: r.docType, name: r.name, problem: best.problem, citation: best.problem === 'not_served' && r.serviceCitation ? r.serviceCitation : r.citation, signers: best.signers });
  }
  return out;
}

/** The path of a case from its procedure, facts and timeline actions. */
export function casePathOf(procedure: string, facts: { notice?: { hearingRights: boolean }; review: { triggers: readonly string[] }; decision?: { outcome: string }; service?: { method: string } }, steps: Iterable<string>): CasePath {
  return {
    procedure: procedure === 'simple' ? 'simple' : 'general',
    steps: new Set(steps),
    hearingRights: facts.notice?.hearingRights ?? false,
    reviewRequired: facts.review.triggers.length > 0,
    outcome: (facts.decision?.outcome as CasePath['outcome']) ?? null,
    serviceMethod: facts.service?.method ?? null,
  };
}
