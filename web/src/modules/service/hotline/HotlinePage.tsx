import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { errorText } from '../../../shared/api/errors';
import { XlsxFilePicker } from '../../../shared/ui/XlsxFilePicker';
import { exportUrl, templateUrl, useHotlineImport, useHotlineMapping, useSaveHotlineMapping, type ImportIssue, type ImportResult, type ImportRow } from './api';

const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** The issues of an import: the preview's, or those of a refused apply (details.issues of service.hotline_import_invalid). */
function issuesOf(e: unknown): ImportIssue[] {
  if (!(e instanceof ApiError)) return [];
  const d = e.details as { issues?: unknown } | undefined;
  return Array.isArray(d?.issues) ? (d.issues as ImportIssue[]) : [];
}

/** 类别对照: the saved words, and a picker for each word the last check could not map. */
function MappingCard({ unmapped, onSaved }: { unmapped: string[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mapping = useHotlineMapping();
  const save = useSaveHotlineMapping();
  const [picked, setPicked] = useState<Record<string, string>>({});
  const items = mapping.data?.items ?? [];
  const options = (mapping.data?.categories ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.bigClass}/${c.name}` }));

  const store = async (next: { word: string; categoryId: string }[]) => {
    if (!mapping.data) return;
    try {
      await save.mutateAsync({ version: mapping.data.version, items: next });
      message.success(t('serviceHotline.mappingSaved'));
      setPicked({});
      onSaved();
    } catch (e) {
      message.error(errorText(t, e));
      void mapping.refetch();
    }
  };
  const kept = items.map((i) => ({ word: i.word, categoryId: i.categoryId }));
  const added = unmapped.filter((w) => picked[w]).map((w) => ({ word: w, categoryId: picked[w]! }));

  return (
    <Card title={t('serviceHotline.mapping')} size="small" data-testid="hotline-mapping">
      <Typography.Paragraph type="secondary">{t('serviceHotline.mappingIntro')}</Typography.Paragraph>
      {unmapped.length > 0 && (
        <div style={{ marginBottom: 12 }} data-testid="hotline-unmapped">
          <Alert type="warning" showIcon title={t('serviceHotline.unmapped')} style={{ marginBottom: 8 }} />
          <Space orientation="vertical" style={{ width: '100%' }}>
            {unmapped.map((w, n) => (
              <Space key={w}>
                <Tag>{w}</Tag>
                <Select
                  showSearch
                  optionFilterProp="label"
                  style={{ width: 320 }}
                  placeholder={t('serviceHotline.pickCategory')}
                  options={options}
                  value={picked[w]}
                  onChange={(v: string) => setPicked((p) => ({ ...p, [w]: v }))}
                  id={`hotline-map-${n}`}
                />
              </Space>
            ))}
            <Button type="primary" disabled={added.length === 0} loading={save.isPending} onClick={() => void store([...kept.filter((k) => !added.some((a) => a.word === k.word)), ...added])} data-testid="hotline-map-save">
              {t('serviceHotline.saveAndCheck')}
            </Button>
          </Space>
        </div>
      )}
      <Table
        size="small"
        rowKey="word"
        dataSource={items}
        loading={mapping.isFetching}
        locale={{ emptyText: t('serviceHotline.noMapping') }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('serviceHotline.word'), dataIndex: 'word', key: 'word' },
          { title: t('serviceHotline.category'), key: 'category', render: (_: unknown, i: (typeof items)[number]) => `${i.categoryCode} ${i.categoryName}` },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, i: (typeof items)[number]) => (
              <Button size="small" type="link" danger onClick={() => void store(kept.filter((k) => k.word !== i.word))}>
                {t('serviceHotline.remove')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** 12345 工单导入: upload → preview with every row problem → import; the mapping of category words; export of the replies. */
export default function HotlinePage() {
  const { t } = useTranslation();
  const importer = useHotlineImport();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [issues, setIssues] = useState<ImportIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>([dayjs().subtract(1, 'month').startOf('month'), dayjs()]);

  const check = async (f: File | null = file) => {
    setDone(null);
    setError(null);
    if (!f) {
      setError(t('serviceHotline.chooseFirst'));
      return;
    }
    try {
      const r = await importer.mutateAsync({ file: f, dryRun: true });
      setPreview(r);
      setIssues(r.issues);
    } catch (e) {
      setPreview(null);
      setIssues(issuesOf(e));
      setError(errorText(t, e));
    }
  };

  const apply = async () => {
    if (!file) return;
    try {
      const r = await importer.mutateAsync({ file, dryRun: false });
      setDone(r);
      setPreview(r);
      setIssues([]);
    } catch (e) {
      setIssues(issuesOf(e));
      setError(errorText(t, e));
    }
  };

  const issueColumns: ColumnsType<ImportIssue> = [
    { title: t('serviceHotline.sheet'), dataIndex: 'sheet', key: 'sheet', width: 110 },
    { title: t('serviceHotline.row'), dataIndex: 'row', key: 'row', width: 60, render: (r: number) => r || '' },
    { title: t('serviceHotline.column'), dataIndex: 'column', key: 'column', width: 60 },
    { title: t('serviceHotline.orderNo'), dataIndex: 'orderNo', key: 'orderNo', width: 150 },
    { title: t('serviceHotline.problem'), key: 'problem', render: (_, i) => t(`serviceHotline.issue.${i.code}`, { ...(i.params ?? {}) }) },
  ];
  const rowColumns: ColumnsType<ImportRow> = [
    { title: t('serviceHotline.row'), dataIndex: 'row', key: 'row', width: 60 },
    { title: t('serviceHotline.orderNo'), dataIndex: 'orderNo', key: 'orderNo', width: 150 },
    { title: t('serviceHotline.calledAt'), key: 'calledAt', width: 150, render: (_, r) => at(r.calledAt) },
    { title: t('serviceHotline.categoryWord'), dataIndex: 'categoryWord', key: 'categoryWord' },
    { title: t('serviceHotline.category'), key: 'category', render: (_, r) => `${r.categoryCode} ${r.categoryName}` },
    { title: t('serviceHotline.address'), dataIndex: 'address', key: 'address' },
    { title: t('serviceHotline.action'), key: 'action', width: 100, render: (_, r) => <Tag color={r.action === 'create' ? 'blue' : 'default'}>{t(`serviceHotline.actions.${r.action}`)}</Tag> },
    { title: t('serviceHotline.routing'), key: 'routing', width: 120, render: (_, r) => <Tag color={r.routing === 'city_desk' ? 'orange' : 'green'}>{t(`serviceHotline.routings.${r.routing}`)}</Tag> },
    { title: t('serviceHotline.trackingCode'), dataIndex: 'trackingCode', key: 'trackingCode', width: 140 },
  ];
  const canApply = preview !== null && !done && preview.issues.length === 0 && preview.toCreate > 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="hotline-page">
      <Card
        title={t('serviceHotline.title')}
        extra={
          <Button icon={<DownloadOutlined />} href={templateUrl} data-testid="hotline-template">
            {t('serviceHotline.template')}
          </Button>
        }
      >
        <Typography.Paragraph>{t('serviceHotline.intro')}</Typography.Paragraph>
        <Space wrap>
          <XlsxFilePicker
            file={file}
            onChange={(f) => {
              setFile(f);
              setPreview(null);
              setDone(null);
              setIssues([]);
              setError(null);
            }}
            label={t('serviceHotline.choose')}
            testId="hotline-choose"
          />
          <Button onClick={() => void check()} loading={importer.isPending && !canApply} data-testid="hotline-check">
            {t('serviceHotline.check')}
          </Button>
          <Button type="primary" disabled={!canApply} onClick={() => void apply()} loading={importer.isPending && canApply} data-testid="hotline-apply">
            {t('serviceHotline.apply')}
          </Button>
        </Space>
        <div data-testid="hotline-result" style={{ marginTop: 16 }}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {done && <Alert type="success" showIcon title={t('serviceHotline.done', { created: done.created, existing: done.existing, toCityDesk: done.toCityDesk })} style={{ marginBottom: 12 }} data-testid="hotline-done" />}
          {preview && !done && (
            <Alert
              type={preview.issues.length ? 'error' : preview.toCreate ? 'success' : 'info'}
              showIcon
              title={preview.issues.length ? t('serviceHotline.invalid', { count: preview.issues.length }) : preview.toCreate ? t('serviceHotline.valid') : t('serviceHotline.nothingNew')}
              description={t('serviceHotline.summary', { total: preview.total, toCreate: preview.toCreate, existing: preview.existing, toCityDesk: preview.toCityDesk })}
              style={{ marginBottom: 12 }}
              data-testid="hotline-summary"
            />
          )}
          {issues.length > 0 && (
            <Table<ImportIssue>
              data-testid="hotline-issues"
              title={() => t('serviceHotline.issues')}
              size="small"
              rowKey={(i) => `${i.sheet}:${i.row}:${i.column}:${i.code}`}
              dataSource={issues}
              columns={issueColumns}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              style={{ marginBottom: 12 }}
            />
          )}
          {preview && preview.rows.length > 0 && (
            <Table<ImportRow>
              data-testid="hotline-rows"
              title={() => t('serviceHotline.rows')}
              size="small"
              rowKey="orderNo"
              dataSource={preview.rows}
              columns={rowColumns}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 1100 }}
            />
          )}
        </div>
      </Card>
      <MappingCard unmapped={preview?.unmappedWords ?? []} onSaved={() => void check()} />
      <Card title={t('serviceHotline.export')} size="small" data-testid="hotline-export">
        <Typography.Paragraph type="secondary">{t('serviceHotline.exportIntro')}</Typography.Paragraph>
        <Space wrap>
          <span>{t('serviceHotline.period')}</span>
          <DatePicker.RangePicker
            value={period}
            allowClear={false}
            onChange={(v) => {
              if (v?.[0] && v[1]) setPeriod([v[0], v[1]]);
            }}
            data-testid="hotline-period"
          />
          <Button icon={<DownloadOutlined />} href={exportUrl(period[0].format('YYYY-MM-DD'), period[1].format('YYYY-MM-DD'))} data-testid="hotline-export-button">
            {t('serviceHotline.exportButton')}
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
