import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { errorText, issueText } from '../../../shared/api/errors';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { hasPermission, useMe } from '../../../shared/session';
import { XlsxFilePicker } from '../../../shared/ui/XlsxFilePicker';
import { rowIssues, useCreateDraft, useDeleteItem, useImport, useItems, usePublish, useVersions, type Item, type RowIssue } from '../api';
import { ItemFormDrawer } from '../components/ItemFormDrawer';

/** 元 from fen, or % from per-mille for a fine stated as a share of a base. */
function money(v: number | null, basis: string): string {
  if (v === null) return '—';
  if (basis === 'multiple') return `${v / 10}%`;
  return `${(v / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
}

function LawQuote({ title, law }: { title: string; law: Item['violated'] }) {
  return (
    <Descriptions.Item label={title}>
      <Typography.Text strong>
        《{law.law}》（{law.version}）{law.article}
      </Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {law.quote}
      </Typography.Paragraph>
    </Descriptions.Item>
  );
}

function ItemDetail({ item }: { item: Item }) {
  const { t } = useTranslation();
  const s = item.statutory;
  const fine = !s.kinds.includes('fine') ? t('violation.noFine') : s.fineBasis === 'unstated' ? t('violation.fineUnstated') : `${money(s.fineMin, s.fineBasis)} – ${money(s.fineMax, s.fineBasis)}${s.multipleOf ? `（${t('violation.multipleOf', { base: s.multipleOf })}）` : ''}`;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="violation-detail">
      {item.isDemo && <Alert type="info" showIcon message={t('violation.demoNote')} />}
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('violation.code')}>{item.code}</Descriptions.Item>
        <Descriptions.Item label={t('violation.partyTypes')}>{item.partyTypes.map((p) => t(`violation.party.${p}`)).join('、')}</Descriptions.Item>
        {LawQuote({ title: t('violation.violated'), law: item.violated })}
        {LawQuote({ title: t('violation.penaltyBasis'), law: item.penaltyBasis })}
        <Descriptions.Item label={t('violation.kinds')}>{s.kinds.map((k) => t(`violation.kind.${k}`)).join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('violation.fineRange')}>{fine}</Descriptions.Item>
        {s.orders && <Descriptions.Item label={t('violation.orders')}>{s.orders}</Descriptions.Item>}
        <Descriptions.Item label={t('violation.firstOffence')}>
          {item.firstOffenceExemption ? (
            <>
              {item.firstOffenceExemption}
              {item.firstOffenceBasis && (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  《{item.firstOffenceBasis.law}》{item.firstOffenceBasis.article}：{item.firstOffenceBasis.quote}
                </Typography.Paragraph>
              )}
            </>
          ) : (
            t('violation.firstOffenceNone')
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('violation.bands')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="level"
        data-testid="violation-bands"
        dataSource={item.bands}
        columns={[
          { title: t('violation.band'), dataIndex: 'level', width: 70, render: (l: string) => t(`violation.level.${l}`) },
          { title: t('violation.bandRange'), width: 180, render: (_: unknown, b: Item['bands'][number]) => (s.kinds.includes('fine') ? `${money(b.fineMin, s.fineBasis)} – ${money(b.fineMax, s.fineBasis)}` : '—') },
          { title: t('violation.conditions'), dataIndex: 'conditions' },
        ]}
      />
    </Space>
  );
}

function IssueTable({ issues }: { issues: RowIssue[] }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      data-testid="violation-import-issues"
      pagination={issues.length > 10 ? { pageSize: 10 } : false}
      rowKey={(i) => `${i.row}:${i.column}:${i.field}:${i.code}`}
      dataSource={issues}
      columns={[
        { title: t('violation.row'), dataIndex: 'row', width: 60 },
        { title: t('violation.column'), dataIndex: 'column', width: 60 },
        { title: t('violation.problem'), render: (_: unknown, i: RowIssue) => issueText(i) },
      ]}
    />
  );
}

export default function ViolationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const manage = hasPermission(me, 'legal.manage');
  const versions = useVersions();
  const [versionId, setVersionId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const query = useDebounced(q, 300);
  useEffect(() => {
    if (!versionId && versions.data) setVersionId(versions.data.currentId ?? versions.data.items[0]?.id);
  }, [versionId, versions.data]);
  const items = useItems(versionId, query);
  const [open, setOpen] = useState<Item | null>(null);
  const version = versions.data?.items.find((v) => v.id === versionId);

  const createDraft = useCreateDraft();
  const publish = usePublish();
  const importer = useImport();
  const [draftOpen, setDraftOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [importIssues, setImportIssues] = useState<RowIssue[]>([]);
  const [importError, setImportError] = useState<string | null>(null);
  const [draftForm] = Form.useForm<{ label: string; effectiveFrom: string; note?: string }>();
  const [importForm] = Form.useForm<{ label: string; effectiveFrom: string }>();
  /** The item form: `item` null adds a new item to the draft. */
  const [editing, setEditing] = useState<{ item: Item | null } | null>(null);
  const deleteItem = useDeleteItem();
  const editable = !!version?.actions.includes('edit');

  return (
    <Card
      title={t('violation.title')}
      extra={
        <Space wrap>
          <Select
            style={{ minWidth: 260 }}
            value={versionId}
            onChange={setVersionId}
            data-testid="violation-version"
            options={(versions.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.label} · ${t(`violation.status.${v.status}`)} · ${t('violation.effectiveFrom')} ${v.effectiveFrom}${v.isDemo ? ` · ${t('app.demo')}` : ''}` }))}
          />
          {versionId && (
            <Button icon={<DownloadOutlined />} href={`/api/violation/versions/${versionId}/export.xlsx`}>
              {t('violation.exportXlsx')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href="/api/violation/template.xlsx">
            {t('violation.template')}
          </Button>
          {manage && (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="violation-import">
                {t('violation.import')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setDraftOpen(true)}>
                {t('violation.newDraft')}
              </Button>
              {editable && (
                <Button icon={<PlusOutlined />} onClick={() => setEditing({ item: null })} data-testid="violation-item-add">
                  {t('violation.form.add')}
                </Button>
              )}
              {version?.actions.includes('publish') && (
                <Button
                  type="primary"
                  loading={publish.isPending}
                  onClick={() =>
                    Modal.confirm({
                      title: t('violation.publishConfirm'),
                      onOk: () => publish.mutateAsync(version.id).then(() => message.success(t('violation.published')), (e) => message.error(errorText(t, e))),
                    })
                  }
                >
                  {t('violation.publish')}
                </Button>
              )}
            </>
          )}
        </Space>
      }
    >
      {version?.isDemo && <Alert style={{ marginBottom: 12 }} type="info" showIcon message={t('violation.demoNote')} />}
      <Input.Search allowClear placeholder={t('violation.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ maxWidth: 360, marginBottom: 12 }} data-testid="violation-search" />
      {items.error && <Alert type="error" message={errorText(t, items.error)} />}
      <Table
        rowKey="id"
        size="small"
        loading={items.isLoading}
        dataSource={items.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('violation.code'), dataIndex: 'code', width: 90 },
          { title: t('violation.name'), dataIndex: 'name' },
          { title: t('violation.penaltyBasis'), width: 280, render: (_: unknown, r: Item) => `《${r.penaltyBasis.law}》${r.penaltyBasis.article}` },
          { title: t('violation.kinds'), width: 160, render: (_: unknown, r: Item) => r.statutory.kinds.map((k) => <Tag key={k}>{t(`violation.kind.${k}`)}</Tag>) },
          ...(editable
            ? [
                {
                  title: '',
                  width: 80,
                  render: (_: unknown, r: Item) =>
                    r.actions.includes('edit') && (
                      <Button
                        type="link"
                        size="small"
                        data-testid="violation-item-edit"
                        onClick={(e) => {
                          e.stopPropagation();
                          setEditing({ item: r });
                        }}
                      >
                        {t('violation.form.edit')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Drawer
        size={720}
        open={!!open}
        onClose={() => setOpen(null)}
        title={open?.name}
        extra={
          open && (
            <Space>
              {open.actions.includes('edit') && (
                <Button icon={<EditOutlined />} onClick={() => setEditing({ item: open })} data-testid="violation-detail-edit">
                  {t('violation.form.edit')}
                </Button>
              )}
              {open.actions.includes('delete') && (
                <Popconfirm
                  title={t('violation.deleteConfirm')}
                  onConfirm={() =>
                    deleteItem.mutateAsync({ versionId: open.versionId, code: open.code }).then(
                      () => {
                        setOpen(null);
                        message.success(t('violation.deleted'));
                      },
                      (e) => message.error(errorText(t, e)),
                    )
                  }
                >
                  <Button danger icon={<DeleteOutlined />} loading={deleteItem.isPending}>
                    {t('violation.deleteItem')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      >
        {open && <ItemDetail item={open} />}
      </Drawer>
      {versionId && (
        <ItemFormDrawer
          versionId={versionId}
          item={editing?.item ?? null}
          open={!!editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setOpen(saved);
          }}
        />
      )}
      <Modal
        open={draftOpen}
        title={t('violation.newDraftTitle')}
        confirmLoading={createDraft.isPending}
        onCancel={() => setDraftOpen(false)}
        onOk={async () => {
          const v = await draftForm.validateFields();
          try {
            const d = await createDraft.mutateAsync({ label: v.label, effectiveFrom: v.effectiveFrom, ...(v.note ? { note: v.note } : {}) });
            setVersionId(d.id);
            setDraftOpen(false);
            message.success(t('violation.created'));
          } catch (e) {
            message.error(errorText(t, e));
          }
        }}
      >
        <Form form={draftForm} layout="vertical">
          <Form.Item name="label" label={t('violation.label')} rules={[{ required: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={t('violation.effectiveFrom')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="note" label={t('violation.note')}>
            <Input.TextArea maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        width={760}
        open={importOpen}
        title={t('violation.importTitle')}
        confirmLoading={importer.isPending}
        okButtonProps={{ disabled: !file, id: 'violation-import-ok' }}
        onCancel={() => setImportOpen(false)}
        onOk={async () => {
          const v = await importForm.validateFields();
          setImportIssues([]);
          setImportError(null);
          try {
            const r = await importer.mutateAsync({ file: file!, ...v });
            if (r.version) setVersionId(r.version.id);
            setImportOpen(false);
            message.success(t('violation.importDone', { count: r.items }));
          } catch (e) {
            const issues = rowIssues(e);
            setImportIssues(issues);
            setImportError(issues.length ? t('violation.importErrors', { count: issues.length }) : errorText(t, e));
          }
        }}
      >
        <Form form={importForm} layout="vertical">
          <Form.Item name="label" label={t('violation.label')} rules={[{ required: true }]}>
            <Input maxLength={60} data-testid="violation-import-label" />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={t('violation.effectiveFrom')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
            <Input placeholder="YYYY-MM-DD" data-testid="violation-import-date" />
          </Form.Item>
          <XlsxFilePicker file={file} onChange={setFile} label={t('violation.importFile')} testId="violation-import-file" />
        </Form>
        {importError && <Alert style={{ marginTop: 12 }} type="error" showIcon message={importError} data-testid="violation-import-error" />}
        {importIssues.length > 0 && <IssueTable issues={importIssues} />}
      </Modal>
    </Card>
  );
}
