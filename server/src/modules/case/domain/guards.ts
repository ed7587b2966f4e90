/**
 * Checks on the facts of a case beyond its state (pure): the officers who act, the dates of a step, 听证 rights,
 * the triggers of 法制审核 and what a decision needs. The law quoted is 行政处罚法 (2021-01-22) unless said otherwise.
 */
import type { IsoDate } from '../../legal';

export const PENALTY_KINDS = ['warning', 'fine', 'confiscation', 'suspension', 'closure'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];
export interface Penalty {
  kinds: PenaltyKind[];
  /** Fine in fen (0 when no fine). */
  fineFen: number;
}

export const PARTY_KINDS = ['individual', 'business', 'organization'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
/**
 * The party type the thresholds of 第五十一条 and 第六十三条 use: a 个体工商户 is a natural person doing business
 * (民法典 第五十四条), so it counts as 公民.
 */
export const thresholdPartyType = (k: PartyKind): 'individual' | 'organization' => (k === 'organization' ? 'organization' : 'individual');

/** A person as the personnel ledger knows them on the step's date. */
export interface OfficerFacts {
  personId: string;
  name: string;
  kind: string; // 'officer' | 'auxiliary'
  status: string; // 'active' | 'left'
  certificateNo: string | null;
  certificateIssuedOn: IsoDate | null;
  certificateExpiresOn: IsoDate | null;
}

/** A 执法证 is valid on a date from its issue day to its expiry day, both included. */
export const certificateValid = (p: Pick<OfficerFacts, 'certificateNo' | 'certificateIssuedOn' | 'certificateExpiresOn'>, onDate: IsoDate): boolean =>
  p.certificateNo !== null && p.certificateIssuedOn !== null && p.certificateExpiresOn !== null && p.certificateIssuedOn <= onDate && onDate <= p.certificateExpiresOn;

export type OfficerProblem =
  | { code: 'case.officers_two_required'; message: string }
  | { code: 'case.officer_unknown'; message: string; personId: string }
  | { code: 'case.officer_auxiliary'; message: string; personId: string; name: string }
  | { code: 'case.certificate_invalid'; message: string; personId: string; name: string; certificateNo: string | null; expiresOn: IsoDate | null; onDate: IsoDate };

/**
 * 第四十二条 (执法人员不得少于两人) and 第五十五条 (出示执法证件): every step names two different officers, each holding
 * a 执法证 valid on the step's date; a 协管员 may assist but never be one of them. The first problem, naming the person.
 */
export function officersProblem(ids: readonly string[], known: ReadonlyMap<string, OfficerFacts>, onDate: IsoDate): OfficerProblem | null {
  if (ids.length !== 2 || ids[0] === ids[1]) return { code: 'case.officers_two_required', message: 'A step names two different enforcement officers (行政处罚法 第四十二条)' };
  for (const id of ids) {
    const p = known.get(id);
    if (!p || p.status !== 'active') return { code: 'case.officer_unknown', message: `No active person ${id} in the personnel ledger of this team`, personId: id };
    if (p.kind !== 'officer') return { code: 'case.officer_auxiliary', message: `${p.name} is a 协管员: auxiliaries may assist but never act as an enforcement officer`, personId: id, name: p.name };
    if (!certificateValid(p, onDate)) {
      return {
        code: 'case.certificate_invalid',
        message: `${p.name} holds no 执法证 valid on ${onDate}${p.certificateExpiresOn ? ` (expires ${p.certificateExpiresOn})` : ''}`,
        personId: id,
        name: p.name,
        certificateNo: p.certificateNo,
        expiresOn: p.certificateExpiresOn,
        onDate,
      };
    }
  }
  return null;
}

/** A step is dated on or after the act and not in the future. */
export function stepDateProblem(onDate: IsoDate, actDate: IsoDate, today: IsoDate): { code: 'case.date_before_act' | 'case.date_in_future'; message: string } | null {
  if (onDate < actDate) return { code: 'case.date_before_act', message: `The date ${onDate} is before the act (${actDate})` };
  if (onDate > today) return { code: 'case.date_in_future', message: `The date ${onDate} is after today (${today})` };
  return null;
}

/**
 * 第六十三条: 听证 rights for 较大数额罚款, 没收较大数额…, 降低资质等级、吊销许可证件, 责令停产停业、责令关闭、限制从业.
 * "较大数额" is set by the rule in force (`hearingFineFen`, a local or ministerial threshold per party type).
 */
export function hearingRights(p: Penalty, hearingFineFen: number | null): boolean {
  if (p.kinds.includes('suspension') || p.kinds.includes('closure')) return true;
  if (p.kinds.includes('confiscation')) return true;
  return hearingFineFen !== null && p.kinds.includes('fine') && p.fineFen >= hearingFineFen;
}

export const REVIEW_TRIGGERS = ['public_interest', 'hearing_held', 'complex', 'statutory', 'outside_band'] as const;
export type ReviewTrigger = (typeof REVIEW_TRIGGERS)[number];

/**
 * 第五十八条: 法制审核 before the decision when (一) 重大公共利益, (二) 重大权益 and 经过听证程序, (三) 疑难复杂、多个法律关系,
 * (四) other statutory cases; and (issue 11) a penalty outside the chosen 裁量基准 band.
 */
export function reviewTriggers(f: { publicInterest?: boolean; complex?: boolean; statutoryReview?: boolean; hearingHeld: boolean; outsideBand: boolean }): ReviewTrigger[] {
  const out: ReviewTrigger[] = [];
  if (f.publicInterest) out.push('public_interest');
  if (f.hearingHeld) out.push('hearing_held');
  if (f.complex) out.push('complex');
  if (f.statutoryReview) out.push('statutory');
  if (f.outsideBand) out.push('outside_band');
  return out;
}

export type DecideProblemCode = 'case.legal_review_required' | 'case.collective_discussion_required' | 'case.hearing_window_open' | 'case.penalty_exceeds_notice' | 'case.reason_required';

/**
 * What a decision needs beyond the state: 法制审核 passed when triggered (第五十八条: 未经法制审核或者审核未通过的，不得作出决定),
 * 集体讨论 for a major case (第五十七条第二款), the 听证 request window over or waived (第六十四条第一项), and no
 * penalty heavier than the one the party was told of (第四十四条、第六十二条: a heavier one needs a new notice).
 */
export function decideProblem(
  f: {
    reviewRequired: boolean;
    reviewApproved: boolean;
    major: boolean;
    discussed: boolean;
    hearingRights: boolean;
    hearingWaived: boolean;
    hearingHeld: boolean;
    /** Due day of the 听证 request window; null when it could not be computed (calendar missing). */
    hearingWindowDue: IsoDate | null;
    noticed: Penalty | null;
  },
  d: { outcome: 'penalty' | 'no_penalty' | 'transfer'; penalty: Penalty | null; reason: string | null; onDate: IsoDate },
): { code: DecideProblemCode; message: string } | null {
  if (d.outcome !== 'penalty' && !d.reason?.trim()) return { code: 'case.reason_required', message: `A decision of ${d.outcome} needs a written reason (第五十七条)` };
  if (f.hearingRights && !f.hearingWaived && !f.hearingHeld && (f.hearingWindowDue === null || d.onDate <= f.hearingWindowDue)) {
    return { code: 'case.hearing_window_open', message: `The party may still request a hearing (until ${f.hearingWindowDue ?? 'unknown: calendar missing'}; 第六十四条第一项)` };
  }
  if (d.outcome === 'penalty') {
    if (f.reviewRequired && !f.reviewApproved) return { code: 'case.legal_review_required', message: '法制审核 is required and has not passed (第五十八条)' };
    if (f.major && !f.discussed) return { code: 'case.collective_discussion_required', message: 'A major case is decided by collective discussion (第五十七条第二款)' };
    if (f.noticed && d.penalty && (d.penalty.fineFen > f.noticed.fineFen || d.penalty.kinds.some((k) => !f.noticed!.kinds.includes(k)))) {
      return { code: 'case.penalty_exceeds_notice', message: 'The decided penalty is heavier than the one the party was told of (第四十四条): notify again' };
    }
  }
  return null;
}

/** 第六十四条第二项: the hearing is notified at least seven (working, 第八十五条) days before it is held. */
export function hearingNoticeProblem(hearingOn: IsoDate, earliestHearingOn: IsoDate | null): { code: 'case.hearing_notice_too_short'; message: string } | null {
  if (earliestHearingOn !== null && hearingOn >= earliestHearingOn) return null;
  return { code: 'case.hearing_notice_too_short', message: `The hearing must be notified seven days before it is held (earliest ${earliestHearingOn ?? 'unknown: calendar missing'}; 第六十四条第二项)` };
}
