/**
 * The deadline engine (pure): due dates of periods, working days left, late fees, the simple-procedure
 * check and the limitation check. Every result carries its explanation as machine-readable steps.
 *
 * Counting (see rules.ts for the citations):
 *  - the start day is not counted (民法典 第二百零一条; 民事诉讼法 第八十五条 第二款): day 1 is the next day;
 *  - working-day periods count only working days (weekdays that are no holiday, and makeup working days);
 *    every rest day passed is a 'skip' step; the result is always a working day, so nothing rolls;
 *  - calendar-day periods end `count` days after the start; month/year periods on the corresponding day or
 *    the month's last day (民法典 第二百零二条);
 *  - a calendar-day period whose last day is a rest day moves to the next working day only when its rule
 *    says so (PeriodParams.restDay, with the citation);
 *  - a day in a year without a loaded calendar that the count must know → legal.calendar_missing.
 * Day arithmetic uses day numbers (dates.ts), not Date objects: civil dates, no time zone, fast.
 */
import { CompiledCalendar, DAY_KINDS, K_HOLIDAY, K_MISSING, isRestCode, isWorkCode } from './calendar';
import { addMonths, formatIso, parseIso, yearOf } from './dates';
import { citationOf, ruleInForce } from './rules';
import type {
  DeadlineResult,
  ExplanationStep,
  IsoDate,
  LegalRule,
  LimitationResult,
  PartyType,
  PeriodParams,
  SimpleProcedureResult,
  WorkingCalendar,
} from './types';

/** Day-kind access by day number: the compiled calendar itself, or an adapter over any WorkingCalendar. */
interface Lookup {
  codeAt(n: number): number;
  nameAt(n: number): string | null;
}

class InterfaceLookup implements Lookup {
  constructor(private readonly cal: WorkingCalendar) {}
  codeAt(n: number): number {
    return DAY_KINDS.indexOf(this.cal.kind(formatIso(n)));
  }
  nameAt(n: number): string | null {
    return this.cal.holidayName(formatIso(n));
  }
}

// One adapter per calendar object, made once: nothing is allocated per computation (bench/legal-deadlines.ts).
const adapters = new WeakMap<WorkingCalendar, Lookup>();
function codeLookup(cal: WorkingCalendar): Lookup {
  if (cal instanceof CompiledCalendar) return cal;
  let a = adapters.get(cal);
  if (!a) {
    a = new InterfaceLookup(cal);
    adapters.set(cal, a);
  }
  return a;
}

type Advance = { ok: true; day: number } | { ok: false; years: number[] };

/** Counts `count` units after day `from` (from itself not counted), adding skip/clamp steps. */
function advance(from: number, count: number, unit: PeriodParams['unit'], counting: PeriodParams['counting'], cal: Lookup, steps: ExplanationStep[] | null): Advance {
  if (counting === 'working') {
    // Only days are counted in working days (行政处罚法 第八十五条, 行政强制法 第六十九条 list day counts).
    let n = from;
    let counted = 0;
    while (counted < count) {
      n++;
      const code = cal.codeAt(n);
      if (code === K_MISSING) return { ok: false, years: [yearOf(n)] };
      if (isWorkCode(code)) counted++;
      else if (steps) steps.push({ kind: 'skip', date: formatIso(n), dayKind: DAY_KINDS[code]!, holidayName: cal.nameAt(n) });
    }
    return { ok: true, day: n };
  }
  if (unit === 'day') return { ok: true, day: from + count };
  const r = addMonths(from, unit === 'month' ? count : count * 12);
  if (r.clamped && steps) {
    steps.push({ kind: 'month_end_clamped', from: formatIso(from), day: r.wanted, to: formatIso(r.day), citation: MONTH_END });
  }
  return { ok: true, day: r.day };
}

const MONTH_END = { law: { name: '中华人民共和国民法典', version: '2020-05-28' }, article: '第二百零二条' } as const;

function fail(code: 'legal.calendar_missing' | 'legal.date_invalid' | 'legal.rule_not_period' | 'legal.no_extension', years: number[], steps: ExplanationStep[] | null): DeadlineResult {
  const explanation = steps ?? [];
  if (code === 'legal.calendar_missing') {
    if (steps) steps.push({ kind: 'calendar_missing', years });
    return { ok: false, code, years, explanation };
  }
  return { ok: false, code, years, explanation };
}

/**
 * The due date of a period rule counted from `start` (the day of the event the rule counts from).
 * `extended`: the period with its extension (e.g. 查封扣押 30 + 30 days), counted on from the original end.
 * `explain: false` skips building the explanation (the case lifecycle's bulk recomputation).
 */
export function computeDeadline(input: { rule: LegalRule; start: IsoDate; calendar: WorkingCalendar; extended?: boolean; explain?: boolean }): DeadlineResult {
  const { rule } = input;
  const steps: ExplanationStep[] | null = input.explain === false ? null : [];
  if (rule.kind !== 'period') return fail('legal.rule_not_period', [], steps);
  const p = rule.params;
  const start = parseIso(input.start);
  if (start === null) return fail('legal.date_invalid', [], steps);
  const cal = codeLookup(input.calendar);
  if (steps) {
    steps.push({ kind: 'rule', ruleId: rule.id, citation: citationOf(rule) });
    steps.push({ kind: 'start', date: input.start, event: p.from });
    steps.push({ kind: 'start_not_counted', date: input.start, citation: p.startCitation });
    steps.push({ kind: 'counting', count: p.count, unit: p.unit, counting: p.counting, citation: p.countingCitation });
  }
  let r = advance(start, p.count, p.unit, p.counting, cal, steps);
  if (!r.ok) return fail('legal.calendar_missing', r.years, steps);
  if (input.extended) {
    const ext = p.extension;
    if (!ext) return fail('legal.no_extension', [], steps);
    if (steps) steps.push({ kind: 'extension', from: formatIso(r.day), count: ext.count, unit: ext.unit, needsApproval: ext.needsApproval });
    r = advance(r.day, ext.count, ext.unit, p.counting, cal, steps);
    if (!r.ok) return fail('legal.calendar_missing', r.years, steps);
  }
  let due = r.day;
  if (p.counting === 'calendar') {
    if (p.restDay.kind === 'next_working_day') {
      const first = cal.codeAt(due);
      if (first === K_MISSING) return fail('legal.calendar_missing', [yearOf(due)], steps);
      if (isRestCode(first)) {
        const from = due;
        let code = first;
        while (isRestCode(code)) {
          if (steps) steps.push({ kind: 'skip', date: formatIso(due), dayKind: DAY_KINDS[code]!, holidayName: cal.nameAt(due) });
          due++;
          code = cal.codeAt(due);
          if (code === K_MISSING) return fail('legal.calendar_missing', [yearOf(due)], steps);
        }
        if (steps) {
          steps.push({
            kind: 'roll_forward',
            from: formatIso(from),
            to: formatIso(due),
            reason: first === K_HOLIDAY ? 'holiday' : 'weekend',
            holidayName: cal.nameAt(from),
            citation: p.restDay.citation,
          });
        }
      }
    } else if (steps) {
      // No move: say so when the last day is a rest day, so nobody assumes one (the calendar is not needed).
      const code = cal.codeAt(due);
      if (isRestCode(code)) steps.push({ kind: 'no_roll_forward', date: formatIso(due), dayKind: DAY_KINDS[code]!, why: p.restDay.why });
    }
  }
  const dueIso = formatIso(due);
  if (steps) steps.push({ kind: 'due', date: dueIso, meaning: p.result ?? 'last_day' });
  return { ok: true, due: dueIso, explanation: steps ?? [] };
}

/**
 * Working days from `today` to `due`: the working days after today up to and including the due day (0 when
 * due today, 1 when due on the next working day); negative when overdue (minus the working days after the
 * due day up to and including today). Needs the calendar of every year in between.
 */
export function workingDaysLeft(today: IsoDate, due: IsoDate, calendar: WorkingCalendar): number | { missing: number[] } {
  const t = parseIso(today);
  const d = parseIso(due);
  if (t === null || d === null) throw new RangeError(`workingDaysLeft: not a civil date (${today}, ${due})`);
  const cal = codeLookup(calendar);
  const [lo, hi, sign] = t <= d ? [t, d, 1] : [d, t, -1];
  let count = 0;
  const missing = new Set<number>();
  for (let n = lo + 1; n <= hi; n++) {
    const code = cal.codeAt(n);
    if (code === K_MISSING) missing.add(yearOf(n));
    else if (isWorkCode(code)) count++;
  }
  if (missing.size) return { missing: [...missing].sort((a, b) => a - b) };
  return sign * count;
}

/**
 * 加处罚款 (行政处罚法 第七十二条 第一款第一项): each day after the due date adds the daily rate of the fine, in
 * total never more than the cap (the fine itself; also 行政强制法 第四十五条 第二款). Integer fen: the total is
 * rounded down to the fen (in the party's favour), computed exactly with BigInt.
 * Preconditions (the API validates them): fineFen a non-negative safe integer, dates valid, rule a rate_cap.
 */
export function lateFee(input: { fineFen: number; dueDate: IsoDate; onDate: IsoDate; rule: LegalRule }): {
  feeFen: number;
  days: number;
  capped: boolean;
  explanation: ExplanationStep[];
} {
  const { rule, fineFen } = input;
  if (rule.kind !== 'rate_cap') throw new RangeError(`lateFee: rule ${rule.id} is not a rate with a cap`);
  if (!Number.isSafeInteger(fineFen) || fineFen < 0) throw new RangeError(`lateFee: fine ${fineFen} is not a whole number of fen`);
  const due = parseIso(input.dueDate);
  const on = parseIso(input.onDate);
  if (due === null || on === null) throw new RangeError(`lateFee: not a civil date (${input.dueDate}, ${input.onDate})`);
  const citation = citationOf(rule);
  const explanation: ExplanationStep[] = [{ kind: 'rule', ruleId: rule.id, citation }];
  const days = Math.max(0, on - due);
  if (days > 0) explanation.push({ kind: 'late_fee_days', from: formatIso(due + 1), to: input.onDate, days });
  const { dailyRateBp, capBp } = rule.params;
  const uncapped = (BigInt(fineFen) * BigInt(dailyRateBp) * BigInt(days)) / 10000n;
  const cap = (BigInt(fineFen) * BigInt(capBp)) / 10000n;
  const capped = uncapped > cap;
  const feeFen = Number(capped ? cap : uncapped);
  explanation.push({ kind: 'late_fee_amount', principalFen: fineFen, dailyRateBp, days, feeFen: Number(uncapped > cap ? cap : uncapped), citation });
  if (capped) explanation.push({ kind: 'late_fee_capped', uncappedFen: Number(uncapped), capFen: Number(cap), citation });
  return { feeFen, days, capped, explanation };
}

/**
 * Whether a penalty may be decided on the spot (简易程序): the rule in force on the date of the act
 * (行政处罚法 第五十一条 since 2021-07-15; the 1996/2017 第三十三条 limits before, unverified), the party type and
 * the penalty kind. "以下" includes the limit itself.
 */
export function simpleProcedureCheck(input: {
  rules: readonly LegalRule[];
  actDate: IsoDate;
  partyType: PartyType;
  penaltyKind: 'warning' | 'fine' | (string & {});
  amountFen: number;
}): SimpleProcedureResult {
  const rule = ruleInForce(input.rules, 'xzcf.simple_procedure', input.actDate);
  if (!rule || rule.kind !== 'amount_threshold') {
    return { allowed: false, rule: null, code: 'legal.simple_procedure.no_rule', reason: `no simple-procedure rule in force on ${input.actDate}` };
  }
  const cite = `${rule.law.name} (${rule.law.version}) ${rule.article}`;
  const p = rule.params;
  if (input.penaltyKind === 'fine') {
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
      return { allowed: false, rule, code: 'legal.simple_procedure.amount_invalid', reason: `${cite}: a fine must be a positive whole number of fen, got ${input.amountFen}` };
    }
    const max = p.maxFen[input.partyType];
    if (input.amountFen > max) {
      return {
        allowed: false,
        rule,
        code: 'legal.simple_procedure.over_limit',
        reason: `${cite}: on-the-spot fines for a ${input.partyType} are limited to ${max} fen, got ${input.amountFen}`,
      };
    }
    return { allowed: true, rule };
  }
  if (p.otherKinds.includes(input.penaltyKind)) return { allowed: true, rule };
  return {
    allowed: false,
    rule,
    code: 'legal.simple_procedure.kind_not_allowed',
    reason: `${cite}: only a fine within the limit or ${p.otherKinds.join(', ')} may be decided on the spot, not ${input.penaltyKind}`,
  };
}

/**
 * 追责时效 (行政处罚法 第三十六条): a violation not discovered within two years (five when it concerns life,
 * health or financial safety with harmful consequences) is no longer penalised. Counted from the act, or
 * from its end when it is continuing; the start day not counted, the period ends on the corresponding day
 * (民法典 第二百零一条、第二百零二条); no rest-day move (discovery is not an act due on a working day).
 * The rule version is the one in force on the day the period starts (the 2017 text had no five years).
 */
export function limitationCheck(input: {
  rules: readonly LegalRule[];
  actDate: IsoDate;
  /** The day a continuing (连续或者继续) act ended, when it did. */
  actEndDate?: IsoDate | null;
  /** The day the violation was discovered (or today, to ask whether it may still be penalised). */
  discoveredOn: IsoDate;
  /** 涉及公民生命健康安全、金融安全且有危害后果 */
  aggravated?: boolean;
}): LimitationResult {
  const explanation: ExplanationStep[] = [];
  const act = parseIso(input.actDate);
  const end = input.actEndDate ? parseIso(input.actEndDate) : act;
  const found = parseIso(input.discoveredOn);
  if (act === null || end === null || found === null) {
    return { ok: false, code: 'legal.date_invalid', reason: 'actDate, actEndDate and discoveredOn must be civil dates', explanation };
  }
  if (end < act) return { ok: false, code: 'legal.limitation.end_before_act', reason: `the act ended (${input.actEndDate}) before it began (${input.actDate})`, explanation };
  if (found < act) {
    return { ok: false, code: 'legal.limitation.discovered_before_act', reason: `discovered on ${input.discoveredOn}, before the act (${input.actDate})`, explanation };
  }
  const from = formatIso(end);
  const rule = ruleInForce(input.rules, 'xzcf.limitation', from);
  if (!rule || rule.kind !== 'limitation') return { ok: false, code: 'legal.limitation.no_rule', reason: `no limitation rule in force on ${from}`, explanation };
  const citation = citationOf(rule);
  explanation.push({ kind: 'rule', ruleId: rule.id, citation });
  if (end !== act) explanation.push({ kind: 'limitation_continuing', actDate: input.actDate, endDate: from });
  const aggravated = Boolean(input.aggravated && rule.params.aggravatedYears);
  const years = aggravated ? rule.params.aggravatedYears! : rule.params.years;
  const r = addMonths(end, years * 12);
  const lastDay = formatIso(r.day);
  if (r.clamped) explanation.push({ kind: 'month_end_clamped', from, day: r.wanted, to: lastDay, citation: MONTH_END });
  explanation.push({ kind: 'limitation_period', years, aggravated, from, lastDay, citation });
  return { ok: true, barred: found > r.day, lastDay, explanation };
}
