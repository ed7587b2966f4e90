/**
 * A case (as the case module shows it: party ID already masked, facts, timeline, seizures) → the FillData of a 文书.
 * Pure. The words for codes (来源, 处罚种类, 送达方式 …) are those of the case pages (web case.zh-CN.ts): a document and
 * the screen it is printed from must not name the same thing twice differently.
 */
import { dateZh, fenToUpper, fenToYuan, type FillData } from './fill';
import type { DocumentModel } from './template-types';

type IsoDate = string;
interface PenaltyIn {
  kinds: readonly string[];
  fineFen: number;
}

/** The parts of the case module's CaseDetail read here (structural: CaseDetail satisfies it). */
export interface CaseForFill {
  caseNo: string | null;
  source: string;
  procedure: string;
  actDate: IsoDate;
  actPlace: string;
  summary: string;
  parties: readonly { kind: string; name: string; idNumberMasked: string | null; phone: string | null; address: string | null }[];
  violation: { name: string; basis: string | null; band: string | null } | null;
  proposedPenalty: PenaltyIn | null;
  decidedPenalty: PenaltyIn | null;
  officers: readonly { name: string; certificateNo: string | null }[];
  facts: {
    check?: { on: IsoDate; findings: string };
    investigation?: { closedOn: IsoDate; report: string };
    notice?: { on: IsoDate; penalty: PenaltyIn; hearingRights: boolean };
    statements: readonly { on: IsoDate; waived: boolean; text: string | null }[];
    hearing?: { noticeOn?: IsoDate; hearingOn?: IsoDate; heldOn?: IsoDate; minutes?: string };
    review: { on?: IsoDate; opinion?: string; reviewerName?: string };
    discussion?: { on: IsoDate; conclusion: string; participants: readonly string[] };
    decision?: { on: IsoDate; penalty: PenaltyIn | null; reason: string | null; number: string | null };
    service?: { on: IsoDate; method: string };
    evidence?: readonly { on: IsoDate; items: string; place: string | null }[];
    urges: readonly { on: IsoDate }[];
    payment?: { on: IsoDate; amountFen: number; lateFeeFen: number };
    filing?: { on: IsoDate };
    closedOn?: IsoDate;
    endReason?: string;
  };
  timeline: readonly { action: string; onDate: IsoDate }[];
  seizures: readonly { kind: string; items: string; place: string | null; startOn: IsoDate }[];
}

export const SOURCE_ZH: Record<string, string> = { patrol: '巡查发现', complaint: '投诉', referral: '移送／交办', report: '举报', digital_cityops: '数字城管' };
export const PENALTY_KIND_ZH: Record<string, string> = { warning: '警告', fine: '罚款', confiscation: '没收违法所得、非法财物', suspension: '责令停产停业', closure: '责令关闭' };
export const PARTY_KIND_ZH: Record<string, string> = { individual: '个人', business: '个体工商户', organization: '单位' };
export const SERVICE_METHOD_ZH: Record<string, string> = { direct: '直接送达', left_at_premises: '留置送达', entrusted: '委托送达', post: '邮寄送达', electronic: '电子送达', public_notice: '公告送达' };
export const SEIZURE_KIND_ZH: Record<string, string> = { seal: '查封', detain: '扣押' };

function penaltyFill(p: PenaltyIn | null | undefined): FillData['penalty'] {
  if (!p) return { kinds: null, text: null, fineYuan: null, fineUpper: null };
  const hasFine = p.kinds.includes('fine') && p.fineFen > 0;
  return {
    kinds: p.kinds.map((k) => PENALTY_KIND_ZH[k] ?? k).join('、'),
    text: p.kinds.map((k) => (k === 'fine' ? `罚款人民币${fenToYuan(p.fineFen)}元` : (PENALTY_KIND_ZH[k] ?? k))).join('，'),
    fineYuan: hasFine ? fenToYuan(p.fineFen) : null,
    fineUpper: hasFine ? fenToUpper(p.fineFen) : null,
  };
}

function statementsText(f: CaseForFill['facts']): string | null {
  if (!f.notice) return null;
  if (f.statements.some((s) => s.waived)) return '当事人明确放弃陈述、申辩权利。';
  const said = f.statements.filter((s) => s.text);
  if (said.length === 0) return '当事人在规定期限内未提出陈述、申辩。';
  return `当事人提出陈述、申辩：${said.map((s) => s.text).join('；')}。本机关已进行复核。`;
}

const lastOf = <T>(xs: readonly T[] | undefined): T | undefined => (xs && xs.length ? xs[xs.length - 1] : undefined);
const stepDate = (c: CaseForFill, action: string) => c.timeline.find((e) => e.action === action)?.onDate ?? null;

export interface FillContext {
  /** The 行政机关 printed in the header and the seal area. */
  bureau: string | null;
  unitName: string;
  unitShortName: string | null;
  /** Today in Asia/Shanghai (YYYY-MM-DD). */
  today: IsoDate;
  /** The document's own issued 文号. */
  number: string | null;
  /** The issued number of the 行政处罚决定书 (or 当场处罚决定书), if any. */
  decisionNumber: string | null;
  /** What a 送达回证 serves: its name and 文号. */
  served: string | null;
  signatures: DocumentModel['signatures'] | null;
}

export function fillDataOfCase(c: CaseForFill, ctx: FillContext): FillData {
  const f = c.facts;
  const party = c.parties[0];
  const seizure = c.seizures[0];
  const evidence = lastOf(f.evidence);
  const withCert = c.officers.map((o) => (o.certificateNo ? `${o.name}（执法证号：${o.certificateNo}）` : o.name));
  return {
    unit: { bureau: ctx.bureau, name: ctx.unitName, shortName: ctx.unitShortName ?? ctx.unitName, address: null, phone: null, reviewOrgan: null },
    case: { number: c.caseNo, cause: c.violation?.name ?? null, source: SOURCE_ZH[c.source] ?? c.source, actPlace: c.actPlace, summary: c.summary || null },
    party: party
      ? { name: party.name, kind: PARTY_KIND_ZH[party.kind] ?? party.kind, idNumber: party.idNumberMasked, phone: party.phone, address: party.address }
      : { name: null, kind: null, idNumber: null, phone: null, address: null },
    violation: { name: c.violation?.name ?? null, basis: c.violation?.basis ?? null, band: c.violation?.band ?? null },
    proposed: penaltyFill(f.notice?.penalty ?? c.proposedPenalty),
    penalty: penaltyFill(c.decidedPenalty ?? f.decision?.penalty),
    officers: { names: c.officers.length ? c.officers.map((o) => o.name).join('、') : null, withCertificates: withCert.length ? withCert.join('、') : null },
    facts: {
      check: f.check?.findings ?? null,
      investigation: f.investigation?.report ?? null,
      statements: statementsText(f),
      hearing: f.hearing?.minutes ?? null,
      // Printed inside 陈述、申辩{…}权利: empty when no hearing right was given (not a blank to fill in).
      hearingRightsWords: f.notice ? (f.notice.hearingRights ? '、要求听证' : '') : null,
      review: f.review.opinion ?? null,
      participants: f.discussion ? f.discussion.participants.join('、') : null,
      discussion: f.discussion?.conclusion ?? null,
      decisionReason: f.decision ? (f.decision.reason ?? '') : null,
      evidenceItems: evidence?.items ?? null,
      evidencePlace: evidence?.place ?? null,
      seizureKind: seizure ? (SEIZURE_KIND_ZH[seizure.kind] ?? seizure.kind) : '查封（扣押）',
      seizureItems: seizure?.items ?? null,
      seizurePlace: seizure?.place ?? null,
      payment: f.payment ? `当事人已于${dateZh(f.payment.on)}缴纳罚款人民币${fenToYuan(f.payment.amountFen)}元${f.payment.lateFeeFen ? `、加处罚款人民币${fenToYuan(f.payment.lateFeeFen)}元` : ''}。` : null,
      closing: f.endReason ?? (f.payment ? '行政处罚决定已履行完毕。' : null),
    },
    service: { method: f.service ? (SERVICE_METHOD_ZH[f.service.method] ?? f.service.method) : null },
    related: { served: ctx.served, decisionNumber: ctx.decisionNumber ?? f.decision?.number ?? null },
    dates: {
      today: ctx.today,
      act: c.actDate,
      check: f.check?.on ?? null,
      filed: f.filing?.on ?? stepDate(c, 'approve_filing'),
      evidence: evidence?.on ?? null,
      seizure: seizure?.startOn ?? null,
      investigationClosed: f.investigation?.closedOn ?? null,
      notice: f.notice?.on ?? null,
      hearingNotice: f.hearing?.noticeOn ?? null,
      hearing: f.hearing?.hearingOn ?? null,
      hearingHeld: f.hearing?.heldOn ?? null,
      review: f.review.on ?? null,
      discussion: f.discussion?.on ?? null,
      decision: f.decision?.on ?? stepDate(c, 'simple_decide'),
      service: f.service?.on ?? null,
      urge: lastOf(f.urges)?.on ?? null,
      closed: f.closedOn ?? null,
    },
    doc: { number: ctx.number },
    signatures: ctx.signatures,
  };
}
