import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Drawer, Empty, Row, Spin } from 'antd';
import { EditOutlined, GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { hasPermission, useMe } from '../../../shared/session';
import { ancestorIds, descendantIds, useOrgUnits } from '../api';
import { OrgTree } from '../components/OrgTree';
import { OrgDetails } from '../components/OrgDetails';
import { OrgEditForm } from '../components/OrgEditForm';
import { OrgMapPanel } from '../components/OrgMapPanel';

export default function OrgPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const units = useOrgUnits();
  const [params, setParams] = useSearchParams();
  const items = useMemo(() => units.data?.items ?? [], [units.data]);
  const byId = useMemo(() => new Map(items.map((u) => [u.id, u])), [items]);

  // The selection lives in the URL (?unit=…) so it survives reloads and can be linked.
  const requested = params.get('unit');
  const selectedId =
    requested && byId.has(requested)
      ? requested
      : me && byId.has(me.orgUnitId)
        ? me.orgUnitId
        : (items.find((u) => !u.parentId || !byId.has(u.parentId))?.id ?? null);
  const selected = selectedId ? byId.get(selectedId) : undefined;

  const select = useCallback(
    (id: string) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('unit', id);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  // Map clicks drill down: a grid first selects its street team; once inside that team, a grid selects itself
  // (grids cover the team's whole area, so otherwise a team could never be picked on the map).
  const selectFromMap = useCallback(
    (id: string) => {
      const chain = [id, ...ancestorIds(items, id)];
      const team = chain.find((c) => byId.get(c)?.kind === 'team');
      const inside = !!team && !!selectedId && (selectedId === team || ancestorIds(items, selectedId).includes(team));
      select(team && !inside ? team : id);
    },
    [items, byId, selectedId, select],
  );
  const [editing, setEditing] = useState(false);

  const path = useMemo(
    () =>
      selectedId
        ? ancestorIds(items, selectedId)
            .reverse()
            .map((id) => byId.get(id)!)
        : [],
    [items, byId, selectedId],
  );
  const focusIds = useMemo(() => (selectedId ? descendantIds(items, selectedId) : null), [items, selectedId]);
  const canEdit = !!selected && hasPermission(me, 'org.manage') && selected.actions.includes('update');

  if (units.isError) return <Alert type="error" showIcon title={errorText(t, units.error)} />;
  if (units.isPending) {
    return (
      <div style={{ padding: 64, textAlign: 'center' }}>
        <Spin size="large" />
      </div>
    );
  }

  return (
    <Row gutter={16} data-testid="org-page">
      <Col xs={24} md={9} lg={7}>
        <Card title={t('org.tree')} size="small" styles={{ body: { maxHeight: 'calc(100vh - 150px)', overflow: 'auto' } }}>
          <OrgTree units={items} selectedId={selectedId} onSelect={select} />
        </Card>
      </Col>
      <Col xs={24} md={15} lg={17}>
        <Card
          title={t('org.details')}
          size="small"
          style={{ marginBottom: 16 }}
          extra={
            canEdit && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="org-edit">
                {t('org.edit')}
              </Button>
            )
          }
        >
          {selected ? <OrgDetails unit={selected} path={path} /> : <Empty description={t('org.selectHint')} />}
        </Card>
        <Drawer
          title={selected ? `${t('org.edit')} · ${selected.name}` : t('org.edit')}
          open={editing && canEdit}
          onClose={() => setEditing(false)}
          size={480}
          destroyOnHidden
        >
          {selected && canEdit && (
            <OrgEditForm
              key={`${selected.id}:${selected.version}`}
              unit={selected}
              onRefresh={() => void units.refetch()}
              onSaved={() => setEditing(false)}
            />
          )}
        </Drawer>
        <Card
          title={t('org.map')}
          size="small"
          extra={
            // Importing areas writes many units at once: offered to those who manage units (the server checks scope).
            hasPermission(me, 'org.manage') && (
              <Link to="/org/areas/import">
                <Button size="small" icon={<GlobalOutlined />} data-testid="org-areas-import">
                  {t('menu.orgAreasImport')}
                </Button>
              </Link>
            )
          }
        >
          <OrgMapPanel selectedId={selectedId} focusIds={focusIds} onSelect={selectFromMap} />
        </Card>
      </Col>
    </Row>
  );
}
