/**
 * Public types of the legal core: rules as data, the working-day calendar, and the explanation every
 * computed result carries. Pure types only, shared by the legal module's API, the case lifecycle and the
 * web (through the generated API contract). Changes here stay additive: other modules build on them.
 */

/** A civil date 'YYYY-MM-DD' in Asia/Shanghai (no time, no zone). */
export type IsoDate = string;

/** One yearly 国务院办公厅 notice (部分节假日安排), as data. */
export interface HolidayNotice {
  year: number;
  title: string;
  issuedOn: IsoDate;
  source: string;
  /** Every day off of the holiday periods, including the weekend days inside them. */
  holidays: { date: IsoDate; name: string }[];
  /** 调休上班: weekend days that are working days. */
  makeupWorkdays: IsoDate[];
}

export type NoticeIssueCode =
  | 'year_invalid'
  | 'title_required'
  | 'source_required'
  | 'date_invalid'
  | 'date_outside_year'
  | 'holiday_duplicate'
  | 'holiday_name_required'
  | 'makeup_duplicate'
  | 'makeup_not_weekend'
  | 'holiday_and_makeup'
  | 'no_holidays'
  | 'issued_on_invalid';

/** Why a notice is refused: the field, a machine code, an English message, and the offending date. */
export interface NoticeIssue {
  field: 'year' | 'title' | 'issuedOn' | 'source' | 'holidays' | 'makeupWorkdays';
  code: NoticeIssueCode;
  message: string;
  date?: IsoDate;
}

/** missing: no calendar (notice) loaded for that year. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday' | 'missing';

export interface WorkingCalendar {
  /** Years with a loaded notice, ascending. */
  readonly years: readonly number[];
  kind(date: IsoDate): DayKind;
  holidayName(date: IsoDate): string | null;
}

/** A law and the version (promulgation/amendment date of the text) a rule is taken from. */
export interface LawRef {
  name: string;
  version: IsoDate;
}

/** Where a rule or a counting step comes from: law, article (第N条), optional paragraph (第N款). */
export interface Citation {
  law: LawRef;
  article: string;
  paragraph?: string;
}

export type RuleKind = 'period' | 'amount_threshold' | 'rate_cap' | 'limitation' | 'counting';
export type RuleOrigin = 'national' | 'unverified_ministerial' | 'local';

/** The event a period counts from (for the UI and the case lifecycle to pick the start date). */
export type PeriodEvent =
  | 'lead_received' // 线索 / 发现
  | 'case_opened' // 立案
  | 'decision_served' // 处罚决定书送达
  | 'decision_made' // 决定作出
  | 'notice_served' // 告知书送达
  | 'hearing_requested' // 听证申请
  | 'hearing_notice' // 听证举行前通知
  | 'evidence_registered' // 先行登记保存
  | 'seizure_made' // 查封、扣押
  | 'urge_served' // 催告书送达
  | 'payment_due_expired' // 履行期限届满
  | 'decision_known' // 知道或者应当知道行政行为
  | 'decision_changed' // 决定被变更、撤销、确认违法或无效
  | 'simple_decision_made' // 当场处罚决定
  | 'service_notice_published' // 公告送达: 公告发出
  | 'act'; // 违法行为发生（或终了）

/** What happens when the last day of a calendar-day period falls on a rest day. */
export type RestDayRule =
  /** The period ends that day anyway (the law provides no move, or a conservative authority-side deadline). */
  | { kind: 'none'; why: string }
  /** Moves to the next working day (民法典 第二百零三条 / 民事诉讼法 第八十五条), with the citation. */
  | { kind: 'next_working_day'; citation: Citation };

export interface PeriodParams {
  type: 'period';
  count: number;
  unit: 'day' | 'month' | 'year';
  /** 'working': only working days count (行政处罚法 第八十五条, 行政强制法 第六十九条, 行政复议法 第八十八条). */
  counting: 'calendar' | 'working';
  /** The article that makes this period working days or calendar days. */
  countingCitation: Citation;
  /** The article by which the start day is not counted (民法典 第二百零一条, 民事诉讼法 第八十五条). */
  startCitation: Citation;
  /**
   * What the computed date means: the last day of the period (default), or the earliest day the next act
   * may take place (e.g. a hearing held 七日前 after its notice, 行政处罚法 第六十四条 第二项).
   */
  result?: 'last_day' | 'earliest_day';
  restDay: RestDayRule;
  from: PeriodEvent;
  /** An extension the law allows (e.g. 查封扣押 +30 days with approval), counted the same way from the due date. */
  extension?: { count: number; unit: 'day' | 'month' | 'year'; needsApproval: boolean };
  /** Whose period it is: the party's (a right or duty of the party) or the authority's own duty. */
  holder: 'party' | 'authority' | 'court';
  /** A local/editable period (e.g. 立案 check period): the value may be configured by the bureau. */
  configurable?: boolean;
}

export type PartyType = 'individual' | 'organization';

export interface ThresholdParams {
  type: 'amount_threshold';
  /** Maximum fine in fen (inclusive: "以下" includes the amount), per party type. */
  maxFen: Record<PartyType, number>;
  /** Penalty kinds allowed besides a fine within the limit (e.g. 'warning'). */
  otherKinds: readonly string[];
  /** What the threshold decides. */
  purpose: 'simple_procedure' | 'hearing' | 'legal_review';
}

export interface RateCapParams {
  type: 'rate_cap';
  /** Daily rate in basis points of the principal (3 % = 300). Integer math only. */
  dailyRateBp: number;
  /** Cap as a fraction of the principal in basis points (10000 = not more than the fine itself). */
  capBp: number;
}

export interface LimitationParams {
  type: 'limitation';
  years: number;
  /** The longer period for aggravated cases (e.g. 5 years: 生命健康安全、金融安全且有危害后果). */
  aggravatedYears?: number;
  from: 'act_or_end_of_continuing_act';
}

/** A period-counting rule itself (shipped so the rule list shows where each counting step comes from). */
export interface CountingParams {
  type: 'counting';
  /** working_days: the listed day counts of that law are working days (days ≤ upToDays, or exactly `days`). */
  scope: 'working_days' | 'start_not_counted' | 'month_end' | 'rest_day_roll_forward';
  days?: readonly number[];
  upToDays?: number;
}

export type RuleParams = PeriodParams | ThresholdParams | RateCapParams | LimitationParams | CountingParams;

interface LegalRuleBase {
  id: string;
  law: LawRef;
  article: string;
  paragraph?: string;
  /** The article's sentence, quoted from the official text. */
  quote: string;
  titleZh: string;
  titleEn: string;
  origin: RuleOrigin;
  /** false when the text could not be checked against an official file (old versions, ministerial orders). */
  verified: boolean;
  /** Why unverified, or any other caveat (English, for legal staff and docs). */
  note?: string;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
}

/** A rule as data. `kind` and `params.type` agree, so checking `rule.kind` narrows `rule.params`. */
export type LegalRule =
  | (LegalRuleBase & { kind: 'period'; params: PeriodParams })
  | (LegalRuleBase & { kind: 'amount_threshold'; params: ThresholdParams })
  | (LegalRuleBase & { kind: 'rate_cap'; params: RateCapParams })
  | (LegalRuleBase & { kind: 'limitation'; params: LimitationParams })
  | (LegalRuleBase & { kind: 'counting'; params: CountingParams });

export type PeriodRule = Extract<LegalRule, { kind: 'period' }>;

/**
 * One step of an explanation: machine-readable (kind, dates, citation) so the web renders it in
 * Chinese and English. Never English prose.
 */
export type ExplanationStep =
  | { kind: 'rule'; ruleId: string; citation: Citation }
  | { kind: 'start'; date: IsoDate; event: PeriodEvent | null }
  | { kind: 'start_not_counted'; date: IsoDate; citation: Citation }
  | { kind: 'counting'; count: number; unit: 'day' | 'month' | 'year'; counting: 'calendar' | 'working'; citation: Citation }
  | { kind: 'skip'; date: IsoDate; dayKind: DayKind; holidayName: string | null }
  | { kind: 'month_end_clamped'; from: IsoDate; day: number; to: IsoDate; citation: Citation }
  | { kind: 'roll_forward'; from: IsoDate; to: IsoDate; reason: 'weekend' | 'holiday'; holidayName: string | null; citation: Citation }
  | { kind: 'no_roll_forward'; date: IsoDate; dayKind: DayKind; why: string }
  | { kind: 'calendar_missing'; years: number[] }
  | { kind: 'extension'; from: IsoDate; count: number; unit: 'day' | 'month' | 'year'; needsApproval: boolean }
  | { kind: 'due'; date: IsoDate; meaning: 'last_day' | 'earliest_day' }
  | { kind: 'late_fee_days'; from: IsoDate; to: IsoDate; days: number }
  | { kind: 'late_fee_amount'; principalFen: number; dailyRateBp: number; days: number; feeFen: number; citation: Citation }
  | { kind: 'late_fee_capped'; uncappedFen: number; capFen: number; citation: Citation }
  | { kind: 'limitation_period'; years: number; aggravated: boolean; from: IsoDate; lastDay: IsoDate; citation: Citation }
  | { kind: 'limitation_continuing'; actDate: IsoDate; endDate: IsoDate };

export type DeadlineResult =
  | { ok: true; due: IsoDate; explanation: ExplanationStep[] }
  | { ok: false; code: 'legal.calendar_missing'; years: number[]; explanation: ExplanationStep[] }
  | { ok: false; code: 'legal.date_invalid' | 'legal.rule_not_period' | 'legal.no_extension'; years: number[]; explanation: ExplanationStep[] };

export type SimpleProcedureResult =
  | { allowed: true; rule: LegalRule }
  | {
      allowed: false;
      rule: LegalRule | null;
      code: 'legal.simple_procedure.no_rule' | 'legal.simple_procedure.over_limit' | 'legal.simple_procedure.kind_not_allowed' | 'legal.simple_procedure.amount_invalid';
      reason: string;
    };

export type LimitationResult =
  | { ok: true; barred: boolean; lastDay: IsoDate; explanation: ExplanationStep[] }
  | { ok: false; code: 'legal.limitation.no_rule' | 'legal.limitation.end_before_act' | 'legal.limitation.discovered_before_act' | 'legal.date_invalid'; reason: string; explanation: ExplanationStep[] };
