/**
 * The national rule set shipped with guifan, as data. Every quote is copied from the official texts in
 * ../shared/domain/laws/ (law, version date, article), except where `verified: false` says otherwise:
 *  - the 1996/2017 行政处罚法 rules (no text of that version in ../shared): from the 2021 text's history only;
 *  - 住建部令第55号 rules (no text available): `origin: 'unverified_ministerial'`, article and period to be
 *    checked and edited by the bureau's administrator.
 *
 * Rules that change over time share an `id` and differ by effective dates: (id, effectiveFrom) is unique,
 * and ruleInForce picks the version in force on the date of the act.
 *
 * How each period is counted is data (see PeriodParams):
 *  - the start day is not counted: 民法典 第二百零一条 for 行政处罚法/行政强制法 periods (applied as the general
 *    rule on counting periods, 第二百零四条), 民事诉讼法 第八十五条 for 行政复议/行政诉讼 periods (行政复议法
 *    第八十八条, 行政诉讼法 第一百零一条 refer to it);
 *  - working days: 行政处罚法 第八十五条 (its 二日/三日/五日/七日), 行政强制法 第六十九条 (its periods of 十日以内),
 *    行政复议法 第八十八条 第二款 (its 三日/五日/七日/十日); every other period is calendar days;
 *  - months and years end on the corresponding day, or the month's last day (民法典 第二百零二条);
 *  - rest-day roll-forward: for the party's calendar-day periods (民法典 第二百零三条; 民事诉讼法 第八十五条 第三款
 *    through 行政复议法 第八十八条 / 行政诉讼法 第一百零一条). The authority's own calendar-day duties (decision 90
 *    days, 查封扣押 30 days, applying to court 3 months) are not moved: 行政处罚法 and 行政强制法 provide no
 *    move, and a deadline watched for the authority must not end later than the law's plainest reading.
 */
import type { Citation, IsoDate, LawRef, LegalRule, PeriodParams } from './types';

export const LAWS = {
  xzcf: { name: '中华人民共和国行政处罚法', version: '2021-01-22' },
  /** The 1996 text as amended in 2009 and 2017 (in force until 2021-07-14); no text in ../shared. */
  xzcf2017: { name: '中华人民共和国行政处罚法', version: '2017-09-01' },
  xzqz: { name: '中华人民共和国行政强制法', version: '2011-06-30' },
  xzfy: { name: '中华人民共和国行政复议法', version: '2023-09-01' },
  xzss: { name: '中华人民共和国行政诉讼法', version: '2017-06-27' },
  mfd: { name: '中华人民共和国民法典', version: '2020-05-28' },
  msss: { name: '中华人民共和国民事诉讼法', version: '2023-09-01' },
  /** 住房和城乡建设行政处罚程序规定 — no verified text in ../shared; version date to be checked. */
  zjb55: { name: '住房和城乡建设行政处罚程序规定（住房和城乡建设部令第55号）', version: '2022-03-10' },
  local: { name: '（本地规定示例）', version: '2025-01-01' },
  /**
   * A value shipped so that a deadline can be computed at all, which no statute sets: the bureau confirms it or
   * replaces it with its own regulation (law, version, article, quote) in a draft. Never presented as a statute.
   */
  localDefault: { name: '（本地默认值，非法律规定，待本局确认）', version: '2025-01-01' },
} as const satisfies Record<string, LawRef>;

const cite = (law: LawRef, article: string, paragraph?: string): Citation => (paragraph ? { law, article, paragraph } : { law, article });

export const C = {
  startCivil: cite(LAWS.mfd, '第二百零一条', '第一款'),
  monthEnd: cite(LAWS.mfd, '第二百零二条'),
  restCivil: cite(LAWS.mfd, '第二百零三条', '第一款'),
  startProcedure: cite(LAWS.msss, '第八十五条', '第二款'),
  restProcedure: cite(LAWS.msss, '第八十五条', '第三款'),
  xzcfWorking: cite(LAWS.xzcf, '第八十五条'),
  xzqzWorking: cite(LAWS.xzqz, '第六十九条'),
  xzfyWorking: cite(LAWS.xzfy, '第八十八条', '第二款'),
  /** Calendar days: the law lists which of its periods are working days, and this one is not among them. */
  xzcfCalendar: cite(LAWS.xzcf, '第八十五条'),
  xzqzCalendar: cite(LAWS.xzqz, '第六十九条'),
  xzfyCalendar: cite(LAWS.xzfy, '第八十八条'),
  xzssCalendar: cite(LAWS.xzss, '第一百零一条'),
} as const;

const AUTHORITY_NO_ROLL = {
  kind: 'none',
  why: 'authority_duty',
} as const;

type Base = Omit<Extract<LegalRule, { kind: 'period' }>, 'kind' | 'params' | 'origin' | 'verified' | 'effectiveTo'> &
  Partial<Pick<LegalRule, 'origin' | 'verified' | 'effectiveTo'>>;
const period = (b: Base, params: Omit<PeriodParams, 'type'>): LegalRule => ({
  origin: 'national',
  verified: true,
  effectiveTo: null,
  ...b,
  kind: 'period',
  params: { type: 'period', ...params },
});

const XZCF_FROM: IsoDate = '2021-07-15'; // 行政处罚法 第八十六条: 本法自2021年7月15日起施行。
const XZQZ_FROM: IsoDate = '2012-01-01'; // 行政强制法 第七十一条: 本法自2012年1月1日起施行。
const XZFY_FROM: IsoDate = '2024-01-01'; // 行政复议法 (2023 revision) 第九十条: 本法自2024年1月1日起施行。
const XZSS_FROM: IsoDate = '2017-07-01'; // the 2017 amendment decision took effect 2017-07-01 (the file gives only 第一百零三条: 1990-10-01); to verify.
const MFD_FROM: IsoDate = '2021-01-01'; // 民法典 总则: 2021年1月1日 施行
const MSSS_FROM: IsoDate = '2024-01-01'; // the 2023 amendment of 民事诉讼法 took effect 2024-01-01 (not in the file); to verify.

export const NATIONAL_RULES: readonly LegalRule[] = [
  // ── 行政处罚法 (2021) ──────────────────────────────────────────────────────────────────────────
  {
    id: 'xzcf.limitation',
    law: LAWS.xzcf,
    article: '第三十六条',
    quote:
      '违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年。法律另有规定的除外。前款规定的期限，从违法行为发生之日起计算；违法行为有连续或者继续状态的，从行为终了之日起计算。',
    kind: 'limitation',
    titleZh: '行政处罚追责时效',
    titleEn: 'Limitation period for administrative penalties',
    origin: 'national',
    verified: true,
    effectiveFrom: XZCF_FROM,
    effectiveTo: null,
    params: { type: 'limitation', years: 2, aggravatedYears: 5, from: 'act_or_end_of_continuing_act' },
  },
  {
    id: 'xzcf.limitation',
    law: LAWS.xzcf2017,
    article: '第二十九条',
    quote: '违法行为在二年内未被发现的，不再给予行政处罚。法律另有规定的除外。',
    kind: 'limitation',
    titleZh: '行政处罚追责时效（2021年7月15日前）',
    titleEn: 'Limitation period for administrative penalties (before 2021-07-15)',
    origin: 'national',
    verified: false,
    note: 'Text of the 1996 law as amended 2017 is not in ../shared/domain/laws; article number and quote to be verified. It has no five-year period.',
    effectiveFrom: '1996-10-01',
    effectiveTo: '2021-07-14',
    params: { type: 'limitation', years: 2, from: 'act_or_end_of_continuing_act' },
  },
  {
    id: 'xzcf.simple_procedure',
    law: LAWS.xzcf,
    article: '第五十一条',
    quote:
      '违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。法律另有规定的，从其规定。',
    kind: 'amount_threshold',
    titleZh: '简易程序（当场处罚）适用条件',
    titleEn: 'Simple procedure (on-the-spot penalty) limits',
    origin: 'national',
    verified: true,
    effectiveFrom: XZCF_FROM,
    effectiveTo: null,
    params: { type: 'amount_threshold', maxFen: { individual: 200_00, organization: 3_000_00 }, otherKinds: ['warning'], purpose: 'simple_procedure' },
  },
  {
    id: 'xzcf.simple_procedure',
    law: LAWS.xzcf2017,
    article: '第三十三条',
    quote:
      '违法事实确凿并有法定依据，对公民处以五十元以下、对法人或者其他组织处以一千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。当事人应当依照本法第四十六条、第四十七条、第四十八条的规定履行行政处罚决定。',
    kind: 'amount_threshold',
    titleZh: '简易程序（当场处罚）适用条件（2021年7月15日前）',
    titleEn: 'Simple procedure limits (before 2021-07-15)',
    origin: 'national',
    verified: false,
    note: 'Text of the 1996 law as amended 2017 is not in ../shared/domain/laws (only the 2021 revision is): limits 50 / 1,000 yuan, article number and quote to be verified.',
    effectiveFrom: '1996-10-01',
    effectiveTo: '2021-07-14',
    params: { type: 'amount_threshold', maxFen: { individual: 50_00, organization: 1_000_00 }, otherKinds: ['warning'], purpose: 'simple_procedure' },
  },
  period(
    {
      id: 'xzcf.decision_period',
      law: LAWS.xzcf,
      article: '第六十条',
      quote: '行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、法规、规章另有规定的，从其规定。',
      titleZh: '作出行政处罚决定期限',
      titleEn: 'Period to decide a penalty case',
      effectiveFrom: XZCF_FROM,
    },
    { count: 90, unit: 'day', counting: 'calendar', countingCitation: C.xzcfCalendar, startCitation: C.startCivil, restDay: AUTHORITY_NO_ROLL, from: 'case_opened', holder: 'authority' },
  ),
  period(
    {
      id: 'xzcf.service_absent',
      law: LAWS.xzcf,
      article: '第六十一条',
      paragraph: '第一款',
      quote: '行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，行政机关应当在七日内依照《中华人民共和国民事诉讼法》的有关规定，将行政处罚决定书送达当事人。',
      titleZh: '当事人不在场时送达处罚决定书期限',
      titleEn: 'Period to serve the decision on an absent party',
      effectiveFrom: XZCF_FROM,
    },
    { count: 7, unit: 'day', counting: 'working', countingCitation: C.xzcfWorking, startCitation: C.startCivil, restDay: AUTHORITY_NO_ROLL, from: 'decision_made', holder: 'authority' },
  ),
  period(
    {
      id: 'xzcf.payment',
      law: LAWS.xzcf,
      article: '第六十七条',
      paragraph: '第三款',
      quote: '当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款。银行应当收受罚款，并将罚款直接上缴国库。',
      titleZh: '缴纳罚款期限',
      titleEn: 'Period to pay the fine',
      effectiveFrom: XZCF_FROM,
    },
    {
      count: 15,
      unit: 'day',
      counting: 'calendar',
      countingCitation: C.xzcfCalendar,
      startCitation: C.startCivil,
      restDay: { kind: 'next_working_day', citation: C.restCivil },
      from: 'decision_served',
      holder: 'party',
    },
  ),
  {
    id: 'xzcf.late_fee',
    law: LAWS.xzcf,
    article: '第七十二条',
    paragraph: '第一款第一项',
    quote: '到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额；',
    kind: 'rate_cap',
    titleZh: '加处罚款（每日3%，不超过罚款数额）',
    titleEn: 'Late-payment penalty (3 % a day, capped at the fine)',
    origin: 'national',
    verified: true,
    note: '行政强制法 第四十五条 第二款: 加处罚款或者滞纳金的数额不得超出金钱给付义务的数额。',
    effectiveFrom: XZCF_FROM,
    effectiveTo: null,
    params: { type: 'rate_cap', dailyRateBp: 300, capBp: 10000 },
  },
  period(
    {
      id: 'xzcf.hearing_request',
      law: LAWS.xzcf,
      article: '第六十四条',
      paragraph: '第一项',
      quote: '当事人要求听证的，应当在行政机关告知后五日内提出；',
      titleZh: '要求听证期限',
      titleEn: 'Period to request a hearing',
      effectiveFrom: XZCF_FROM,
    },
    { count: 5, unit: 'day', counting: 'working', countingCitation: C.xzcfWorking, startCitation: C.startCivil, restDay: AUTHORITY_NO_ROLL, from: 'notice_served', holder: 'party' },
  ),
  period(
    {
      id: 'xzcf.hearing_notice',
      law: LAWS.xzcf,
      article: '第六十四条',
      paragraph: '第二项',
      quote: '行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点；',
      titleZh: '听证通知（听证举行前七日）',
      titleEn: 'Hearing notice (seven days before the hearing)',
      effectiveFrom: XZCF_FROM,
    },
    {
      count: 7,
      unit: 'day',
      counting: 'working',
      countingCitation: C.xzcfWorking,
      startCitation: C.startCivil,
      restDay: AUTHORITY_NO_ROLL,
      from: 'hearing_notice',
      holder: 'authority',
      result: 'earliest_day',
    },
  ),
  period(
    {
      id: 'xzcf.evidence_preservation',
      law: LAWS.xzcf,
      article: '第五十六条',
      quote:
        '行政机关在收集证据时，可以采取抽样取证的方法；在证据可能灭失或者以后难以取得的情况下，经行政机关负责人批准，可以先行登记保存，并应当在七日内及时作出处理决定，在此期间，当事人或者有关人员不得销毁或者转移证据。',
      titleZh: '先行登记保存处理决定期限',
      titleEn: 'Period to decide on evidence registered for preservation',
      effectiveFrom: XZCF_FROM,
    },
    { count: 7, unit: 'day', counting: 'working', countingCitation: C.xzcfWorking, startCitation: C.startCivil, restDay: AUTHORITY_NO_ROLL, from: 'evidence_registered', holder: 'authority' },
  ),
  period(
    {
      id: 'xzcf.publication_withdrawal',
      law: LAWS.xzcf,
      article: '第四十八条',
      paragraph: '第二款',
      quote: '公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。',
      titleZh: '撤回公开的处罚决定信息期限',
      titleEn: 'Period to withdraw a published decision',
      effectiveFrom: XZCF_FROM,
    },
    { count: 3, unit: 'day', counting: 'working', countingCitation: C.xzcfWorking, startCitation: C.startCivil, restDay: AUTHORITY_NO_ROLL, from: 'decision_changed', holder: 'authority' },
  ),
  period(
    {
      id: 'xzcf.cash_handover',
      law: LAWS.xzcf,
      article: '第七十一条',
      quote: '执法人员当场收缴的罚款，应当自收缴罚款之日起二日内，交至行政机关；在水上当场收缴的罚款，应当自抵岸之日起二日内交至行政机关；行政机关应当在二日内将罚款缴付指定的银行。',
      titleZh: '当场收缴罚款交至行政机关期限',
      titleEn: 'Period to hand fines collected on the spot to the authority',
      note: 'Counts from the day the fine is collected on the spot, which is the day of the on-the-spot decision (第六十八条) in the usual case.',
      effectiveFrom: XZCF_FROM,
    },
    { count: 2, unit: 'day', counting: 'working', countingCitation: C.xzcfWorking, startCitation: C.startCivil, restDay: AUTHORITY_NO_ROLL, from: 'simple_decision_made', holder: 'authority' },
  ),
  // 公告送达 (行政处罚法 第六十一条: 依照《中华人民共和国民事诉讼法》的有关规定 送达).
  period(
    {
      id: 'msss.public_notice_service',
      law: LAWS.msss,
      article: '第九十五条',
      paragraph: '第一款',
      quote: '受送达人下落不明，或者用本节规定的其他方式无法送达的，公告送达。自发出公告之日起，经过三十日，即视为送达。',
      titleZh: '公告送达（公告发出经过三十日视为送达）',
      titleEn: 'Service by public notice (deemed served thirty days after the notice)',
      note: '行政处罚法 第六十一条 第一款 serves an absent party under 民事诉讼法. The computed day is the day the decision is deemed served; the payment period (第六十七条) counts from it. A last day on a rest day moves (民事诉讼法 第八十五条 第三款): the later day is the party-favourable reading.',
      effectiveFrom: MSSS_FROM,
    },
    {
      count: 30,
      unit: 'day',
      counting: 'calendar',
      countingCitation: cite(LAWS.msss, '第八十五条'),
      startCitation: C.startProcedure,
      restDay: { kind: 'next_working_day', citation: C.restProcedure },
      from: 'service_notice_published',
      holder: 'party',
    },
  ),
  {
    id: 'xzcf.working_days',
    law: LAWS.xzcf,
    article: '第八十五条',
    quote: '本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日。',
    kind: 'counting',
    titleZh: '行政处罚法期间：二日、三日、五日、七日为工作日',
    titleEn: 'Penalty-law periods of 2, 3, 5 and 7 days are working days',
    origin: 'national',
    verified: true,
    effectiveFrom: XZCF_FROM,
    effectiveTo: null,
    params: { type: 'counting', scope: 'working_days', days: [2, 3, 5, 7] },
  },

  // ── 行政强制法 ───────────────────────────────────────────────────────────────────────────────
  period(
    {
      id: 'xzqz.seizure',
      law: LAWS.xzqz,
      article: '第二十五条',
      paragraph: '第一款',
      quote: '查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。法律、行政法规另有规定的除外。',
      titleZh: '查封、扣押期限',
      titleEn: 'Seizure / impoundment period',
      effectiveFrom: XZQZ_FROM,
    },
    {
      count: 30,
      unit: 'day',
      counting: 'calendar',
      countingCitation: C.xzqzCalendar,
      startCitation: C.startCivil,
      restDay: AUTHORITY_NO_ROLL,
      from: 'seizure_made',
      holder: 'authority',
      extension: { count: 30, unit: 'day', needsApproval: true },
    },
  ),
  period(
    {
      id: 'xzqz.urge',
      law: LAWS.xzqz,
      article: '第五十四条',
      quote:
        '行政机关申请人民法院强制执行前，应当催告当事人履行义务。催告书送达十日后当事人仍未履行义务的，行政机关可以向所在地有管辖权的人民法院申请强制执行；执行对象是不动产的，向不动产所在地有管辖权的人民法院申请强制执行。',
      titleZh: '催告履行期限（申请法院强制执行前）',
      titleEn: 'Period after the formal demand before applying to court',
      note: '第三十五条/第三十七条 require the demand (催告) but set no number of days; the ten days are in 第五十四条. The authority may apply from the day after the computed date.',
      effectiveFrom: XZQZ_FROM,
    },
    { count: 10, unit: 'day', counting: 'working', countingCitation: C.xzqzWorking, startCitation: C.startCivil, restDay: AUTHORITY_NO_ROLL, from: 'urge_served', holder: 'party' },
  ),
  period(
    {
      id: 'xzqz.court_application',
      law: LAWS.xzqz,
      article: '第五十三条',
      quote: '当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行行政决定的，没有行政强制执行权的行政机关可以自期限届满之日起三个月内，依照本章规定申请人民法院强制执行。',
      titleZh: '申请人民法院强制执行期限',
      titleEn: 'Period to apply to the court for enforcement',
      note: 'Counts from the day the periods for review and lawsuit have both ended; after an approved deferral, from its end (行政处罚法 第七十二条 第二款).',
      effectiveFrom: XZQZ_FROM,
    },
    { count: 3, unit: 'month', counting: 'calendar', countingCitation: C.xzqzCalendar, startCitation: C.startCivil, restDay: AUTHORITY_NO_ROLL, from: 'payment_due_expired', holder: 'authority' },
  ),
  {
    id: 'xzqz.working_days',
    law: LAWS.xzqz,
    article: '第六十九条',
    quote: '本法中十日以内期限的规定是指工作日，不含法定节假日。',
    kind: 'counting',
    titleZh: '行政强制法十日以内期限为工作日',
    titleEn: 'Administrative-compulsion periods of up to 10 days are working days',
    origin: 'national',
    verified: true,
    effectiveFrom: XZQZ_FROM,
    effectiveTo: null,
    params: { type: 'counting', scope: 'working_days', upToDays: 10 },
  },

  // ── 行政复议法 (2023) / 行政诉讼法 (2017): remedy periods printed on a decision ───────────────
  period(
    {
      id: 'xzfy.application',
      law: LAWS.xzfy,
      article: '第二十条',
      paragraph: '第一款',
      quote: '公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。',
      titleZh: '申请行政复议期限',
      titleEn: 'Period to apply for administrative review',
      effectiveFrom: XZFY_FROM,
    },
    {
      count: 60,
      unit: 'day',
      counting: 'calendar',
      countingCitation: C.xzfyCalendar,
      startCitation: C.startProcedure,
      restDay: { kind: 'next_working_day', citation: C.restProcedure },
      from: 'decision_known',
      holder: 'party',
    },
  ),
  {
    id: 'xzfy.working_days',
    law: LAWS.xzfy,
    article: '第八十八条',
    quote:
      '行政复议期间的计算和行政复议文书的送达，本法没有规定的，依照《中华人民共和国民事诉讼法》关于期间、送达的规定执行。本法关于行政复议期间有关“三日”、“五日”、“七日”、“十日”的规定是指工作日，不含法定休假日。',
    kind: 'counting',
    titleZh: '行政复议期间计算',
    titleEn: 'Counting administrative-review periods',
    origin: 'national',
    verified: true,
    effectiveFrom: XZFY_FROM,
    effectiveTo: null,
    params: { type: 'counting', scope: 'working_days', days: [3, 5, 7, 10] },
  },
  period(
    {
      id: 'xzss.lawsuit',
      law: LAWS.xzss,
      article: '第四十六条',
      paragraph: '第一款',
      quote: '公民、法人或者其他组织直接向人民法院提起诉讼的，应当自知道或者应当知道作出行政行为之日起六个月内提出。法律另有规定的除外。',
      titleZh: '直接提起行政诉讼期限',
      titleEn: 'Period to sue directly',
      effectiveFrom: XZSS_FROM,
    },
    {
      count: 6,
      unit: 'month',
      counting: 'calendar',
      countingCitation: C.xzssCalendar,
      startCitation: C.startProcedure,
      restDay: { kind: 'next_working_day', citation: C.restProcedure },
      from: 'decision_known',
      holder: 'party',
    },
  ),
  period(
    {
      id: 'xzss.lawsuit_after_review',
      law: LAWS.xzss,
      article: '第四十五条',
      quote: '公民、法人或者其他组织不服复议决定的，可以在收到复议决定书之日起十五日内向人民法院提起诉讼。复议机关逾期不作决定的，申请人可以在复议期满之日起十五日内向人民法院提起诉讼。法律另有规定的除外。',
      titleZh: '不服复议决定提起诉讼期限',
      titleEn: 'Period to sue after a review decision',
      effectiveFrom: XZSS_FROM,
    },
    {
      count: 15,
      unit: 'day',
      counting: 'calendar',
      countingCitation: C.xzssCalendar,
      startCitation: C.startProcedure,
      restDay: { kind: 'next_working_day', citation: C.restProcedure },
      from: 'decision_served',
      holder: 'party',
    },
  ),
  period(
    {
      id: 'xzss.lawsuit_cap',
      law: LAWS.xzss,
      article: '第四十六条',
      paragraph: '第二款',
      quote: '因不动产提起诉讼的案件自行政行为作出之日起超过二十年，其他案件自行政行为作出之日起超过五年提起诉讼的，人民法院不予受理。',
      titleZh: '最长起诉期限（不动产以外五年）',
      titleEn: 'Outer limit to sue (five years; twenty for real property)',
      note: 'Real-property cases: twenty years (rule xzss.lawsuit_cap_property).',
      effectiveFrom: XZSS_FROM,
    },
    { count: 5, unit: 'year', counting: 'calendar', countingCitation: C.xzssCalendar, startCitation: C.startProcedure, restDay: { kind: 'none', why: 'outer_limit' }, from: 'decision_made', holder: 'party' },
  ),
  period(
    {
      id: 'xzss.lawsuit_cap_property',
      law: LAWS.xzss,
      article: '第四十六条',
      paragraph: '第二款',
      quote: '因不动产提起诉讼的案件自行政行为作出之日起超过二十年，其他案件自行政行为作出之日起超过五年提起诉讼的，人民法院不予受理。',
      titleZh: '最长起诉期限（不动产二十年）',
      titleEn: 'Outer limit to sue over real property (twenty years)',
      effectiveFrom: XZSS_FROM,
    },
    { count: 20, unit: 'year', counting: 'calendar', countingCitation: C.xzssCalendar, startCitation: C.startProcedure, restDay: { kind: 'none', why: 'outer_limit' }, from: 'decision_made', holder: 'party' },
  ),

  // ── How periods are counted (民法典 总则, 民事诉讼法) ─────────────────────────────────────────────
  {
    id: 'mfd.start_not_counted',
    law: LAWS.mfd,
    article: '第二百零一条',
    paragraph: '第一款',
    quote: '按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。',
    kind: 'counting',
    titleZh: '期间开始的当日不计入',
    titleEn: 'The start day is not counted',
    origin: 'national',
    verified: true,
    effectiveFrom: MFD_FROM,
    effectiveTo: null,
    params: { type: 'counting', scope: 'start_not_counted' },
  },
  {
    id: 'mfd.month_end',
    law: LAWS.mfd,
    article: '第二百零二条',
    quote: '按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日。',
    kind: 'counting',
    titleZh: '按年、月计算的期间以对应日（或月末日）届满',
    titleEn: 'Month and year periods end on the corresponding day (or the month’s last day)',
    origin: 'national',
    verified: true,
    effectiveFrom: MFD_FROM,
    effectiveTo: null,
    params: { type: 'counting', scope: 'month_end' },
  },
  {
    id: 'mfd.rest_day',
    law: LAWS.mfd,
    article: '第二百零三条',
    paragraph: '第一款',
    quote: '期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。',
    kind: 'counting',
    titleZh: '期间最后一日为法定休假日的顺延',
    titleEn: 'A period ending on a statutory rest day ends on the day after it',
    origin: 'national',
    verified: true,
    effectiveFrom: MFD_FROM,
    effectiveTo: null,
    params: { type: 'counting', scope: 'rest_day_roll_forward' },
  },
  {
    id: 'msss.periods',
    law: LAWS.msss,
    article: '第八十五条',
    quote: '期间以时、日、月、年计算。期间开始的时和日，不计算在期间内。期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期。',
    kind: 'counting',
    titleZh: '诉讼期间的计算（行政复议、行政诉讼适用）',
    titleEn: 'Counting procedural periods (applies to review and lawsuits)',
    origin: 'national',
    verified: true,
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    note: 'Applied through 行政复议法 第八十八条 and 行政诉讼法 第一百零一条.',
    params: { type: 'counting', scope: 'rest_day_roll_forward' },
  },

  // ── 住建部令第55号 (no verified text): editable, marked unverified_ministerial ───────────────────
  period(
    {
      id: 'zjb55.lead_check',
      law: LAWS.zjb55,
      article: '（条款待核实）',
      quote: '（未取得官方文本，待核实：对违法行为线索应当在十五日内予以核查并决定是否立案，情况复杂的经负责人批准可以延长十五日。）',
      titleZh: '线索核查与立案期限（住建部令第55号，待核实）',
      titleEn: 'Lead check and case-opening period (MOHURD Order 55, unverified)',
      origin: 'unverified_ministerial',
      verified: false,
      note: 'No verified text of 住建部令第55号 in ../shared: article number, period and counting to be checked by the administrator.',
      effectiveFrom: '2022-05-01',
    },
    {
      count: 15,
      unit: 'day',
      counting: 'calendar',
      countingCitation: C.xzcfCalendar,
      startCitation: C.startCivil,
      restDay: AUTHORITY_NO_ROLL,
      from: 'lead_received',
      holder: 'authority',
      extension: { count: 15, unit: 'day', needsApproval: true },
      configurable: true,
    },
  ),
  period(
    {
      id: 'zjb55.decision_period',
      law: LAWS.zjb55,
      article: '（条款待核实）',
      quote: '（未取得官方文本，待核实：案件情况复杂，不能在九十日内作出决定的，经负责人批准可以延长三十日。）',
      titleZh: '作出处罚决定期限及延长（住建部令第55号，待核实）',
      titleEn: 'Decision period with its extension (MOHURD Order 55, unverified)',
      origin: 'unverified_ministerial',
      verified: false,
      note: '行政处罚法 第六十条 lets rules (规章) set another period; the 30-day extension is from 住建部令第55号, not verified against its text.',
      effectiveFrom: '2022-05-01',
    },
    {
      count: 90,
      unit: 'day',
      counting: 'calendar',
      countingCitation: C.xzcfCalendar,
      startCitation: C.startCivil,
      restDay: AUTHORITY_NO_ROLL,
      from: 'case_opened',
      holder: 'authority',
      extension: { count: 30, unit: 'day', needsApproval: true },
      configurable: true,
    },
  ),
];

/**
 * Local defaults shipped in the first published rule set (`SHIPPED_RULES`), so that the case deadlines that no
 * statute sets can be computed from day one: the 立案 check period (7 working days, extendable with approval to 15
 * in all), the 备案 period of an on-the-spot decision, and the 第六十三条 "较大数额罚款" hearing threshold (set by
 * each province). Each is `origin: 'local'`, unverified, cites `LAWS.localDefault` ("本地默认值，非法律规定，待本局确认"),
 * says so in its title and quote, and stays editable and removable in a draft: the bureau confirms the value or
 * replaces it with its own regulation and citation.
 */
const DEFAULT_NOTE = 'Shipped default, not a statute: confirm it or replace it with the bureau’s own regulation (law, version, article, quote) in a draft.';
const defaultCite = cite(LAWS.localDefault, '（待本局确认依据）');

export const LOCAL_DEFAULT_RULES: readonly LegalRule[] = [
  period(
    {
      id: 'local.case_check',
      law: LAWS.localDefault,
      article: '（待本局确认依据）',
      quote: '（默认值，非法律条文，待本局确认：对发现的违法行为线索，应当在七个工作日内核查并决定是否立案；情况复杂的，经负责人批准可延长至十五个工作日。）',
      titleZh: '立案核查期限（默认值，待本局确认）',
      titleEn: 'Case-opening check period (default, to be confirmed by the bureau)',
      origin: 'local',
      verified: false,
      note: `${DEFAULT_NOTE} 7 working days, extended by 8 with approval (15 in all).`,
      effectiveFrom: '2025-01-01',
    },
    {
      count: 7,
      unit: 'day',
      counting: 'working',
      countingCitation: defaultCite,
      startCitation: C.startCivil,
      restDay: AUTHORITY_NO_ROLL,
      from: 'lead_received',
      holder: 'authority',
      extension: { count: 8, unit: 'day', needsApproval: true },
      configurable: true,
    },
  ),
  period(
    {
      id: 'local.simple_filing',
      law: LAWS.localDefault,
      article: '（待本局确认依据）',
      quote: '（默认值，非法律条文，待本局确认：执法人员当场作出的行政处罚决定，应当在五个工作日内报所属行政机关备案。）',
      titleZh: '当场处罚决定备案期限（默认值，待本局确认）',
      titleEn: 'Period to file an on-the-spot decision (default, to be confirmed by the bureau)',
      origin: 'local',
      verified: false,
      note: `${DEFAULT_NOTE} 行政处罚法 第五十二条 第三款 requires the filing (执法人员当场作出的行政处罚决定，应当报所属行政机关备案。) but sets no period.`,
      effectiveFrom: '2025-01-01',
    },
    {
      count: 5,
      unit: 'day',
      counting: 'working',
      countingCitation: defaultCite,
      startCitation: C.startCivil,
      restDay: AUTHORITY_NO_ROLL,
      from: 'simple_decision_made',
      holder: 'authority',
      configurable: true,
    },
  ),
  {
    id: 'local.hearing_amount',
    law: LAWS.localDefault,
    article: '（待本局确认依据）',
    quote: '（默认值，非法律条文，待核实：拟对公民处以五千元以上、对法人或者其他组织处以五万元以上罚款的，为“较大数额罚款”，应当告知当事人有要求听证的权利。）',
    kind: 'amount_threshold',
    titleZh: '听证“较大数额罚款”标准（默认值，待核实）',
    titleEn: 'Hearing threshold for a “large fine” (default, to be verified)',
    origin: 'local',
    verified: false,
    note:
      `${DEFAULT_NOTE} 行政处罚法 第六十三条 第一款第一项 (较大数额罚款) leaves the amount to the province; no provincial text is in ../shared, so these figures are a placeholder (待核实), not Jiangsu’s. For purpose "hearing", maxFen is the amount FROM which (inclusive, "以上") a fine gives hearing rights. A lower figure errs on the party’s side: offering a hearing is never unlawful.`,
    effectiveFrom: '2021-07-15',
    effectiveTo: null,
    params: { type: 'amount_threshold', maxFen: { individual: 5_000_00, organization: 50_000_00 }, otherKinds: [], purpose: 'hearing' },
  },
];

/** Kept for callers of the former name: the local rules are now the shipped defaults. */
export const LOCAL_RULE_EXAMPLES: readonly LegalRule[] = LOCAL_DEFAULT_RULES;

/** Every rule the first published version holds: the national (and ministerial) rules and the local defaults. */
export const SHIPPED_RULES: readonly LegalRule[] = [...NATIONAL_RULES, ...LOCAL_DEFAULT_RULES];

/** The version of rule `id` in force on `onDate` (the date of the act for rules that changed), or null. */
export function ruleInForce(rules: readonly LegalRule[], id: string, onDate: IsoDate): LegalRule | null {
  for (const r of rules) {
    if (r.id === id && r.effectiveFrom <= onDate && (r.effectiveTo === null || onDate <= r.effectiveTo)) return r;
  }
  return null;
}

/** The citation of a rule (law, article, paragraph). */
export function citationOf(rule: LegalRule): Citation {
  return rule.paragraph ? { law: rule.law, article: rule.article, paragraph: rule.paragraph } : { law: rule.law, article: rule.article };
}
