import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/api/errors';
import { hasPermission, useMe } from '../../shared/session';
import { downloadArchiveFile, dossierUrl, evidenceZipUrl, useArchive, useRetentionPolicy, useSetRetention, type ArchiveRecord, type CaseDetail, type Retention } from './api';

/**
 * The case page's 卷宗 tab: the whole case as one PDF in the legal order (the copy kept at 归档 once archived, a
 * preview before), the evidence ZIP with its SHA-256 manifest, and the archive record (保管期限, hashes, pages).
 */
export function ArchiveTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const view = useArchive(c.id, c.version);
  const [busy, setBusy] = useState<'pdf' | 'zip' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const v = view.data;
  const name = c.caseNo ?? c.id;
  const me = useMe();
  const canSetRetention = hasPermission(me.data, 'legal.manage');

  const fetchFile = async (kind: 'pdf' | 'zip') => {
    setError(null);
    setBusy(kind);
    try {
      if (kind === 'pdf') await downloadArchiveFile(dossierUrl(c.id), `卷宗-${name}.pdf`);
      else await downloadArchiveFile(evidenceZipUrl(c.id), `卷宗证据-${name}.zip`);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="archive-tab">
      {v && (
        <Alert
          type={v.archived ? 'success' : 'info'}
          showIcon
          data-testid="archive-state"
          title={v.archived ? (v.record ? t('caseArchive.archived') : t('caseArchive.archivedNoRecord')) : t('caseArchive.notArchived')}
        />
      )}
      <Space wrap>
        <Button type="primary" loading={busy === 'pdf'} onClick={() => void fetchFile('pdf')} data-testid="archive-dossier">
          {v?.archived ? t('caseArchive.downloadDossier') : t('caseArchive.previewDossier')}
        </Button>
        <Button loading={busy === 'zip'} onClick={() => void fetchFile('zip')} data-testid="archive-zip">
          {t('caseArchive.downloadZip')}
        </Button>
        {v && (
          <Typography.Text type="secondary" data-testid="archive-evidence-count">
            {t('caseArchive.evidenceCount', { current: v.evidence.current, superseded: v.evidence.superseded })}
          </Typography.Text>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} data-testid="archive-error" />}
      {view.isError && <Alert type="error" showIcon title={errorText(t, view.error)} />}
      {v && (
        <>
          {v.record ? <RecordView r={v.record} /> : <RetentionLine r={v.retention} />}
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="archive-order">
            {t('caseArchive.order', { stages: v.order.stages.map((s) => s.name).join(' → '), citation: `《${v.order.source.law}》（${v.order.source.version}）${v.order.source.article}` })}
          </Typography.Paragraph>
        </>
      )}
      {canSetRetention && me.data && <RetentionPolicyForm orgUnitId={me.data.orgUnitId} unitName={me.data.orgUnitName} />}
    </Space>
  );
}

/**
 * The bureau's 保管期限 for its unit and the units below (legal.manage): until it is set, cases are archived with the
 * local default, marked 本地默认值，待本局确认. Applies to cases archived afterwards; archived ones keep theirs.
 */
function RetentionPolicyForm({ orgUnitId, unitName }: { orgUnitId: string; unitName: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const policy = useRetentionPolicy(orgUnitId);
  const save = useSetRetention();
  const [years, setYears] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const current = policy.data?.own;
  const chosen = years ?? (current ? String(current.years ?? 'permanent') : null);
  const submit = async () => {
    setError(null);
    try {
      await save.mutateAsync({ orgUnitId, body: { years: chosen === 'permanent' ? null : Number(chosen), note: note.trim() || current?.note || '' } });
      message.success(t('caseArchive.policy.saved'));
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  return (
    <Card size="small" title={t('caseArchive.policy.title', { unit: unitName })} data-testid="archive-policy">
      <Space wrap>
        <Select
          style={{ width: 120 }}
          value={chosen}
          placeholder={t('caseArchive.policy.choose')}
          onChange={setYears}
          data-testid="archive-policy-years"
          options={[
            { value: 'permanent', label: t('caseArchive.permanent') },
            { value: '30', label: t('caseArchive.years', { count: 30 }) },
            { value: '10', label: t('caseArchive.years', { count: 10 }) },
          ]}
        />
        <Input style={{ width: 280 }} placeholder={current?.note ?? t('caseArchive.policy.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="archive-policy-note" />
        <Button type="primary" disabled={!chosen || !(note.trim() || current?.note)} loading={save.isPending} onClick={() => void submit()} data-testid="archive-policy-save">
          {t('caseArchive.policy.save')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('caseArchive.policy.hint')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
    </Card>
  );
}

function RetentionText({ r }: { r: Retention }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <span data-testid="archive-retention">{r.years === null ? t('caseArchive.permanent') : t('caseArchive.years', { count: r.years })}</span>
      {r.keepUntil && <Typography.Text type="secondary">{t('caseArchive.keepUntil', { date: r.keepUntil })}</Typography.Text>}
      <Tag color={r.source === 'policy' ? 'blue' : 'orange'}>{r.source === 'policy' ? r.note : t('caseArchive.localDefault')}</Tag>
    </Space>
  );
}

function RetentionLine({ r }: { r: Retention }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('caseArchive.retentionIfArchived')}>
        <RetentionText r={r} />
      </Descriptions.Item>
    </Descriptions>
  );
}

function RecordView({ r }: { r: ArchiveRecord }) {
  const { t } = useTranslation();
  const mono = { fontFamily: 'monospace', fontSize: 12 };
  return (
    <>
      <Descriptions size="small" column={1} bordered data-testid="archive-record">
        <Descriptions.Item label={t('caseArchive.fields.archivedOn')}>{`${r.archivedOn}（${r.archivedByName}）`}</Descriptions.Item>
        <Descriptions.Item label={t('caseArchive.fields.retention')}>
          <RetentionText r={r.retention} />
        </Descriptions.Item>
        <Descriptions.Item label={t('caseArchive.fields.pdf')}>
          <Space orientation="vertical" size={0}>
            <span data-testid="archive-pages">{t('caseArchive.pages', { pages: r.pdfPages })}</span>
            <Typography.Text copyable style={mono} data-testid="archive-pdf-sha">{r.pdfSha256}</Typography.Text>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('caseArchive.fields.manifest')}>
          <Space orientation="vertical" size={0}>
            <span>{t('caseArchive.evidenceFiles', { count: r.evidenceCount, size: (r.evidenceBytes / 1024 / 1024).toFixed(1) })}</span>
            <Typography.Text copyable style={mono}>{r.manifestSha256}</Typography.Text>
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey={(x) => `${x.fromPage}-${x.title}`}
        pagination={false}
        dataSource={r.index}
        title={() => t('caseArchive.index')}
        data-testid="archive-index"
        columns={[
          { title: t('caseArchive.fields.title'), dataIndex: 'title' },
          { title: t('caseArchive.fields.number'), dataIndex: 'number', render: (n: string | null) => n ?? '—' },
          { title: t('caseArchive.fields.pages'), key: 'pages', width: 120, render: (_: unknown, x: ArchiveRecord['index'][number]) => (x.fromPage === x.toPage ? String(x.fromPage) : `${x.fromPage}–${x.toPage}`) },
        ]}
      />
    </>
  );
}
