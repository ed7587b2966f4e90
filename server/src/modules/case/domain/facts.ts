/**
 * What a case has established so far, step by step (stored as one jsonb document on the case row; every step is
 * also an event of the timeline). Pure data.
 */
import type { IsoDate } from '../../legal';
import type { Penalty, ReviewTrigger } from './guards';

export const SERVICE_METHODS = ['direct', 'left_at_premises', 'entrusted', 'post', 'electronic', 'public_notice'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];
export const DECISION_OUTCOMES = ['penalty', 'no_penalty', 'transfer'] as const;
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
