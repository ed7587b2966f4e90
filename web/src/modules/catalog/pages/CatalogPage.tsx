import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { hasPermission, useMe } from '../../../shared/session';
import { exportUrl, useStandards, type Standard, type VersionSummary } from '../api';
import { CompareCard } from '../components/CompareCard';
import { ImportWizard } from '../components/ImportWizard';
import { VersionStatusTag } from '../labels';

type Row = VersionSummary & { standard: Standard };

export default function CatalogPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const standards = useStandards();
  const [importing, setImporting] = useState(false);
  const list = standards.data?.items ?? [];
  // Provincial standards first, then local profiles.
  const sorted = [...list].sort((a, b) => (a.kind === b.kind ? a.code.localeCompare(b.code) : a.kind === 'provincial' ? -1 : 1));
  const rows: Row[] = sorted.flatMap((s) => s.versions.map((v) => ({ ...v, standard: s })));
  const canImport = hasPermission(me, 'catalog.manage') && !!standards.data?.actions.includes('import');

  const columns: TableColumnsType<Row> = [
    {
      title: t('catalog.standard'),
      key: 'standard',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Space size={4} wrap>
            <Typography.Text strong>{r.standard.name}</Typography.Text>
            {r.standard.isDemo && <Tag color="purple">{t('catalog.demo')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.standard.code} · {t(`catalog.kind.${r.standard.kind}`, { defaultValue: r.standard.kind })} · {r.standard.issuer}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('catalog.version'),
      key: 'version',
      width: 220,
      render: (_, r) => (
        <Space size={4} wrap>
          <Link to={`/catalog/versions/${r.id}`} data-testid="catalog-version-link">
            {r.label}
          </Link>
          <VersionStatusTag t={t} status={r.status} />
        </Space>
      ),
    },
    { title: t('catalog.aspects'), dataIndex: 'aspectCount', key: 'aspects', width: 70 },
    {
      title: t('catalog.items'),
      dataIndex: 'itemCount',
      key: 'items',
      width: 80,
      render: (v: number) => <span data-testid="catalog-item-count">{v}</span>,
    },
    { title: t('catalog.totalPoints'), dataIndex: 'totalPoints', key: 'points', width: 80 },
    { title: t('catalog.vetoCount'), dataIndex: 'vetoCount', key: 'veto', width: 80 },
    {
      title: t('catalog.publishedAt'),
      dataIndex: 'publishedAt',
      key: 'publishedAt',
      width: 110,
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, r) => (
        <Space size={4}>
          <Link to={`/catalog/versions/${r.id}`}>{t('catalog.open')}</Link>
          {r.actions.includes('export') && (
            <Button type="link" size="small" icon={<DownloadOutlined />} href={exportUrl(r.id)} download>
              Excel
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="catalog-page">
      <Card
        size="small"
        title={t('catalog.standards')}
        extra={
          canImport && (
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="catalog-import">
              {t('catalog.import')}
            </Button>
          )
        }
      >
        {standards.isError && <Alert type="error" showIcon title={errorText(t, standards.error)} />}
        <Table<Row>
          rowKey="id"
          size="small"
          loading={standards.isPending}
          dataSource={rows}
          columns={columns}
          pagination={false}
          scroll={{ x: 960 }}
        />
      </Card>
      {list.length > 0 && <CompareCard standards={sorted} />}
      <ImportWizard open={importing} standards={sorted} onClose={() => setImporting(false)} />
    </div>
  );
}
