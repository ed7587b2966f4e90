import type { IssueProblem } from '../../../platform/validation';

/**
 * 公民身份号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, 1 check character
 * computed by ISO 7064 MOD 11-2. Pure: checking, the check character, and masking for display.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Why an ID number is not well-formed, or null when it is (shape, birth date, check character). */
export function idNumberProblem(value: string): IssueProblem | null {
  if (!/^\d{17}[\dX]$/.test(value)) return { code: 'id_number_shape', message: 'ID number must be 17 digits and a check digit or X (18 characters)' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const birth = value.slice(6, 14);
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { code: 'id_number_birth_date', message: `ID number has no valid birth date (${birth})`, params: { birth } };
  const expected = idCheckChar(value.slice(0, 17));
  const actual = value[17]!;
  if (actual !== expected) return { code: 'id_number_check_digit', message: `ID number check digit is ${actual}, expected ${expected}`, params: { actual, expected } };
  return null;
}

/** Upper-cases a trailing x and strips spaces, the way people type them. */
export const normalizeIdNumber = (value: string): string => value.replace(/\s+/g, '').toUpperCase();

/** Masked for lists and exports to readers: the region prefix and last four stay visible (`3206**********1234`). */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/** A well-formed ID number from region, birth date (YYYYMMDD) and sequence (for demo data and tests). */
export function makeIdNumber(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}
