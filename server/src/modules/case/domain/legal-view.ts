/**
 * The case lifecycle's view of the legal core: one snapshot of the published rules and the working-day calendar,
 * with the engine's functions bound to it (pure; the legal service supplies the data, see app.ts).
 */
import { computeDeadline, lateFee, ruleInForce, simpleProcedureCheck, workingDaysLeft, type ExplanationStep, type IsoDate, type LegalRule, type PartyType, type SimpleProcedureResult, type WorkingCalendar } from '../../legal';
import type { CaseLegal } from './deadlines';

export interface CaseLegalView extends CaseLegal {
  /** Years the working-day calendar has a notice for. */
  readonly calendarYears: readonly number[];
  /**
   * The legal service's revision of the rules and calendar this view counts with (a digest): stored due days were
   * computed with the revision recorded beside them, and are recomputed when it differs. Empty when unknown.
   */
  readonly revision: string;
  /** 第五十一条 (2021) or the rule in force on the act's date before it. */
  simpleProcedure(input: { actDate: IsoDate; partyType: PartyType; penaltyKind: string; amountFen: number }): SimpleProcedureResult;
  /** 第六十三条 "较大数额罚款": the hearing threshold of a rule in force for this party type, or null when the rule set has none. */
  hearingFineFen(partyType: PartyType, onDate: IsoDate): number | null;
  /** 加处罚款 owed on `onDate` for a fine due on `dueOn` (第七十二条第一项), or null when the rule is missing. */
  lateFee(fineFen: number, dueOn: IsoDate, onDate: IsoDate): { feeFen: number; days: number; capped: boolean; explanation: ExplanationStep[] } | null;
}

/** The source of snapshots (the legal service, wired in app.ts). */
export interface LegalSource {
  /** The view served now; `fresh`: checked against the database now rather than within the legal cache's interval. */
  snapshot(opts?: { fresh?: boolean }): Promise<CaseLegalView>;
}

export function caseLegalView(rules: readonly LegalRule[], calendar: WorkingCalendar, revision = ''): CaseLegalView {
  return {
    calendarYears: calendar.years,
    revision,
    rule: (id, onDate) => ruleInForce(rules, id, onDate),
    deadline: (rule, start, extended) => computeDeadline({ rule, start, calendar, extended: extended ?? false }),
    workingDaysLeft: (today, due) => {
      const r = workingDaysLeft(today, due, calendar);
      return typeof r === 'number' ? r : null;
    },
    simpleProcedure: (input) => simpleProcedureCheck({ rules, ...input }),
    hearingFineFen: (partyType, onDate) => {
      const r = rules.find((x) => x.kind === 'amount_threshold' && x.params.purpose === 'hearing' && x.effectiveFrom <= onDate && (x.effectiveTo === null || onDate <= x.effectiveTo));
      return r && r.kind === 'amount_threshold' ? r.params.maxFen[partyType] : null;
    },
    lateFee: (fineFen, dueOn, onDate) => {
      const rule = ruleInForce(rules, 'xzcf.late_fee', dueOn);
      return rule ? lateFee({ fineFen, dueDate: dueOn, onDate, rule }) : null;
    },
  };
}

/** A source over the legal service's published rules and stored calendars (one snapshot: rules, calendar and revision agree). */
export function legalSourceOf(legal: { snapshot(opts?: { fresh?: boolean }): Promise<{ rules: readonly LegalRule[]; calendar: WorkingCalendar; revision: string }> }): LegalSource {
  return {
    snapshot: async (opts) => {
      const s = await legal.snapshot(opts);
      return caseLegalView(s.rules, s.calendar, s.revision);
    },
  };
}
