/**
 * 公示 of penalty decisions (行政处罚法 2021-01-22 第四十八条), as data. Pure.
 *
 * 第四十八条 第一款: 具有一定社会影响的行政处罚决定应当依法公开。
 * 第四十八条 第二款: 公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。
 * 第八十五条: 本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日。
 *
 * The law does not say which decisions have 一定社会影响, nor within how many days they are published: both are local
 * defaults here (本地默认值，待本局确认), stored per database and editable. The withdrawal period is the national rule
 * `xzcf.publication_withdrawal` of the legal module's rule set (counted there in working days).
 */
import type { IsoDate, LegalRule } from '../../legal';

export const LAW_XZCF = { name: '中华人民共和国行政处罚法', version: '2021-01-22' } as const;

export const PUBLICATION_RULE = {
  law: LAW_XZCF,
  article: '第四十八条',
  paragraph: '第一款',
  quote: '具有一定社会影响的行政处罚决定应当依法公开。',
} as const;

export const WITHDRAWAL_RULE = {
  /** The rule of the legal module's published rule set that counts the withdrawal period. */
  ruleId: 'xzcf.publication_withdrawal',
  law: LAW_XZCF,
  article: '第四十八条',
  paragraph: '第二款',
  quote: '公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。',
  countingArticle: '第八十五条',
  countingQuote: '本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日。',
} as const;

/** Penalty kinds of the case module (case/domain/guards.ts PENALTY_KINDS). */
export type PenaltyKind = 'warning' | 'fine' | 'confiscation' | 'suspension' | 'closure';
export type PartyKind = 'individual' | 'business' | 'organization';

/** What makes a decision 具有一定社会影响 here, and the publication period. All local defaults, editable. */
export interface PublicationCriteria {
  /** A fine at or above this amount (fen) is published; per party type (个体工商户 counts as 公民, 民法典 第五十四条). */
  fineAtLeastFen: { individual: number; organization: number };
  /** Decisions containing any of these kinds are published (没收, 责令停产停业, 吊销/责令关闭). */
  kinds: PenaltyKind[];
  /** Working days from the decision within which it is published. */
  publishWithinWorkingDays: number;
}

export const DEFAULT_CRITERIA: PublicationCriteria = {
  fineAtLeastFen: { individual: 5_000_00, organization: 50_000_00 },
  kinds: ['confiscation', 'suspension', 'closure'],
  publishWithinWorkingDays: 7,
};

/** Said wherever the criteria are shown: they are no statute. */
export const LOCAL_DEFAULT_LABEL = '本地默认值，待本局确认';

export type PublicationReason = { kind: 'fine_threshold'; thresholdFen: number } | { kind: 'penalty_kind'; penaltyKind: PenaltyKind } | { kind: 'marked' };

/**
 * Why a decided penalty must be published under the criteria (empty: it need not be). `marked`: the decider marked
 * it by hand (a decision of 一定社会影响 the criteria do not catch).
 */
export function publicationReasons(input: { kinds: readonly PenaltyKind[]; fineFen: number; partyKind: PartyKind | null; marked?: boolean }, criteria: PublicationCriteria): PublicationReason[] {
  const out: PublicationReason[] = [];
  const threshold = input.partyKind === 'organization' ? criteria.fineAtLeastFen.organization : criteria.fineAtLeastFen.individual;
  if (input.kinds.includes('fine') && input.fineFen > 0 && input.fineFen >= threshold) out.push({ kind: 'fine_threshold', thresholdFen: threshold });
  for (const k of criteria.kinds) if (input.kinds.includes(k)) out.push({ kind: 'penalty_kind', penaltyKind: k });
  if (input.marked) out.push({ kind: 'marked' });
  return out;
}

/** Criteria an administrator enters: amounts whole and non-negative, a period of 1–60 working days, known kinds. */
export function criteriaProblems(c: PublicationCriteria): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const k of ['individual', 'organization'] as const) {
    const v = c.fineAtLeastFen[k];
    if (!Number.isInteger(v) || v < 0) out.push({ field: `fineAtLeastFen.${k}`, message: 'a whole amount in fen, 0 or more' });
  }
  if (!Number.isInteger(c.publishWithinWorkingDays) || c.publishWithinWorkingDays < 1 || c.publishWithinWorkingDays > 60) out.push({ field: 'publishWithinWorkingDays', message: '1 to 60 working days' });
  if (new Set(c.kinds).size !== c.kinds.length) out.push({ field: 'kinds', message: 'each kind once' });
  return out;
}

/**
 * The publication period as a period rule of the legal engine (working days, start day not counted, no roll forward:
 * an authority's own duty), so the due day is counted on the bureau's working-day calendar like every other period.
 */
export function publicationPeriodRule(criteria: PublicationCriteria, effectiveFrom: IsoDate = '2021-07-15'): LegalRule {
  const n = criteria.publishWithinWorkingDays;
  const localDefault = { name: '（本地默认值，非法律规定，待本局确认）', version: '2025-01-01' };
  return {
    id: 'local.publication_period',
    law: localDefault,
    article: '（待本局确认依据）',
    quote: `（${LOCAL_DEFAULT_LABEL}：具有一定社会影响的行政处罚决定，自作出之日起${n}个工作日内公示。）`,
    titleZh: `处罚决定公示期限（${LOCAL_DEFAULT_LABEL}）`,
    titleEn: 'Period to publish a penalty decision (local default, to be confirmed)',
    origin: 'local',
    verified: false,
    note: '行政处罚法 第四十八条 requires publication but sets no period.',
    effectiveFrom,
    effectiveTo: null,
    kind: 'period',
    params: {
      type: 'period',
      count: n,
      unit: 'day',
      counting: 'working',
      countingCitation: { law: localDefault, article: '（待本局确认依据）' },
      startCitation: { law: { name: '中华人民共和国民法典', version: '2020-05-28' }, article: '第二百零一条', paragraph: '第一款' },
      restDay: { kind: 'none', why: 'authority_duty' },
      from: 'decision_made',
      holder: 'authority',
      configurable: true,
    },
  };
}

export type PublicationStatus = 'pending' | 'published' | 'withdrawn';

/** Whether a step was taken in time: on or before the due day. Unknown due day (calendar missing): not late. */
export const isLate = (onDate: IsoDate, dueOn: IsoDate | null): boolean => dueOn !== null && onDate > dueOn;

export type PublicationRefusal = 'publication.wrong_state' | 'publication.reason_required' | 'publication.changed_date_invalid';

/** Publishing and withdrawing (pure): from which status, what it needs. */
export function publicationTransition(
  status: PublicationStatus,
  action: 'publish' | 'withdraw',
  ctx: { reason?: string | null; changedOn?: IsoDate | null; decidedOn?: IsoDate; today?: IsoDate } = {},
): { ok: true; to: PublicationStatus } | { ok: false; code: PublicationRefusal } {
  if (action === 'publish') return status === 'pending' ? { ok: true, to: 'published' } : { ok: false, code: 'publication.wrong_state' };
  if (status === 'withdrawn') return { ok: false, code: 'publication.wrong_state' };
  if (!ctx.reason?.trim()) return { ok: false, code: 'publication.reason_required' };
  // The day the decision was changed/revoked lies between the decision and today.
  if (ctx.changedOn && ((ctx.decidedOn && ctx.changedOn < ctx.decidedOn) || (ctx.today && ctx.changedOn > ctx.today))) return { ok: false, code: 'publication.changed_date_invalid' };
  return { ok: true, to: 'withdrawn' };
}

/** A small fixed-window limiter for the public pages (per client address), pure: the caller passes the time. */
export function createWindowLimiter(limit: number, windowMs: number, maxKeys = 10_000) {
  const hits = new Map<string, { start: number; count: number }>();
  return {
    /** true when this request is allowed. */
    take(key: string, now: number): boolean {
      let h = hits.get(key);
      if (!h || now - h.start >= windowMs) {
        if (!h && hits.size >= maxKeys) {
          // Forget finished windows first; a flood of distinct addresses cannot grow the map without bound.
          for (const [k, v] of hits) if (now - v.start >= windowMs) hits.delete(k);
          if (hits.size >= maxKeys) hits.delete(hits.keys().next().value!);
        }
        h = { start: now, count: 0 };
        hits.set(key, h);
      }
      h.count++;
      return h.count <= limit;
    },
  };
}
