import { useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { hasPermission, useMe } from '../../../shared/session';
import { useOrgUnits } from '../../../shared/org';
import { useAuditRecords, type AuditRecord } from '../api';
import { ChainStatusCard } from '../components/ChainStatusCard';
import { JsonDiff } from '../components/JsonDiff';

/** A code in words (auditLog.actions.identity.login → 登录); a code the resources do not know is shown as itself. */
function codeText(t: TFunction, group: 'actions' | 'entities', code: string): string {
  const text: unknown = t(`auditLog.${group}.${code}`, { defaultValue: '', returnObjects: true });
  return typeof text === 'string' && text !== '' ? text : t('auditLog.unknownCode', { code });
}

function Actor({ r }: { r: AuditRecord }) {
  const { t } = useTranslation();
  if (r.actorId === null && (r.actorName === null || r.actorName === 'system')) return <span data-testid="audit-actor">{t('auditLog.system')}</span>;
  return (
    <span data-testid="audit-actor">
      {r.actorName ?? '—'}
      {r.actorUsername && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 4 }}>
          ({r.actorUsername})
        </Typography.Text>
      )}
    </span>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [entityType, setEntityType] = useState<string | undefined>(undefined);
  const records = useAuditRecords(entityType);
  // The filter offers the entity types by name and sends the code.
  const entityOptions = Object.keys(t('auditLog.entities', { returnObjects: true }) as Record<string, string>)
    .map((code) => ({ value: code, label: codeText(t, 'entities', code) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  // Unit names for the org column (the records carry ids only).
  const units = useOrgUnits(hasPermission(me, 'org.read'));
  const unitName = new Map((units.data?.items ?? []).map((u) => [u.id, u.name]));
  const rows = records.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableColumnsType<AuditRecord> = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', width: 80 },
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      width: 180,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
    },
    { title: t('audit.actor'), key: 'actor', width: 180, render: (_, r) => <Actor r={r} /> },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (v: string) => (
        // The code stays on hand for whoever reads the server's logs.
        <Tooltip title={v}>
          <Tag data-testid="audit-action" data-action={v}>
            {codeText(t, 'actions', v)}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.entityType'),
      key: 'entity',
      render: (_, r) => (
        <span data-testid="audit-entity" data-entity-type={r.entityType}>
          {codeText(t, 'entities', r.entityType)}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }} copyable={{ text: r.entityId }}>
            {r.entityId.length > 12 ? `${r.entityId.slice(0, 12)}…` : r.entityId}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('audit.orgUnit'),
      dataIndex: 'orgUnitId',
      key: 'orgUnit',
      render: (id: string | null) => (id ? (unitName.get(id) ?? id) : '—'),
    },
  ];

  return (
    <div data-testid="audit-page">
      <ChainStatusCard canVerify={hasPermission(me, 'audit.verify')} />
      <Card
        size="small"
        title={t('audit.title')}
        extra={
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            size="small"
            placeholder={t('auditLog.filterEntity')}
            value={entityType}
            onChange={(v?: string) => setEntityType(v)}
            options={entityOptions}
            style={{ width: 200 }}
            data-testid="audit-filter-entity"
          />
        }
      >
        {records.isError && <Alert type="error" showIcon title={errorText(t, records.error)} style={{ marginBottom: 12 }} />}
        <Table<AuditRecord>
          rowKey="seq"
          size="small"
          loading={records.isPending}
          dataSource={rows}
          columns={columns}
          pagination={false}
          scroll={{ x: 900 }}
          expandable={{
            expandedRowRender: (r) => (
              <div>
                <JsonDiff before={r.before} after={r.after} />
                <Typography.Text type="secondary" style={{ fontSize: 11, display: 'block', marginTop: 6 }}>
                  {t('audit.hash')}: <code>{r.hash}</code>
                </Typography.Text>
              </div>
            ),
          }}
        />
        <Space style={{ marginTop: 12, width: '100%', justifyContent: 'center' }}>
          {records.hasNextPage ? (
            <Button onClick={() => void records.fetchNextPage()} loading={records.isFetchingNextPage} data-testid="audit-load-more">
              {t('audit.loadMore')}
            </Button>
          ) : (
            rows.length > 0 && <Typography.Text type="secondary">{t('audit.noMore')}</Typography.Text>
          )}
        </Space>
      </Card>
    </div>
  );
}
