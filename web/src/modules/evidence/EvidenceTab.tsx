import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/api/errors';
import { hasPermission, useMe } from '../../shared/session';
import { ACCEPT, downloadEvidence, EVIDENCE_KINDS, useCaseSteps, useEvidence, useEvidenceActions, useEvidenceDetail, type CustodyEntry, type Evidence, type EvidenceKind, type CaseDetail } from './api';
import { ClipsSection } from './ClipsSection';
import { bjDateTime, exifTime, mapLink } from './format';

/** The case page's tab: the evidence of the case (行政处罚法 第四十六条) with its custody log, and the body-camera clips. */
export function EvidenceTab({ c }: { c: CaseDetail }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="evidence-tab">
      <EvidenceSection c={c} />
      <ClipsSection c={c} />
    </Space>
  );
}

function EvidenceSection({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe();
  const canHandle = hasPermission(me.data, 'case.handle');
  const list = useEvidence(c.id);
  const actions = useEvidenceActions(c.id);
  const [uploading, setUploading] = useState(false);
  const [custodyOf, setCustodyOf] = useState<Evidence | null>(null);
  const [superseding, setSuperseding] = useState<Evidence | null>(null);
  const [error, setError] = useState<string | null>(null);
  const decided = list.data?.decided ?? false;

  const download = async (e: Evidence) => {
    setError(null);
    try {
      await downloadEvidence(e);
    } catch (err) {
      // A changed or lost file: the server refused it and logged the refusal; show why in the user's words.
      setError(t('caseEvidence.download.failed', { error: errorText(t, err) }));
    }
    await qc.invalidateQueries({ queryKey: ['case-evidence', 'detail', e.id] });
  };
  const withdraw = async (e: Evidence) => {
    setError(null);
    try {
      await actions.withdraw.mutateAsync(e.id);
      message.success(t('caseEvidence.withdraw.done'));
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  const columns: ColumnsType<Evidence> = [
    { title: t('caseEvidence.fields.kind'), dataIndex: 'kind', width: 150, render: (k: EvidenceKind) => t(`caseEvidence.kinds.${k}`) },
    {
      title: t('caseEvidence.fields.title'),
      dataIndex: 'title',
      width: 240,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="evidence-title">{e.title}</span>
          <Typography.Text type="secondary">{e.fileName}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('caseEvidence.fields.sha256'),
      dataIndex: 'sha256',
      width: 150,
      render: (sha: string) => (
        <Typography.Text code copyable={{ text: sha, tooltips: [t('caseEvidence.copy'), t('caseEvidence.copied')] }} data-testid="evidence-sha">
          {sha.slice(0, 12)}
        </Typography.Text>
      ),
    },
    {
      title: t('caseEvidence.fields.photo'),
      key: 'photo',
      width: 210,
      render: (_, e) =>
        e.takenAt || e.lat !== null ? (
          <Space orientation="vertical" size={0} data-testid="evidence-exif">
            {e.takenAt && <span>{t('caseEvidence.exif.takenAt', { at: exifTime(e.takenAt) })}</span>}
            {e.lat !== null && e.lon !== null && (
              <a href={mapLink(e.lat, e.lon)} target="_blank" rel="noreferrer" title={t('caseEvidence.exif.map')} data-testid="evidence-position">
                {e.lat.toFixed(5)}, {e.lon.toFixed(5)}
              </a>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('caseEvidence.exif.none')}</Typography.Text>
        ),
    },
    {
      title: t('caseEvidence.fields.uploadedBy'),
      key: 'by',
      width: 160,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <span>{e.uploadedByName}</span>
          <Typography.Text type="secondary">{bjDateTime(e.uploadedAt)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('caseEvidence.fields.status'),
      key: 'status',
      width: 200,
      render: (_, e) =>
        e.supersededAt ? (
          <Space orientation="vertical" size={0} data-testid="evidence-status">
            <Tag color="default">{t('caseEvidence.status.superseded')}</Tag>
            <Typography.Text type="secondary">{t('caseEvidence.status.supersededBy', { at: bjDateTime(e.supersededAt), reason: e.supersededReason ?? '' })}</Typography.Text>
          </Space>
        ) : (
          <Tag color="green" data-testid="evidence-status">
            {t('caseEvidence.status.current')}
          </Tag>
        ),
    },
    {
      title: t('caseEvidence.fields.actions'),
      key: 'actions',
      width: 260,
      render: (_, e) => (
        <Space wrap size={4}>
          <Button size="small" onClick={() => void download(e)} data-testid="evidence-download">
            {t('caseEvidence.download.button')}
          </Button>
          <Button size="small" onClick={() => setCustodyOf(e)} data-testid="evidence-custody">
            {t('caseEvidence.custody.button')}
          </Button>
          {canHandle && !e.supersededAt && (
            <Button size="small" onClick={() => setSuperseding(e)} data-testid="evidence-supersede">
              {t('caseEvidence.supersede.button')}
            </Button>
          )}
          {canHandle &&
            !e.supersededAt &&
            (decided ? (
              // Evidence of a decided case is part of the file: never deleted, only superseded (the server says so too).
              <Tooltip title={t('caseEvidence.withdraw.decided')}>
                <Button size="small" danger disabled data-testid="evidence-withdraw">
                  {t('caseEvidence.withdraw.button')}
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm title={t('caseEvidence.withdraw.confirm')} onConfirm={() => void withdraw(e)}>
                <Button size="small" danger data-testid="evidence-withdraw">
                  {t('caseEvidence.withdraw.button')}
                </Button>
              </Popconfirm>
            ))}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('caseEvidence.tab')}
      extra={
        canHandle && (
          <Button type="primary" onClick={() => setUploading(true)} data-testid="evidence-upload-open">
            {t('caseEvidence.upload.button')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {list.data && <Typography.Text type="secondary">{t('caseEvidence.law', { citation: `《${list.data.law.law}》（${list.data.law.version}）${list.data.law.article}` })}</Typography.Text>}
        {decided && <Alert type="info" showIcon title={t('caseEvidence.withdraw.decided')} data-testid="evidence-decided" />}
        {list.isError && <Alert type="error" showIcon title={errorText(t, list.error)} />}
        {error && <Alert type="error" showIcon closable={{ onClose: () => setError(null) }} title={error} data-testid="evidence-error" />}
        <Table<Evidence> rowKey="id" size="small" loading={list.isPending} dataSource={list.data?.items ?? []} columns={columns} pagination={false} scroll={{ x: 1200 }} locale={{ emptyText: t('caseEvidence.empty') }} data-testid="evidence-list" />
      </Space>
      {uploading && <UploadModal c={c} onClose={() => setUploading(false)} />}
      {superseding && <SupersedeModal c={c} e={superseding} onClose={() => setSuperseding(null)} />}
      <CustodyDrawer e={custodyOf} onClose={() => setCustodyOf(null)} />
    </Card>
  );
}

/** A plain file input (the browser's own picker): the file is sent as it is, hashed by the server. */
function FileInput({ onChange, testId, accept = ACCEPT }: { onChange: (f: File | null) => void; testId: string; accept?: string }) {
  return <input type="file" accept={accept} onChange={(ev) => onChange(ev.target.files?.[0] ?? null)} data-testid={testId} />;
}

function UploadModal({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { upload } = useEvidenceActions(c.id);
  const steps = useCaseSteps(c.id, c.version);
  const [form] = Form.useForm<{ kind: EvidenceKind; title: string; stepEventId?: number }>();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const v = await form.validateFields();
    if (!file) {
      setFileMissing(true);
      return;
    }
    setError(null);
    try {
      await upload.mutateAsync({ query: { kind: v.kind, title: v.title.trim(), ...(v.stepEventId ? { stepEventId: v.stepEventId } : {}) }, file });
      message.success(t('caseEvidence.upload.done'));
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal open title={t('caseEvidence.upload.title')} onCancel={onClose} onOk={() => void submit()} okText={t('caseEvidence.upload.submit')} cancelText={t('common.cancel')} confirmLoading={upload.isPending} okButtonProps={{ 'data-testid': 'evidence-upload-submit' } as Record<`data-${string}`, string>} destroyOnHidden>
      <Form form={form} layout="vertical" data-testid="evidence-upload-form">
        <Form.Item name="kind" label={t('caseEvidence.fields.kind')} rules={[{ required: true, message: t('fieldErrors.required') }]}>
          <Select id="evidence-kind" options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`caseEvidence.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('caseEvidence.fields.title')} rules={[{ required: true, whitespace: true, message: t('fieldErrors.required') }]}>
          <Input maxLength={200} data-testid="evidence-title-input" />
        </Form.Item>
        <Form.Item name="stepEventId" label={t('caseEvidence.fields.step')}>
          <Select
            id="evidence-step"
            allowClear
            placeholder={t('caseEvidence.upload.noStep')}
            options={(steps.data?.items ?? []).map((s) => ({ value: s.eventId, label: `${s.onDate} ${t(`case.actions.${s.action}`, { defaultValue: s.action })}` }))}
          />
        </Form.Item>
        <Form.Item label={t('caseEvidence.fields.file')} required validateStatus={fileMissing ? 'error' : undefined} help={fileMissing ? t('caseEvidence.upload.fileRequired') : t('caseEvidence.upload.hint')}>
          <FileInput
            testId="evidence-file"
            onChange={(f) => {
              setFile(f);
              setFileMissing(false);
            }}
          />
        </Form.Item>
        {!!error && <Alert type="error" showIcon title={errorText(t, error)} data-testid="evidence-upload-error" />}
      </Form>
    </Modal>
  );
}

function SupersedeModal({ c, e, onClose }: { c: CaseDetail; e: Evidence; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { supersede } = useEvidenceActions(c.id);
  const [form] = Form.useForm<{ reason: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const v = await form.validateFields();
    if (!file) {
      setFileMissing(true);
      return;
    }
    setError(null);
    try {
      await supersede.mutateAsync({ id: e.id, reason: v.reason.trim(), file });
      message.success(t('caseEvidence.supersede.done'));
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Modal open title={t('caseEvidence.supersede.title', { title: e.title })} onCancel={onClose} onOk={() => void submit()} okText={t('caseEvidence.supersede.submit')} cancelText={t('common.cancel')} confirmLoading={supersede.isPending} okButtonProps={{ 'data-testid': 'evidence-supersede-submit' } as Record<`data-${string}`, string>} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Typography.Paragraph type="secondary">{t('caseEvidence.supersede.hint')}</Typography.Paragraph>
        <Form.Item name="reason" label={t('caseEvidence.fields.reason')} rules={[{ required: true, whitespace: true, message: t('fieldErrors.required') }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="evidence-supersede-reason" />
        </Form.Item>
        <Form.Item label={t('caseEvidence.fields.file')} required validateStatus={fileMissing ? 'error' : undefined} help={fileMissing ? t('caseEvidence.upload.fileRequired') : undefined}>
          <FileInput
            testId="evidence-supersede-file"
            onChange={(f) => {
              setFile(f);
              setFileMissing(false);
            }}
          />
        </Form.Item>
        {!!error && <Alert type="error" showIcon title={errorText(t, error)} />}
      </Form>
    </Modal>
  );
}

/** What a custody entry recorded, in words (reason, new hash, the problem of a refused download). */
function custodyDetail(t: TFunction, entry: CustodyEntry): string {
  const d = entry.detail;
  const parts: string[] = [];
  if (d.problem) parts.push(t(`caseEvidence.custody.problems.${d.problem}`, { defaultValue: '' }));
  if (d.reason) parts.push(t('caseEvidence.custody.reason', { reason: d.reason }));
  if (d.newSha256) parts.push(t('caseEvidence.custody.newSha', { sha: d.newSha256.slice(0, 12) }));
  return parts.filter(Boolean).join('；');
}

function CustodyDrawer({ e, onClose }: { e: Evidence | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useEvidenceDetail(e?.id ?? null);
  const columns: ColumnsType<CustodyEntry> = [
    { title: t('caseEvidence.custody.at'), dataIndex: 'at', width: 170, render: (at: string) => bjDateTime(at, true) },
    { title: t('caseEvidence.custody.action'), dataIndex: 'action', width: 170, render: (a: CustodyEntry['action']) => <Tag color={a === 'hash_mismatch' ? 'red' : undefined}>{t(`caseEvidence.custody.actions.${a}`)}</Tag> },
    { title: t('caseEvidence.custody.by'), dataIndex: 'actorName', width: 120 },
    { title: t('caseEvidence.custody.detail'), key: 'detail', render: (_, entry) => custodyDetail(t, entry) },
  ];
  return (
    <Drawer open={!!e} onClose={onClose} size={720} title={e ? t('caseEvidence.custody.title', { title: e.title }) : ''} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('caseEvidence.custody.note')}</Typography.Text>
        {e && (
          <Typography.Text code copyable={{ text: e.sha256 }}>
            SHA-256 {e.sha256}
          </Typography.Text>
        )}
        {detail.isError && <Alert type="error" showIcon title={errorText(t, detail.error)} />}
        <Table<CustodyEntry> rowKey="id" size="small" loading={detail.isPending} dataSource={detail.data?.custody ?? []} columns={columns} pagination={false} data-testid="evidence-custody-log" />
      </Space>
    </Drawer>
  );
}
