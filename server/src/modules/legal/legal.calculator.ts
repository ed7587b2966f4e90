import type { Clock } from '../../platform/clock';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { computeDeadline, lateFee, limitationCheck, simpleProcedureCheck, workingDaysLeft } from './domain/engine';
import { ruleInForce } from './domain/rules';
import type { DeadlineResult, IsoDate, LegalRule } from './domain';
import { ruleOut, shanghaiDay, type LegalService } from './legal.service';
import type { CalculateBodyT, CalculateResultT } from './legal.schemas';

/**
 * Procedure steps the calculator accepts instead of a rule id (期限计算器: "choose a procedure step"), each the
 * rule that sets its period or limit. A step whose rule is not in the published set is not offered.
 */
export const PROCEDURE_STEPS: readonly { step: string; ruleId: string }[] = [
  { step: 'lead_check', ruleId: 'zjb55.lead_check' },
  { step: 'case_check', ruleId: 'local.case_check' },
  { step: 'simple_procedure', ruleId: 'xzcf.simple_procedure' },
  { step: 'simple_filing', ruleId: 'local.simple_filing' },
  { step: 'evidence_preservation', ruleId: 'xzcf.evidence_preservation' },
  { step: 'seizure', ruleId: 'xzqz.seizure' },
  { step: 'hearing_request', ruleId: 'xzcf.hearing_request' },
  { step: 'hearing_notice', ruleId: 'xzcf.hearing_notice' },
  { step: 'decision', ruleId: 'xzcf.decision_period' },
  { step: 'service', ruleId: 'xzcf.service_absent' },
  { step: 'public_notice_service', ruleId: 'msss.public_notice_service' },
  { step: 'payment', ruleId: 'xzcf.payment' },
  { step: 'late_fee', ruleId: 'xzcf.late_fee' },
  { step: 'urge', ruleId: 'xzqz.urge' },
  { step: 'court_application', ruleId: 'xzqz.court_application' },
  { step: 'review', ruleId: 'xzfy.application' },
  { step: 'lawsuit', ruleId: 'xzss.lawsuit' },
  { step: 'limitation', ruleId: 'xzcf.limitation' },
];

const required = (field: string, why: string) => badRequest('legal.input_required', `${field} is required ${why}`, { issues: [{ field, message: `required ${why}`, code: 'required' }] });

function deadlineError(r: Extract<DeadlineResult, { ok: false }>, rule: LegalRule): AppError {
  switch (r.code) {
    case 'legal.no_extension':
      return badRequest('legal.no_extension', `Rule ${rule.id} has no extension`, { issues: [{ field: 'extended', message: 'the rule has no extension', code: 'invalid' }] });
    case 'legal.rule_not_period':
      return badRequest('legal.rule_not_calculable', `Rule ${rule.id} is not a period`);
    default:
      return badRequest('legal.date_invalid', 'The start date is not a civil date', { issues: [{ field: 'start', message: 'not a civil date', code: 'format' }] });
  }
}

export function createLegalCalculator(deps: { service: LegalService; clock: Clock }) {
  const { service, clock } = deps;

  async function resolveRule(body: CalculateBodyT, rules: readonly LegalRule[]): Promise<LegalRule> {
    let ruleId = body.ruleId;
    if (!ruleId && body.step) {
      const s = PROCEDURE_STEPS.find((p) => p.step === body.step);
      if (!s) throw badRequest('legal.step_unknown', `No procedure step ${body.step}`, { issues: [{ field: 'step', message: 'unknown step', code: 'enum' }] });
      ruleId = s.ruleId;
    }
    if (!ruleId) throw badRequest('legal.rule_required', 'Choose a rule (ruleId) or a procedure step (step)', { issues: [{ field: 'ruleId', message: 'choose a rule or a step', code: 'required' }] });
    const versions = rules.filter((r) => r.id === ruleId);
    if (versions.length === 0) throw notFound('legal.rule_not_found', `No rule ${ruleId} in the published rule set`);
    // A rule that changed over time applies by the date of the act / the event (the start date).
    const rule = ruleInForce(rules, ruleId, body.start);
    if (!rule) {
      const periods = versions.map((r) => `${r.effectiveFrom}–${r.effectiveTo ?? ''}`).join(', ');
      throw badRequest('legal.rule_not_in_force', `Rule ${ruleId} is not in force on ${body.start} (in force: ${periods})`, {
        issues: [{ field: 'start', message: `rule not in force on that day (in force: ${periods})`, code: 'invalid' }],
        periods: versions.map((r) => ({ effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo })),
      });
    }
    return rule;
  }

  return {
    steps: async () => {
      const ids = new Set((await service.publishedRules()).map((r) => r.id));
      const rules = await service.publishedRules();
      return {
        items: PROCEDURE_STEPS.filter((s) => ids.has(s.ruleId)).map((s) => {
          // The newest version of the rule names the step.
          const r = rules.filter((x) => x.id === s.ruleId).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0]!;
          return { step: s.step, ruleId: s.ruleId, titleZh: r.titleZh, titleEn: r.titleEn };
        }),
      };
    },

    /**
     * 期限计算器: the rule's answer for the inputs — a due date (with working days left), an amount, allowed or
     * refused, barred or not — always with its explanation steps. A year without a calendar is the answer
     * `calendar_missing` naming the years, never an error and never a weekend-only count.
     */
    async calculate(body: CalculateBodyT): Promise<CalculateResultT> {
      const rules = await service.publishedRules();
      const rule = await resolveRule(body, rules);
      const onDate: IsoDate = body.onDate ?? shanghaiDay(clock.now());
      const base: CalculateResultT = { rule: ruleOut(rule), outcome: 'due', due: null, workingDaysLeft: null, onDate, feeFen: null, lastDay: null, missingYears: [], refusal: null, explanation: [] };

      switch (rule.kind) {
        case 'period': {
          const calendar = await service.calendar();
          const r = computeDeadline({ rule, start: body.start, calendar, extended: body.extended ?? false });
          if (!r.ok) {
            if (r.code !== 'legal.calendar_missing') throw deadlineError(r, rule);
            return { ...base, outcome: 'calendar_missing', missingYears: r.years, explanation: r.explanation };
          }
          const left = workingDaysLeft(onDate, r.due, calendar);
          return typeof left === 'number'
            ? { ...base, due: r.due, workingDaysLeft: left, explanation: r.explanation }
            : { ...base, due: r.due, missingYears: left.missing, explanation: r.explanation };
        }
        case 'amount_threshold': {
          if (rule.params.purpose !== 'simple_procedure') throw badRequest('legal.rule_not_calculable', `Rule ${rule.id} is applied by the case, not by the calculator`);
          if (!body.partyType) throw required('partyType', 'for the simple procedure');
          if (!body.penaltyKind) throw required('penaltyKind', 'for the simple procedure');
          const amountFen = body.amountFen ?? body.fineFen;
          if (body.penaltyKind === 'fine' && amountFen === undefined) throw required('amountFen', 'for a fine');
          const r = simpleProcedureCheck({ rules, actDate: body.start, partyType: body.partyType, penaltyKind: body.penaltyKind, amountFen: amountFen ?? 0 });
          const explanation: CalculateResultT['explanation'] = [{ kind: 'rule', ruleId: rule.id, citation: { law: rule.law, article: rule.article, ...(rule.paragraph ? { paragraph: rule.paragraph } : {}) } }, { kind: 'start', date: body.start, event: 'act' }];
          return r.allowed ? { ...base, outcome: 'allowed', explanation } : { ...base, outcome: 'refused', refusal: { code: r.code, reason: r.reason }, explanation };
        }
        case 'rate_cap': {
          const fineFen = body.fineFen ?? body.amountFen;
          if (fineFen === undefined) throw required('fineFen', 'for a late fee');
          const paidOn = body.paidOn ?? onDate;
          if (paidOn < body.start) throw badRequest('legal.date_before_start', 'The payment day is before the due date', { issues: [{ field: 'paidOn', message: 'before the due date (start)', code: 'invalid' }] });
          const r = lateFee({ fineFen, dueDate: body.start, onDate: paidOn, rule });
          return { ...base, outcome: 'late_fee', feeFen: r.feeFen, explanation: r.explanation };
        }
        case 'limitation': {
          const r = limitationCheck({ rules, actDate: body.start, actEndDate: body.endDate ?? null, discoveredOn: onDate, aggravated: body.aggravated ?? false });
          if (!r.ok) {
            switch (r.code) {
              case 'legal.limitation.end_before_act':
                throw badRequest('legal.limitation.end_before_act', r.reason, { issues: [{ field: 'endDate', message: 'before the act (start)', code: 'invalid' }] });
              case 'legal.limitation.discovered_before_act':
                throw badRequest('legal.limitation.discovered_before_act', r.reason, { issues: [{ field: 'onDate', message: 'before the act (start)', code: 'invalid' }] });
              case 'legal.limitation.no_rule':
                throw badRequest('legal.limitation.no_rule', r.reason);
              default:
                throw badRequest('legal.date_invalid', r.reason);
            }
          }
          return { ...base, outcome: r.barred ? 'barred' : 'not_barred', lastDay: r.lastDay, explanation: r.explanation };
        }
        default:
          throw badRequest('legal.rule_not_calculable', `Rule ${rule.id} says how periods are counted; choose a period, limit or rate`);
      }
    },
  };
}
export type LegalCalculator = ReturnType<typeof createLegalCalculator>;
