/** Levels of the org tree, top down. A unit's children are always of a deeper level. */
export const ORG_KINDS = ['bureau', 'detachment', 'district', 'team', 'community', 'grid'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export function isOrgKind(v: string): v is OrgKind {
  return (ORG_KINDS as readonly string[]).includes(v);
}

/** Which kinds may sit directly under a unit of `parent` kind (a level may be skipped, never reversed). */
export function childKindAllowed(parent: OrgKind, child: OrgKind): boolean {
  return ORG_KINDS.indexOf(child) > ORG_KINDS.indexOf(parent);
}

export function pathOf(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** Ids of the ancestors of a unit from its path, root first, excluding itself. */
export function ancestorIds(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.slice(0, -1);
}

/** A unit is valid on `day` (YYYY-MM-DD) when validFrom ≤ day and (no validTo or day < validTo). */
export function validOn(unit: { validFrom: string; validTo: string | null }, day: string): boolean {
  return unit.validFrom <= day && (unit.validTo === null || day < unit.validTo);
}
