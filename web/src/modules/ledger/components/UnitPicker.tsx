import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../shared/session';
import { buildOrgTree, descendantIds, useOrgUnits, type OrgTreeNode, type OrgUnit } from '../../../shared/org';

interface UnitOption {
  value: string;
  title: string;
  children: UnitOption[];
}

const LEDGER_KINDS = new Set(['bureau', 'detachment', 'district', 'team']);

/** The units whose ledgers the user may read: their own unit and below, down to the street teams. */
export function useLedgerScope() {
  const me = useMe().data;
  const units = useOrgUnits();
  return useMemo(() => {
    const all = units.data?.items ?? [];
    const own = me?.orgUnitId;
    const below = own ? descendantIds(all, own) : new Set<string>();
    const scope: OrgUnit[] = all.filter((u) => below.has(u.id) && LEDGER_KINDS.has(u.kind));
    const teams = scope.filter((u) => u.kind === 'team');
    const toOption = (n: OrgTreeNode): UnitOption => ({ value: n.unit.id, title: n.unit.name, children: n.children.map(toOption) });
    const byId = new Map(scope.map((u) => [u.id, u]));
    return {
      loading: units.isPending,
      ownUnitId: own,
      ownIsTeam: !!own && byId.get(own)?.kind === 'team',
      scope,
      teams,
      byId,
      /** Managers above team level choose a team; a team's own staff see theirs only. */
      showPicker: teams.length > 1,
      treeData: buildOrgTree(scope).map(toOption),
      expanded: scope.filter((u) => u.kind !== 'team').map((u) => u.id),
    };
  }, [units.data, units.isPending, me?.orgUnitId]);
}

export function UnitPicker({
  value,
  onChange,
  teamsOnly,
  allowClear,
  width = 240,
  testId,
  id,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  teamsOnly?: boolean;
  allowClear?: boolean;
  width?: number | string;
  testId?: string;
  id?: string;
}) {
  const { t } = useTranslation();
  const scope = useLedgerScope();
  const treeData = useMemo(() => {
    if (!teamsOnly) return scope.treeData;
    const mark = (o: UnitOption): UnitOption & { selectable: boolean } => ({
      ...o,
      selectable: scope.byId.get(o.value)?.kind === 'team',
      children: o.children.map(mark),
    });
    return scope.treeData.map(mark);
  }, [scope.treeData, scope.byId, teamsOnly]);
  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      style={{ width }}
      showSearch
      allowClear={allowClear}
      treeNodeFilterProp="title"
      treeData={treeData}
      treeDefaultExpandedKeys={scope.expanded}
      listHeight={360}
      value={value}
      placeholder={teamsOnly ? t('ledger.overview.pickTeam') : t('ledger.unitAll')}
      onChange={(v: string | undefined) => onChange(v ?? undefined)}
    />
  );
}
