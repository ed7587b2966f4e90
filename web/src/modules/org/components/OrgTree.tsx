import { useMemo, useState } from 'react';
import { Empty, Input, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import { kindLabel } from '../../../shared/labels';
import { ancestorIds, buildOrgTree, type OrgTreeNode, type OrgUnit } from '../api';

interface Props {
  units: readonly OrgUnit[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** Levels above the street teams carry a kind tag; teams, communities and grids read clearly from their names. */
const TAGGED_KINDS = new Set(['bureau', 'detachment', 'district']);

const KIND_COLORS: Record<string, string> = {
  bureau: 'geekblue',
  detachment: 'purple',
  district: 'blue',
  team: 'cyan',
  community: 'green',
  grid: 'orange',
};

/** Units expanded by default: the levels above the street teams, so the 21 teams are visible at once. */
const EXPANDED_KINDS = new Set(['bureau', 'detachment', 'district']);

function Highlight({ text, term }: { text: string; term: string }) {
  if (!term) return <>{text}</>;
  const i = text.toLowerCase().indexOf(term.toLowerCase());
  if (i < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, i)}
      <Typography.Text mark>{text.slice(i, i + term.length)}</Typography.Text>
      {text.slice(i + term.length)}
    </>
  );
}

export function OrgTree({ units, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const [term, setTerm] = useState('');
  const [expanded, setExpanded] = useState<string[]>(() => [
    ...units.filter((u) => EXPANDED_KINDS.has(u.kind)).map((u) => u.id),
    ...(selectedId ? ancestorIds(units, selectedId) : []),
  ]);
  const roots = useMemo(() => buildOrgTree(units), [units]);

  // Search keeps the matching units and their ancestors.
  const { treeData, searchExpanded } = useMemo(() => {
    const q = term.trim().toLowerCase();
    const keep = new Set<string>();
    const visit = (n: OrgTreeNode): boolean => {
      const own = !q || n.unit.name.toLowerCase().includes(q) || n.unit.code.toLowerCase().includes(q) ||
        (n.unit.shortName ?? '').toLowerCase().includes(q);
      let child = false;
      for (const c of n.children) if (visit(c)) child = true;
      if (own || child) keep.add(n.unit.id);
      return own || child;
    };
    for (const r of roots) visit(r);
    const toData = (n: OrgTreeNode): TreeDataNode => ({
      key: n.unit.id,
      title: (
        <span data-unit-id={n.unit.id} data-kind={n.unit.kind} className="org-tree-title" style={{ whiteSpace: 'nowrap' }}>
          <Highlight text={n.unit.name} term={term.trim()} />
          {TAGGED_KINDS.has(n.unit.kind) && (
            <Tag color={KIND_COLORS[n.unit.kind]} variant="filled" style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px' }}>
              {kindLabel(t, n.unit.kind)}
            </Tag>
          )}
        </span>
      ),
      children: n.children.filter((c) => keep.has(c.unit.id)).map(toData),
    });
    const data = roots.filter((r) => keep.has(r.unit.id)).map(toData);
    return { treeData: data, searchExpanded: q ? [...keep] : null };
  }, [roots, term, t]);

  // Selecting a unit elsewhere (e.g. on the map) opens the path to it.
  const [openedFor, setOpenedFor] = useState<string | null>(selectedId);
  if (selectedId && selectedId !== openedFor) {
    setOpenedFor(selectedId);
    const missing = ancestorIds(units, selectedId).filter((id) => !expanded.includes(id));
    if (missing.length) setExpanded([...expanded, ...missing]);
  }

  const expandedKeys = searchExpanded ?? expanded;

  return (
    <div data-testid="org-tree">
      <Input.Search
        allowClear
        placeholder={t('org.searchPlaceholder')}
        onChange={(e) => setTerm(e.target.value)}
        onSearch={setTerm}
        style={{ marginBottom: 8 }}
        data-testid="org-search"
      />
      {treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Tree
          blockNode
          showLine
          treeData={treeData}
          selectedKeys={selectedId ? [selectedId] : []}
          expandedKeys={expandedKeys}
          onExpand={(keys) => setExpanded(keys.map(String))}
          onSelect={(keys) => {
            const k = keys[0];
            if (k !== undefined) onSelect(String(k));
          }}
        />
      )}
    </div>
  );
}
