import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { errorText } from '../../../shared/api/errors';
import { hasPermission, useMe } from '../../../shared/session';
import { useCaseDocuments, useDocumentRecordActions, type CaseDetailOfTab, type CaseDocument, type CaseDocuments, type MissingDocument, type ServeBody, type SignBody } from '../api';

const SERVICE_METHODS = ['direct', 'left_at_premises', 'entrusted', 'post', 'electronic', 'public_notice'] as const;
const STATUS_COLORS: Record<CaseDocument['status'], string> = { none: 'default', missing: 'red', to_number: 'orange', to_sign: 'orange', to_serve: 'gold', served: 'green', complete: 'green' };
/** The filled document (GET /api/documents/render), with its recorded 文号 and signatures. */
const renderHref = (caseId: string, r: CaseDocument, format: 'pdf' | 'docx') => `/api/documents/render?caseId=${encodeURIComponent(caseId)}&docType=${r.docType}&ref=${encodeURIComponent(r.ref)}&format=${format}`;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

type Need = { role: CaseDocument['signers'][number]['role']; count: number };
const whoText = (t: TFunction, list: readonly Need[]) => list.map((s) => t('caseDocuments.who', { role: t(`caseDocuments.roles.${s.role}`), count: s.count })).join('、');

/** The error of a refused record in words; a refusal to serve unsigned names who must still sign. */
function refusalText(t: TFunction, e: unknown): string {
  const base = errorText(t, e);
  if (e instanceof ApiError && e.code === 'document.unsigned') {
    const signers = ((e.details ?? {}) as { signers?: Need[] }).signers ?? [];
    if (signers.length) return `${base}。${t('caseDocuments.stillToSign', { who: whoText(t, signers) })}`;
  }
  return base;
}

function citationText(t: TFunction, c: MissingDocument['citation'] | null): string {
  if (!c) return '';
  if (c.source === 'local_practice') return t('caseDocuments.localPractice');
  if (c.source === 'unverified_ministerial') return `${c.law ?? ''}（${t('caseDocuments.ministerial')}）`;
  return `${c.law ?? ''} ${c.article ?? ''}`;
}

/** The case page's 文书 tab: each required or possible document with its 文号, signatures, 送达 and status. */
export function DocumentsTab({ c }: { c: CaseDetailOfTab }) {
  const { t } = useTranslation();
  const me = useMe();
  const canHandle = hasPermission(me.data, 'case.handle') && me.data?.role !== 'auxiliary';
  const q = useCaseDocuments(c.id, c.version);
  const actions = useDocumentRecordActions();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [signing, setSigning] = useState<CaseDocument | null>(null);
  const [serving, setServing] = useState<CaseDocument | null>(null);
  const [voiding, setVoiding] = useState<CaseDocument | null>(null);
  const d = q.data;

  const run = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      void message.success(t('caseDocuments.done'));
      return true;
    } catch (e) {
      setError(refusalText(t, e));
      return false;
    }
  };

  const columns: ColumnsType<CaseDocument> = [
    {
      title: t('caseDocuments.columns.name'),
      key: 'name',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>
            {r.name}
            {r.ref ? ` (${r.ref})` : ''}
          </span>
          {r.requiredFor && <Tag>{t(`caseDocuments.requiredFor.${r.requiredFor}`)}</Tag>}
        </Space>
      ),
    },
    {
      title: t('caseDocuments.columns.number'),
      key: 'number',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="doc-number">{r.number?.number ?? (r.numbered ? '—' : '')}</span>
          {r.voidNumbers.length > 0 && (
            <Tooltip title={r.voidNumbers.map((n) => `${n.number}：${n.voidReason ?? ''}`).join('；')}>
              <Typography.Text type="secondary">{t('caseDocuments.voided', { count: r.voidNumbers.length })}</Typography.Text>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('caseDocuments.columns.status'),
      key: 'status',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLORS[r.status]} data-testid="doc-status">
            {t(`caseDocuments.status.${r.status}`)}
          </Tag>
          {r.status === 'to_sign' && <Typography.Text type="secondary">{t('caseDocuments.stillToSign', { who: whoText(t, r.missingSigners) })}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('caseDocuments.columns.signatures'),
      key: 'signatures',
      render: (_, r) =>
        r.signatures
          .filter((s) => s.current)
          .map((s) => (
            <div key={s.id} data-testid="doc-signature">
              {t(`caseDocuments.roles.${s.role}`)}：{s.name} {s.signedOn}
              {s.refused && <Tag color="red">{t('caseDocuments.refusedMark')}</Tag>}
              {s.witnessName && ` · ${t('caseDocuments.fields.witnessName')}：${s.witnessName}${s.witnessIdNumberMasked ? ` ${s.witnessIdNumberMasked}` : ''}`}
            </div>
          )),
    },
    {
      title: t('caseDocuments.columns.service'),
      key: 'service',
      render: (_, r) =>
        r.services
          .filter((s) => s.current)
          .map((s) => (
            <div key={s.id} data-testid="doc-service">
              {t(`case.serviceMethods.${s.method}`)} {s.servedOn} {s.recipient}
            </div>
          )),
    },
    { title: t('caseDocuments.columns.basis'), key: 'basis', render: (_, r) => <Typography.Text type="secondary">{citationText(t, r.citation)}</Typography.Text> },
    {
      title: t('caseDocuments.columns.actions'),
      key: 'actions',
      render: (_, r) => (
          <Space wrap size="small">
            {canHandle && r.numbered && !r.number && (
              <Button size="small" data-testid="doc-allocate" loading={actions.allocate.isPending} onClick={() => void run(() => actions.allocate.mutateAsync({ caseId: c.id, docType: r.docType, ...(r.ref ? { ref: r.ref } : {}) }))}>
                {t('caseDocuments.actions.allocate')}
              </Button>
            )}
            {canHandle && r.number && (
              <Button size="small" danger data-testid="doc-void" onClick={() => setVoiding(r)}>
                {t('caseDocuments.actions.void')}
              </Button>
            )}
            {canHandle && (r.signers.length > 0 || r.signatures.length > 0) && (
              <Button size="small" data-testid="doc-sign" onClick={() => setSigning(r)}>
                {t('caseDocuments.actions.sign')}
              </Button>
            )}
            {r.renderable && r.status !== 'none' && r.status !== 'missing' && (
              <>
                <a href={renderHref(c.id, r, 'pdf')} target="_blank" rel="noreferrer" data-testid="doc-pdf">
                  {t('caseDocuments.actions.pdf')}
                </a>
                <a href={renderHref(c.id, r, 'docx')} data-testid="doc-docx">
                  {t('caseDocuments.actions.docx')}
                </a>
              </>
            )}
            {canHandle && r.served && r.status !== 'served' && (
              <Button size="small" type="primary" data-testid="doc-serve" onClick={() => setServing(r)}>
                {t('caseDocuments.actions.serve')}
              </Button>
            )}
          </Space>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="documents-tab">
      {d && <CheckResult t={t} d={d} />}
      {error && <Alert type="error" showIcon message={error} data-testid="doc-error" closable onClose={() => setError(null)} />}
      <Table<CaseDocument> size="small" rowKey={(r) => `${r.docType}:${r.ref}`} loading={q.isLoading} dataSource={d?.items ?? []} columns={columns} pagination={false} onRow={(r) => ({ 'data-testid': `doc-row-${r.docType}` }) as React.HTMLAttributes<HTMLElement>} />
      {voiding && <VoidModal t={t} doc={voiding} onClose={() => setVoiding(null)} onSubmit={(reason) => run(() => actions.voidNumber.mutateAsync({ id: voiding.number!.id, reason }))} />}
      {signing && d && <SignModal t={t} d={d} doc={signing} onClose={() => setSigning(null)} onSubmit={(body) => run(() => actions.sign.mutateAsync({ ...body, caseId: c.id, docType: signing.docType, ...(signing.ref ? { ref: signing.ref } : {}) }))} />}
      {serving && d && <ServeModal t={t} d={d} doc={serving} onClose={() => setServing(null)} onSubmit={(body) => run(() => actions.serve.mutateAsync({ ...body, caseId: c.id, docType: serving.docType, ...(serving.ref ? { ref: serving.ref } : {}), ...(serving.docType === 'penalty_decision' ? { version: c.version } : {}) }))} />}
    </Space>
  );
}

/** What 结案 and 归档 would refuse now: shown before the leader tries. */
function CheckResult({ t, d }: { t: TFunction; d: CaseDocuments }) {
  const close = d.check.close;
  const archiveOnly = d.check.archive.filter((m) => !close.some((x) => x.docType === m.docType));
  if (!close.length && !archiveOnly.length) return <Alert type="success" showIcon message={t('caseDocuments.check.allPresent')} data-testid="documents-check" />;
  const line = (m: MissingDocument) => (
    <li key={m.docType} data-testid="documents-missing">
      {m.name} <Tag color="red">{t(`caseDocuments.problems.${m.problem}`)}</Tag>
      {m.problem === 'unsigned' && m.signers.length > 0 && `${t('caseDocuments.stillToSign', { who: whoText(t, m.signers) })} `}
      <Typography.Text type="secondary">{citationText(t, m.citation)}</Typography.Text>
    </li>
  );
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="documents-check"
      message={close.length ? t('caseDocuments.check.closeMissing', { count: close.length }) : t('caseDocuments.check.archiveMissing', { count: archiveOnly.length })}
      description={
        <>
          {close.length > 0 && <ul style={{ margin: 0 }}>{close.map(line)}</ul>}
          {close.length > 0 && archiveOnly.length > 0 && <div>{t('caseDocuments.check.archiveMissing', { count: archiveOnly.length })}</div>}
          {archiveOnly.length > 0 && <ul style={{ margin: 0 }}>{archiveOnly.map(line)}</ul>}
        </>
      }
    />
  );
}

function VoidModal({ t, doc, onClose, onSubmit }: { t: TFunction; doc: CaseDocument; onClose: () => void; onSubmit: (reason: string) => Promise<boolean> }) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open title={t('caseDocuments.voidTitle', { number: doc.number?.number ?? '' })} okText={t('caseDocuments.ok')} cancelText={t('caseDocuments.cancel')} onCancel={onClose} onOk={() => void form.validateFields().then(async (v) => (await onSubmit(v.reason)) && onClose())}>
      <Form form={form} layout="vertical" data-testid="void-form">
        <Form.Item name="reason" label={t('caseDocuments.voidReason')} rules={[{ required: true, whitespace: true, message: t('caseDocuments.voidReason') }]}>
          <Input.TextArea rows={2} data-testid="void-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type SignForm = { role: Need['role']; personId?: string; name?: string; idNumber?: string; refused?: boolean; note?: string; witnessName?: string; witnessIdNumber?: string; signedOn: string };

function SignModal({ t, d, doc, onClose, onSubmit }: { t: TFunction; d: CaseDocuments; doc: CaseDocument; onClose: () => void; onSubmit: (b: Omit<SignBody, 'caseId' | 'docType'>) => Promise<boolean> }) {
  const [form] = Form.useForm<SignForm>();
  const roles = [...new Set([...doc.signers.map((s) => s.role), 'witness' as const])];
  const role = Form.useWatch('role', form) ?? doc.missingSigners[0]?.role ?? roles[0];
  const refused = Form.useWatch('refused', form) === true;
  const submit = async () => {
    const v = await form.validateFields();
    const body: Omit<SignBody, 'caseId' | 'docType'> = { role: v.role, signedOn: v.signedOn };
    if (v.role === 'officer') body.personId = v.personId;
    else if (v.name?.trim()) body.name = v.name.trim();
    if (v.role === 'witness' && v.idNumber?.trim()) body.idNumber = v.idNumber.trim();
    if (v.role === 'party' && v.refused) Object.assign(body, { refused: true, note: v.note?.trim(), witnessName: v.witnessName?.trim(), ...(v.witnessIdNumber?.trim() ? { witnessIdNumber: v.witnessIdNumber.trim() } : {}) });
    if ((await onSubmit(body)) === true) onClose();
  };
  return (
    <Modal open title={t('caseDocuments.signTitle', { name: doc.name })} okText={t('caseDocuments.ok')} cancelText={t('caseDocuments.cancel')} onCancel={onClose} onOk={() => void submit()} okButtonProps={{ 'data-testid': 'sign-submit' }}>
      <Form form={form} layout="vertical" data-testid="sign-form" initialValues={{ role: doc.missingSigners[0]?.role ?? roles[0], signedOn: today(), name: doc.missingSigners[0]?.role === 'party' ? (d.partyName ?? '') : '' }}>
        <Form.Item name="role" label={t('caseDocuments.fields.role')} rules={[{ required: true }]}>
          <Select id="sign-role" options={roles.map((r) => ({ value: r, label: t(`caseDocuments.roles.${r}`) }))} onChange={(r: Need['role']) => form.setFieldValue('name', r === 'party' ? (d.partyName ?? '') : '')} />
        </Form.Item>
        {role === 'officer' ? (
          <Form.Item name="personId" label={t('caseDocuments.fields.officer')} rules={[{ required: true, message: t('caseDocuments.fields.officer') }]}>
            <Select id="sign-officer" options={d.officers.map((o) => ({ value: o.personId, label: o.name }))} />
          </Form.Item>
        ) : (
          <Form.Item name="name" label={t('caseDocuments.fields.name')} rules={role === 'witness' ? [{ required: true, whitespace: true, message: t('caseDocuments.fields.name') }] : []}>
            <Input data-testid="sign-name" />
          </Form.Item>
        )}
        {role === 'witness' && (
          <Form.Item name="idNumber" label={t('caseDocuments.fields.idNumber')}>
            <Input />
          </Form.Item>
        )}
        {role === 'party' && (
          <Form.Item name="refused" valuePropName="checked" extra={t('caseDocuments.hints.refused')}>
            <Checkbox data-testid="sign-refused">{t('caseDocuments.fields.refused')}</Checkbox>
          </Form.Item>
        )}
        {role === 'party' && refused && (
          <>
            <Form.Item name="note" label={t('caseDocuments.fields.note')} rules={[{ required: true, whitespace: true, message: t('caseDocuments.fields.note') }]}>
              <Input.TextArea rows={2} data-testid="sign-note" />
            </Form.Item>
            <Form.Item name="witnessName" label={t('caseDocuments.fields.witnessName')} rules={[{ required: true, whitespace: true, message: t('caseDocuments.fields.witnessName') }]}>
              <Input data-testid="sign-witness" />
            </Form.Item>
            <Form.Item name="witnessIdNumber" label={t('caseDocuments.fields.witnessIdNumber')}>
              <Input />
            </Form.Item>
          </>
        )}
        <Form.Item name="signedOn" label={t('caseDocuments.fields.signedOn')} rules={[{ required: true }]}>
          <Input type="date" data-testid="sign-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ServeForm = { method: ServeBody['method']; onDate: string; recipient?: string; witnessName?: string; witnessIdNumber?: string; consent?: boolean; note?: string };

function ServeModal({ t, d, doc, onClose, onSubmit }: { t: TFunction; d: CaseDocuments; doc: CaseDocument; onClose: () => void; onSubmit: (b: Omit<ServeBody, 'caseId' | 'docType'>) => Promise<boolean> }) {
  const [form] = Form.useForm<ServeForm>();
  const method = Form.useWatch('method', form) ?? 'direct';
  const submit = async () => {
    const v = await form.validateFields();
    const body: Omit<ServeBody, 'caseId' | 'docType'> = { method: v.method, onDate: v.onDate };
    if (v.recipient?.trim()) body.recipient = v.recipient.trim();
    if (v.note?.trim()) body.note = v.note.trim();
    if (v.method === 'left_at_premises') Object.assign(body, { witnessName: v.witnessName?.trim(), ...(v.witnessIdNumber?.trim() ? { witnessIdNumber: v.witnessIdNumber.trim() } : {}) });
    if (v.method === 'electronic') body.consent = v.consent === true;
    if ((await onSubmit(body)) === true) onClose();
  };
  return (
    <Modal open title={t('caseDocuments.serveTitle', { name: doc.name })} okText={t('caseDocuments.ok')} cancelText={t('caseDocuments.cancel')} onCancel={onClose} onOk={() => void submit()} okButtonProps={{ 'data-testid': 'serve-submit' }}>
      {doc.docType === 'penalty_decision' && <Alert type="info" showIcon message={t('caseDocuments.hints.decisionServe')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" data-testid="serve-form" initialValues={{ method: 'direct', onDate: today(), recipient: d.partyName ?? '' }}>
        <Form.Item name="method" label={t('caseDocuments.fields.method')} rules={[{ required: true }]}>
          <Select id="serve-method" options={SERVICE_METHODS.map((m) => ({ value: m, label: t(`case.serviceMethods.${m}`) }))} />
        </Form.Item>
        <Form.Item name="onDate" label={t('caseDocuments.fields.onDate')} rules={[{ required: true }]}>
          <Input type="date" data-testid="serve-date" />
        </Form.Item>
        <Form.Item name="recipient" label={t('caseDocuments.fields.recipient')}>
          <Input data-testid="serve-recipient" />
        </Form.Item>
        {method === 'left_at_premises' && (
          <>
            <Form.Item name="witnessName" label={t('caseDocuments.fields.witnessName')} rules={[{ required: true, whitespace: true, message: t('caseDocuments.fields.witnessName') }]}>
              <Input data-testid="serve-witness" />
            </Form.Item>
            <Form.Item name="witnessIdNumber" label={t('caseDocuments.fields.witnessIdNumber')}>
              <Input />
            </Form.Item>
          </>
        )}
        {method === 'electronic' && (
          <Form.Item name="consent" valuePropName="checked">
            <Checkbox data-testid="serve-consent">{t('caseDocuments.fields.consent')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="note" label={t('caseDocuments.fields.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
