import { useState } from 'react';
import { Alert, Card, Empty, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { SwapRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useCompare, type Comparison, type CompareNode, type Standard } from '../api';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

export function CompareCard({ standards }: { standards: Standard[] }) {
  const { t } = useTranslation();
  const options = standards.flatMap((s) =>
    s.versions.map((v) => ({ value: v.id, label: `${s.name.split(' — ')[0]} · ${v.label}` })),
  );
  const provincial = standards.find((s) => s.kind === 'provincial')?.versions[0]?.id;
  const profile = standards.find((s) => s.kind === 'local_profile')?.versions[0]?.id;
  const [from, setFrom] = useState<string | undefined>(provincial);
  const [to, setTo] = useState<string | undefined>(profile);
  const cmp = useCompare(from ?? provincial, to ?? profile);
  const f = from ?? provincial;
  const tt = to ?? profile;
  const data: Comparison | undefined = cmp.data;

  const nodeColumns = [
    { title: t('catalog.code'), dataIndex: 'code', key: 'code', width: 100 },
    { title: t('catalog.itemTitle'), dataIndex: 'title', key: 'title' },
    { title: t('catalog.points'), dataIndex: 'points', key: 'points', width: 80, render: (v: number | null) => v ?? '—' },
    {
      title: t('catalog.veto'),
      dataIndex: 'isVeto',
      key: 'veto',
      width: 90,
      render: (v: boolean) => (v ? <Tag color="red">{t('catalog.veto')}</Tag> : null),
    },
  ];

  return (
    <Card size="small" title={t('catalog.compare')} data-testid="catalog-compare" style={{ marginTop: 16 }}>
      <Space wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          data-testid="compare-from"
          style={{ width: 420, maxWidth: '100%' }}
          popupMatchSelectWidth={false}
          value={f}
          options={options}
          onChange={setFrom}
          placeholder={t('catalog.compareFrom')}
        />
        <SwapRightOutlined />
        <Select
          data-testid="compare-to"
          style={{ width: 420, maxWidth: '100%' }}
          popupMatchSelectWidth={false}
          value={tt}
          options={options}
          onChange={setTo}
          placeholder={t('catalog.compareTo')}
        />
      </Space>
      {cmp.isError && <Alert type="error" showIcon title={errorText(t, cmp.error)} />}
      {(!f || !tt || f === tt) && <Empty description={t('catalog.compareHint')} />}
      {data && f !== tt && (
        <>
          <Tabs
            // The unchanged count sits with the tabs it qualifies, not glued to the version pickers.
            tabBarExtraContent={
              <Typography.Text type="secondary" data-testid="compare-unchanged">
                {t('catalog.unchanged', { count: data.unchanged })}
              </Typography.Text>
            }
            items={[
              {
                key: 'added',
                label: (
                  <span data-testid="compare-added-tab">
                    {t('catalog.added')} <Tag color="blue">{data.added.length}</Tag>
                  </span>
                ),
                children: (
                  <Table<CompareNode> rowKey="code" size="small" pagination={false} dataSource={data.added} columns={nodeColumns} data-testid="compare-added" />
                ),
              },
              {
                key: 'removed',
                label: (
                  <span>
                    {t('catalog.removed')} <Tag color="red">{data.removed.length}</Tag>
                  </span>
                ),
                children: <Table<CompareNode> rowKey="code" size="small" pagination={false} dataSource={data.removed} columns={nodeColumns} />,
              },
              {
                key: 'changed',
                label: (
                  <span data-testid="compare-changed-tab">
                    {t('catalog.changed')} <Tag color="orange">{data.changed.length}</Tag>
                  </span>
                ),
                children: (
                  <Table
                    rowKey="code"
                    size="small"
                    pagination={false}
                    data-testid="compare-changed"
                    dataSource={data.changed}
                    columns={[
                      { title: t('catalog.code'), dataIndex: 'code', key: 'code', width: 100 },
                      {
                        title: t('catalog.changed'),
                        key: 'changes',
                        render: (_, r) => (
                          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
                            <tbody>
                              {r.changes.map((c) => (
                                <tr key={c.field} style={{ verticalAlign: 'top' }}>
                                  <td style={{ width: 90, padding: '2px 8px 2px 0', color: '#888' }}>
                                    {t(`catalog.fields.${c.field}`, { defaultValue: c.field })}
                                  </td>
                                  <td style={{ padding: '2px 8px', background: '#fff1f0', width: '45%' }}>
                                    <del>{show(c.from)}</del>
                                  </td>
                                  <td style={{ padding: '2px 8px', background: '#f6ffed', width: '45%' }}>{show(c.to)}</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        ),
                      },
                    ]}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
