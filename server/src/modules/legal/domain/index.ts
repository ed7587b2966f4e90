/**
 * The legal core (pure): rule set as data, working-day calendar, deadline engine. Other modules reach it
 * through the legal module's index.ts, which re-exports this file.
 */
export type * from './types';
export { buildCalendar, validateNotice, CompiledCalendar, describeDay, yearDays } from './calendar';
export { SHIPPED_NOTICES } from './notices';
export { NATIONAL_RULES, LOCAL_RULE_EXAMPLES, LOCAL_DEFAULT_RULES, SHIPPED_RULES, LAWS, ruleInForce, citationOf } from './rules';
export { computeDeadline, workingDaysLeft, lateFee, simpleProcedureCheck, limitationCheck } from './engine';
export { isIsoDate } from './dates';
export { addWorkingMinutes, workingMinutesBetween, validateWorkingHours, parseClockTime, clockTime, DEFAULT_WORKING_HOURS, type WorkingHours, type WorkingPeriod, type ClockTime } from './working-hours';
