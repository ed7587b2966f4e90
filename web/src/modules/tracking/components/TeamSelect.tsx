import { useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../shared/session';
import { descendantIds, useOrgUnits, type OrgUnit } from '../../../shared/org';

const STORAGE_KEY = 'guifan.tracking.team';

/** The street teams the user may see (their own unit and below), and the areas (communities, grids) of each. */
export function useTrackingScope() {
  const me = useMe().data;
  const units = useOrgUnits();
  return useMemo(() => {
    const all = units.data?.items ?? [];
    const own = me?.orgUnitId;
    const below = own ? descendantIds(all, own) : new Set<string>();
    const teams = all.filter((u) => below.has(u.id) && u.kind === 'team').sort((a, b) => a.code.localeCompare(b.code));
    const byId = new Map(all.map((u) => [u.id, u]));
    /** The team itself, then its communities and grids (the areas a shift can cover). */
    const areasOf = (teamId: string | undefined): OrgUnit[] => {
      if (!teamId) return [];
      const ids = descendantIds(all, teamId);
      return all
        .filter((u) => ids.has(u.id) && (u.id === teamId || u.kind === 'community' || u.kind === 'grid'))
        .sort((a, b) => (a.id === teamId ? -1 : b.id === teamId ? 1 : a.code.localeCompare(b.code)));
    };
    return {
      loading: units.isPending,
      teams,
      byId,
      areasOf,
      ownTeamId: own && byId.get(own)?.kind === 'team' ? own : undefined,
      /** Managers above team level choose a team; a team's own staff only have theirs. */
      single: teams.length === 1,
    };
  }, [units.data, units.isPending, me?.orgUnitId]);
}

function remembered(): string | undefined {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function remember(id: string | undefined) {
  try {
    if (id) window.sessionStorage.setItem(STORAGE_KEY, id);
  } catch {
    // not remembered: the URL still holds it
  }
}

/**
 * The team chosen on a tracking page, kept in the URL (`?team=`) so a page can be linked and reloaded, and remembered
 * for the session so the next tracking page opens on the same team. `required`: fall back to a team (own, last
 * chosen, first) instead of "all teams".
 */
export function useTeamParam(required: boolean): [string | undefined, (id: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const scope = useTrackingScope();
  const fromUrl = params.get('team') ?? undefined;
  const valid = (id: string | undefined) => !!id && scope.teams.some((t) => t.id === id);
  let team: string | undefined;
  if (valid(fromUrl)) team = fromUrl;
  else if (scope.ownTeamId) team = scope.ownTeamId;
  else if (required) {
    const last = remembered();
    team = valid(last) ? last : scope.teams[0]?.id;
  }
  useEffect(() => remember(team), [team]);
  const set = useCallback(
    (id: string | undefined) => {
      remember(id);
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (id) next.set('team', id);
          else next.delete('team');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [team, set];
}

export function TeamSelect({
  value,
  onChange,
  allowClear,
  id,
  width = 240,
  disabled,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  allowClear?: boolean;
  id?: string;
  width?: number | string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const scope = useTrackingScope();
  const options = useMemo(() => scope.teams.map((u) => ({ value: u.id, label: u.name })), [scope.teams]);
  return (
    <Select
      id={id}
      data-testid={id}
      style={{ width }}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      loading={scope.loading}
      disabled={disabled || (scope.single && !allowClear)}
      options={options}
      value={value}
      placeholder={allowClear ? t('tracking.allTeams') : t('tracking.pickTeam')}
      onChange={(v: string | undefined) => onChange(v ?? undefined)}
    />
  );
}
