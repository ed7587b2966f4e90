import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { hasPermission, useMe } from '../../identity/api';
import { useOrgUnits } from '../../org/api';
import { useAuditRecords, type AuditRecord } from '../api';
import { ChainStatusCard } from '../components/ChainStatusCard';
import { JsonDiff } from '../components/JsonDiff';

export default function AuditPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [entityText, setEntityText] = useState('');
  const entityType = useDebounced(entityText.trim(), 400) || undefined;
  const records = useAuditRecords(entityType);
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
    { title: t('audit.actor'), key: 'actor', width: 140, render: (_, r) => r.actorName ?? r.actorId ?? '—' },
    { title: t('audit.action'), dataIndex: 'action', key: 'action', render: (v: string) => <Tag>{v}</Tag> },
    {
      title: t('audit.entityType'),
      key: 'entity',
      render: (_, r) => (
        <span>
          {r.entityType}
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
          <Input
            allowClear
            size="small"
            placeholder={t('audit.filterEntity')}
            value={entityText}
            onChange={(e) => setEntityText(e.target.value)}
            style={{ width: 180 }}
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
