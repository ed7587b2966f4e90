import type { TFunction } from 'i18next';

export const ROLE_CODES = [
  'city_admin',
  'bureau_staff',
  'district_manager',
  'team_leader',
  'officer',
  'auxiliary',
  'legal_reviewer',
] as const;

export const UNIT_KINDS = ['bureau', 'detachment', 'district', 'team', 'community', 'grid'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Role labels are client-side (the API sends codes only). Unknown codes show as-is. */
export function roleLabel(t: TFunction, role: string): string {
  return (ROLE_CODES as readonly string[]).includes(role) ? t(`roles.${role}`) : role;
}

export function kindLabel(t: TFunction, kind: string): string {
  return (UNIT_KINDS as readonly string[]).includes(kind) ? t(`kinds.${kind}`) : kind;
}
