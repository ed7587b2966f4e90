/**
 * What a case has established so far, step by step (stored as one jsonb document on the case row; every step is
 * also an event of the timeline). Pure data.
 */
import type { IsoDate } from '../../legal';
import type { Penalty, ReviewTrigger } from './guards';

export const SERVICE_METHODS = ['direct', 'left_at_premises', 'entrusted', 'post', 'electronic', 'public_notice'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];
export const DECISION_OUTCOMES = ['penalty', 'no_penalty', 'transfer'] as const;
/**
 * 先行登记保存 处理决定 (行政处罚法 第五十六条): released (解除，退还), seized (依法查封、扣押, then the `seize` step),
 * tested (送交检验、检测、鉴定), transferred (移送有关机关).
 */
export const EVIDENCE_OUTCOMES = ['released', 'seized', 'tested', 'transferred'] as const;
export type EvidenceOutcome = (typeof EVIDENCE_OUTCOMES)[number];
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** The violation as checked against the catalogue (a snapshot: the catalogue may change later). */
export interface ViolationSnapshot {
  code: string;
  name: string;
  /** The article that sets the penalty, for the decision. */
  basis: string | null;
  band: string | null;
  /** Where the last checked penalty stands: inside the chosen band, outside it (reason, 法制审核), or unchecked. */
  standing: 'within_band' | 'outside_band' | 'unchecked';
  outsideBandReason: string | null;
}

export interface CaseFacts {
  leadSummary: string;
  check?: { on: IsoDate; proposal: 'file' | 'not_file'; findings: string };
  investigation?: { closedOn: IsoDate; report: string };
  proposedPenalty?: Penalty;
  notice?: { on: IsoDate; penalty: Penalty; hearingRights: boolean };
  statements: { on: IsoDate; waived: boolean; text: string | null }[];
  hearing?: { requestedOn?: IsoDate; waivedOn?: IsoDate; noticeOn?: IsoDate; hearingOn?: IsoDate; chairPersonId?: string; heldOn?: IsoDate; minutes?: string };
  review: { triggers: ReviewTrigger[]; result?: 'approved' | 'returned'; on?: IsoDate; reviewerName?: string; opinion?: string };
  major: boolean;
  discussion?: { on: IsoDate; conclusion: string; participants: string[] };
  decisionExtensions: { on: IsoDate; reason: string }[];
  decision?: { on: IsoDate; outcome: DecisionOutcome; penalty: Penalty | null; reason: string | null; number: string | null };
  service?: { on: IsoDate; method: ServiceMethod; consent: boolean };
  /** 公告送达: the day the notice was issued, why (第九十五条第二款), and the day it is deemed served (30 days on). */
  serviceNotice?: { on: IsoDate; reason: string; deemedOn: IsoDate | null };
  /** 先行登记保存 (第五十六条), each with its 处理决定. Absent on cases stored before it existed. */
  evidence?: { id: string; on: IsoDate; items: string; place: string | null; decidedOn?: IsoDate; outcome?: EvidenceOutcome }[];
  urges: { on: IsoDate }[];
  payment?: { on: IsoDate; amountFen: number; lateFeeFen: number; onSpot: boolean };
  court?: { appliedOn: IsoDate; result?: string; resultOn?: IsoDate };
  filing?: { on: IsoDate };
  closedOn?: IsoDate;
  archivedOn?: IsoDate;
  /** 不予立案 / 撤案 reason. */
  endReason?: string;
}

export const emptyFacts = (leadSummary: string): CaseFacts => ({ leadSummary, statements: [], review: { triggers: [] }, major: false, decisionExtensions: [], urges: [] });
