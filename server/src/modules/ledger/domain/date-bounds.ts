import type { IssueProblem } from '../../../platform/validation';
import { addDays } from './ledger-kinds';

/**
 * How far back and ahead a ledger date may be, for the API and every import alike. A date that
 * records something done (a certificate or uniform issued, equipment bought) may be at most a year
 * ahead (a purchase already ordered); an expiry may lie further ahead, but not beyond 2100. Nothing
 * before 1950: such dates are typing mistakes in these ledgers.
 */
export const EARLIEST_DAY = '1950-01-01';
export const LATEST_EXPIRY = '2100-12-31';
export const DONE_AHEAD_DAYS = 366;

const BOUNDS: Record<string, 'done' | 'expiry'> = {
  certificateIssuedOn: 'done',
  uniformIssuedOn: 'done',
  acquiredOn: 'done',
  certificateExpiresOn: 'expiry',
};

/** Why a date field's value is out of range, or null (also for fields that are not bounded dates). */
export function dateProblem(field: string, value: unknown, today: string): IssueProblem | null {
  const kind = BOUNDS[field];
  if (!kind || typeof value !== 'string') return null;
  if (value < EARLIEST_DAY) return { code: 'date_too_early', message: `${value} is before ${EARLIEST_DAY}`, params: { value, earliest: EARLIEST_DAY } };
  const latest = kind === 'done' ? addDays(today, DONE_AHEAD_DAYS) : LATEST_EXPIRY;
  if (value > latest) {
    return kind === 'done'
      ? { code: 'date_too_far_ahead', message: `${value} is more than a year ahead (latest ${latest})`, params: { value, latest } }
      : { code: 'date_too_late', message: `${value} is after ${latest}`, params: { value, latest } };
  }
  return null;
}
