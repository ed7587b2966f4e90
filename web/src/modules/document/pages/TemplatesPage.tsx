import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Collapse, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { errorText } from '../../../shared/api/errors';
import {
  exampleNumber,
  renderUrl,
  templateIssuesOf,
  useCaseSearch,
  useDocumentTypes,
  useTemplateAdmin,
  useTemplateVersion,
  useTemplateVersions,
  type DocumentTemplate,
  type TemplateIssue,
  type TemplateVersion,
} from '../api';

const STATUS_COLOR: Record<string, string> = { draft: 'gold', published: 'green', superseded: 'default' };
const ROLES = ['officer', 'party', 'witness', 'reviewer', 'leader'] as const;
const BLOCK_KINDS = ['paragraph', 'heading', 'fields', 'blank_lines'] as const;
/** The team the example 文号 is shown for (a name, data: the same in every language). */
const EXAMPLE_UNIT = '通崇';
/** Placeholder syntax shown in the texts: passed as values, since i18next would read {{…}} in a text as its own. */
const LITERALS = { short: '{{unit.shortName}}', full: '{{unit.name}}', bureau: '{{unit.bureau}}', braces: '{{…}}' };

/** One problem in the user's language: its reason translated, the type named in the user's language too. */
export function issueText(t: TFunction, i: TemplateIssue): string {
  const params = { ...LITERALS, ...(i.params ?? {}), ...(i.docType ? { type: t(`documentTemplates.types.${i.docType}`) } : {}) };
  return t(`documentTemplates.issues.${i.reason}`, { ...params, defaultValue: t('documentTemplates.issues.other', params) });
}

/** The field an issue is on, in words (正文第3块, 文号格式 …). */
function fieldLabel(t: TFunction, field: string): string {
  if (field.startsWith('words.')) return t('documentTemplates.fields.words');
  const rest = field.replace(/^templates\.[a-z_]+\.?/, '');
  const [head, index] = rest.split(/[.[\]]+/);
  if (head === 'body' && index !== undefined) return t('documentTemplates.fields.bodyBlock', { n: Number(index) + 1 });
  return t(`documentTemplates.fields.${head || (field.startsWith('templates.') ? 'template' : field)}`);
}

/** `templates.penalty_decision.body[2].rows[1].value` → ['body', 2, 'rows', 1, 'value'] (an antd form name path). */
export function templateFieldPath(field: string, docType: string): (string | number)[] | null {
  const prefix = `templates.${docType}.`;
  if (!field.startsWith(prefix)) return null;
  return field
    .slice(prefix.length)
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** 文书模板: versions (draft → published → superseded), the draft's header, 文号 rules and per-type templates. */
export default function TemplatesPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const versions = useTemplateVersions();
  const items = useMemo(() => versions.data?.items ?? [], [versions.data]);
  const [selected, setSelected] = useState<string | undefined>();
  useEffect(() => {
    if ((!selected || !items.some((v) => v.id === selected)) && items.length) setSelected((items.find((v) => v.status === 'draft') ?? items.find((v) => v.status === 'published') ?? items[0])!.id);
  }, [selected, items]);
  const version = useTemplateVersion(selected);
  const admin = useTemplateAdmin();
  const [drafting, setDrafting] = useState(false);
  const v = version.data;
  const editable = !!v?.actions.includes('edit');

  const publish = () =>
    modal.confirm({
      title: t('documentTemplates.publishConfirm', { label: v!.label }),
      content: t('documentTemplates.publishHint'),
      okButtonProps: { 'data-testid': 'templates-publish-ok' } as Record<`data-${string}`, string>,
      onOk: async () => {
        try {
          await admin.publish.mutateAsync({ id: v!.id, expectedVersion: v!.version });
          message.success(t('documentTemplates.published'));
        } catch (e) {
          const issues = templateIssuesOf(e);
          modal.error({ title: errorText(t, e), content: issues.length ? <IssueList issues={issues} /> : undefined });
        }
      },
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('documentTemplates.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('documentTemplates.hint')}</Typography.Paragraph>
      <Card
        title={t('documentTemplates.versions')}
        extra={
          versions.data?.actions.includes('newDraft') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrafting(true)} data-testid="templates-new-draft">
              {t('documentTemplates.newDraft')}
            </Button>
          )
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          loading={versions.isLoading}
          dataSource={items}
          data-testid="templates-versions"
          onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer', background: r.id === selected ? '#e6f4ff' : undefined } })}
          columns={[
            { title: t('documentTemplates.label'), dataIndex: 'label', render: (l: string) => <Typography.Link>{l}</Typography.Link> },
            { title: t('documentTemplates.statusTitle'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`documentTemplates.status.${s}`)}</Tag> },
            { title: t('documentTemplates.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
            { title: t('documentTemplates.publishedAt'), dataIndex: 'publishedAt', render: (p: string | null) => (p ? p.slice(0, 10) : '') },
          ]}
        />
      </Card>
      {v && (
        <Card
          title={
            <Space>
              {v.label}
              <Tag color={STATUS_COLOR[v.status]} data-testid="templates-selected-status">
                {t(`documentTemplates.status.${v.status}`)}
              </Tag>
            </Space>
          }
          extra={
            editable && (
              <Space>
                <Popconfirm title={t('documentTemplates.discardConfirm')} onConfirm={() => admin.discard.mutate(v.id, { onError: (e) => message.error(errorText(t, e)) })}>
                  <Button danger>{t('documentTemplates.discard')}</Button>
                </Popconfirm>
                <Button type="primary" onClick={publish} data-testid="templates-publish">
                  {t('documentTemplates.publish')}
                </Button>
              </Space>
            )
          }
        >
          {!editable && <Typography.Paragraph type="secondary">{t(v.status === 'draft' ? 'documentTemplates.readOnly' : 'documentTemplates.frozen')}</Typography.Paragraph>}
          {v.issues.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('documentTemplates.openIssues', { count: v.issues.length })} description={<IssueList issues={v.issues} />} />}
          <SettingsCard version={v} editable={editable} />
          <TemplateCard version={v} editable={editable} />
          <PlaceholderHelp version={v} />
        </Card>
      )}
      {drafting && <DraftModal onClose={() => setDrafting(false)} onCreated={(id) => setSelected(id)} />}
    </Space>
  );
}

function IssueList({ issues }: { issues: readonly TemplateIssue[] }) {
  const { t } = useTranslation();
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="templates-issues">
      {issues.map((i, n) => (
        <li key={n}>
          {i.docType ? `${t(`documentTemplates.types.${i.docType}`)} · ` : ''}
          {fieldLabel(t, i.field)}
          {'：'}
          {issueText(t, i)}
        </li>
      ))}
    </ul>
  );
}

interface SettingsForm {
  header: string;
  numberPrefix: string;
  numberPattern: string;
  words: Record<string, string>;
}

function SettingsCard({ version, editable }: { version: TemplateVersion; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { saveSettings } = useTemplateAdmin();
  const types = useDocumentTypes();
  const [form] = Form.useForm<SettingsForm>();
  // The words panel opens by itself when a refusal names one of its fields.
  const [wordsOpen, setWordsOpen] = useState<string[]>([]);
  const c = version.content;
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({ header: c.header, numberPrefix: c.numberPrefix, numberPattern: c.numberPattern, words: { ...c.words } as Record<string, string> });
  }, [form, version.id, version.version, c]);
  const prefix = Form.useWatch('numberPrefix', form) ?? c.numberPrefix;
  const pattern = Form.useWatch('numberPattern', form) ?? c.numberPattern;
  const decisionWord = Form.useWatch(['words', 'penalty_decision'], form) ?? c.words.penalty_decision ?? '';
  const numbered = (types.data?.items ?? []).filter((x) => x.word !== null);

  const save = (f: SettingsForm) =>
    saveSettings.mutate(
      { id: version.id, body: { expectedVersion: version.version, header: f.header ?? '', numberPrefix: f.numberPrefix ?? '', numberPattern: f.numberPattern ?? '', words: Object.fromEntries(Object.entries(f.words ?? {}).filter(([, w]) => w !== undefined)) } },
      {
        onSuccess: () => message.success(t('documentTemplates.saved')),
        onError: (e) => {
          const issues = templateIssuesOf(e);
          if (!issues.length) return void message.error(errorText(t, e));
          const byField = new Map<string, string[]>();
          for (const i of issues) byField.set(i.field, [...(byField.get(i.field) ?? []), issueText(t, i)]);
          form.setFields([...byField].map(([field, errors]) => ({ name: field.split('.'), errors })) as Parameters<typeof form.setFields>[0]);
          if (issues.some((i) => i.field.startsWith('words.'))) setWordsOpen(['words']);
        },
      },
    );

  return (
    <Card type="inner" title={t('documentTemplates.settings')} style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" disabled={!editable} onFinish={save} data-testid="templates-settings">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="header" label={t('documentTemplates.fields.header')} extra={t('documentTemplates.headerHint', LITERALS)}>
              <Input data-testid="templates-header" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="numberPrefix" label={t('documentTemplates.fields.numberPrefix')} extra={t('documentTemplates.prefixHint', LITERALS)}>
              <Input data-testid="templates-prefix" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="numberPattern" label={t('documentTemplates.fields.numberPattern')} extra={t('documentTemplates.patternHint')}>
              <Input data-testid="templates-pattern" />
            </Form.Item>
          </Col>
        </Row>
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('documentTemplates.example', { unit: EXAMPLE_UNIT })}>
            <Typography.Text code data-testid="templates-example">
              {exampleNumber(prefix, pattern, decisionWord, EXAMPLE_UNIT, new Date().getFullYear())}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <Collapse
          size="small"
          activeKey={wordsOpen}
          onChange={(k) => setWordsOpen(Array.isArray(k) ? k : [k])}
          items={[
            {
              key: 'words',
              label: t('documentTemplates.fields.words'),
              forceRender: true,
              children: (
                <Row gutter={16}>
                  {numbered.map((x) => (
                    <Col xs={12} md={6} key={x.code}>
                      <Form.Item name={['words', x.code]} label={t(`documentTemplates.types.${x.code}`)}>
                        <Input placeholder={x.word ?? ''} data-testid={`templates-word-${x.code}`} />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              ),
            },
          ]}
        />
        {editable && (
          <Button type="primary" htmlType="submit" loading={saveSettings.isPending} style={{ marginTop: 16 }} data-testid="templates-settings-save">
            {t('documentTemplates.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

type TemplateForm = Omit<DocumentTemplate, 'docType'>;

function TemplateCard({ version, editable }: { version: TemplateVersion; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { saveTemplate } = useTemplateAdmin();
  const [docType, setDocType] = useState<string>('penalty_decision');
  const [form] = Form.useForm<TemplateForm>();
  const [general, setGeneral] = useState<string[]>([]);
  const template = version.content.templates.find((x) => x.docType === docType);
  useEffect(() => {
    form.resetFields();
    setGeneral([]);
    if (template) form.setFieldsValue({ title: template.title, body: template.body, signatures: template.signatures, seal: template.seal });
  }, [form, template, version.id, version.version]);

  const save = (f: TemplateForm) =>
    saveTemplate.mutate(
      { id: version.id, docType, body: { expectedVersion: version.version, title: f.title ?? '', body: f.body ?? [], signatures: f.signatures ?? [], seal: !!f.seal } },
      {
        onSuccess: () => message.success(t('documentTemplates.saved')),
        onError: (e) => {
          const issues = templateIssuesOf(e);
          if (!issues.length) return void message.error(errorText(t, e));
          const placed: { name: (string | number)[]; errors: string[] }[] = [];
          const rest: string[] = [];
          for (const i of issues) {
            const path = templateFieldPath(i.field, docType);
            if (path?.length) placed.push({ name: path, errors: [issueText(t, i)] });
            else rest.push(issueText(t, i));
          }
          form.setFields(placed as Parameters<typeof form.setFields>[0]);
          setGeneral(rest);
        },
      },
    );

  return (
    <Card
      type="inner"
      style={{ marginBottom: 16 }}
      title={t('documentTemplates.perType')}
      extra={
        <Select
          style={{ width: 260 }}
          value={docType}
          onChange={setDocType}
          data-testid="templates-type"
          showSearch={{ optionFilterProp: 'label' }}
          options={version.content.templates.map((x) => ({ value: x.docType, label: t(`documentTemplates.types.${x.docType}`) }))}
        />
      }
    >
      {general.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={general.join('；')} />}
      <Form form={form} layout="vertical" disabled={!editable} onFinish={save} data-testid="templates-template">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('documentTemplates.fields.title')}>
              <Input data-testid="templates-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="seal" label={t('documentTemplates.fields.seal')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('documentTemplates.fields.signatures')}>
          <Form.List name="signatures">
            {(fields, { add, remove }) => (
              <Space wrap>
                {fields.map((f) => (
                  <Space.Compact key={f.key}>
                    <Form.Item name={f.name} noStyle>
                      <Select style={{ width: 130 }} options={ROLES.map((r) => ({ value: r, label: t(`documentTemplates.roles.${r}`) }))} />
                    </Form.Item>
                    {editable && <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('documentTemplates.remove')} />}
                  </Space.Compact>
                ))}
                {editable && (
                  <Button icon={<PlusOutlined />} onClick={() => add('officer')}>
                    {t('documentTemplates.addSignature')}
                  </Button>
                )}
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Typography.Text strong>{t('documentTemplates.fields.body')}</Typography.Text>
        <Form.List name="body">
          {(fields, { add, remove, move }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f, n) => (
                <BlockEditor key={f.key} name={f.name} index={n} count={fields.length} editable={editable} onRemove={() => remove(f.name)} onMove={(to) => move(n, to)} />
              ))}
              {editable && (
                <Space wrap>
                  {BLOCK_KINDS.map((k) => (
                    <Button key={k} icon={<PlusOutlined />} onClick={() => add(k === 'fields' ? { kind: k, rows: [{ label: '', value: '' }] } : k === 'blank_lines' ? { kind: k, count: 3 } : { kind: k, text: '' })} data-testid={`templates-add-${k}`}>
                      {t(`documentTemplates.blocks.${k}`)}
                    </Button>
                  ))}
                </Space>
              )}
            </div>
          )}
        </Form.List>
        {editable && (
          <Button type="primary" htmlType="submit" loading={saveTemplate.isPending} style={{ marginTop: 16 }} data-testid="templates-template-save">
            {t('documentTemplates.saveTemplate')}
          </Button>
        )}
      </Form>
      <Preview docType={docType} />
    </Card>
  );
}

/** The chosen type filled from a case under the published templates (a draft shows once it is published). */
function Preview({ docType }: { docType: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [caseId, setCaseId] = useState<string | undefined>();
  const cases = useCaseSearch(q);
  return (
    <Space wrap style={{ marginTop: 16 }} data-testid="templates-preview">
      <Typography.Text type="secondary">{t('documentTemplates.preview')}</Typography.Text>
      <Select
        style={{ width: 320 }}
        allowClear
        showSearch={{ filterOption: false, onSearch: setQ }}
        placeholder={t('documentTemplates.previewCase')}
        value={caseId}
        onChange={setCaseId}
        loading={cases.isFetching}
        options={(cases.data?.items ?? []).map((c) => ({ value: c.id, label: [c.caseNo ?? c.leadNo, c.partyName, c.violationName].filter(Boolean).join(' · ') }))}
        data-testid="templates-preview-case"
      />
      {caseId && (
        <>
          <a href={renderUrl(caseId, docType, 'pdf')} target="_blank" rel="noreferrer" data-testid="templates-preview-pdf">
            PDF
          </a>
          <a href={renderUrl(caseId, docType, 'docx')} target="_blank" rel="noreferrer">
            DOCX
          </a>
        </>
      )}
    </Space>
  );
}

function BlockEditor({ name, index, count, editable, onRemove, onMove }: { name: number; index: number; count: number; editable: boolean; onRemove: () => void; onMove: (to: number) => void }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<TemplateForm>();
  const kind = Form.useWatch(['body', name, 'kind'], form) as (typeof BLOCK_KINDS)[number] | undefined;
  return (
    <Card
      size="small"
      style={{ marginBottom: 8 }}
      data-testid={`templates-block-${index}`}
      title={t(`documentTemplates.blocks.${kind ?? 'paragraph'}`)}
      extra={
        editable && (
          <Space size={4}>
            <Button size="small" disabled={index === 0} onClick={() => onMove(index - 1)}>
              ↑
            </Button>
            <Button size="small" disabled={index === count - 1} onClick={() => onMove(index + 1)}>
              ↓
            </Button>
            <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('documentTemplates.remove')} />
          </Space>
        )
      }
    >
      <Form.Item name={[name, 'kind']} hidden>
        <Input />
      </Form.Item>
      {(kind === 'paragraph' || kind === 'heading') && (
        <Form.Item name={[name, 'text']} style={{ marginBottom: 0 }}>
          <Input.TextArea autoSize={{ minRows: kind === 'heading' ? 1 : 2, maxRows: 10 }} data-testid={`templates-block-${index}-text`} />
        </Form.Item>
      )}
      {kind === 'blank_lines' && (
        <Form.Item name={[name, 'count']} label={t('documentTemplates.blankLines')} style={{ marginBottom: 0 }}>
          <InputNumber min={1} max={60} />
        </Form.Item>
      )}
      {kind === 'fields' && (
        <Form.List name={[name, 'rows']}>
          {(rows, { add, remove }) => (
            <>
              {rows.map((r) => (
                <Row gutter={8} key={r.key}>
                  <Col span={8}>
                    <Form.Item name={[r.name, 'label']} style={{ marginBottom: 4 }}>
                      <Input placeholder={t('documentTemplates.rowLabel')} />
                    </Form.Item>
                  </Col>
                  <Col span={14}>
                    <Form.Item name={[r.name, 'value']} style={{ marginBottom: 4 }}>
                      <Input placeholder={t('documentTemplates.rowValue')} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>{editable && <Button icon={<DeleteOutlined />} onClick={() => remove(r.name)} aria-label={t('documentTemplates.remove')} />}</Col>
                </Row>
              ))}
              {editable && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ label: '', value: '' })}>
                  {t('documentTemplates.addRow')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      )}
    </Card>
  );
}

function PlaceholderHelp({ version }: { version: TemplateVersion }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'p',
          label: t('documentTemplates.placeholders'),
          children: (
            <Space wrap size={[8, 4]}>
              {version.placeholders.map((p) => (
                <Typography.Text key={p.path} code copyable={{ text: `{{${p.path}}}` }}>
                  {`{{${p.path}}}`}
                  {zh ? ` ${p.label}` : ''}
                </Typography.Text>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}

function DraftModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { createDraft } = useTemplateAdmin();
  const [form] = Form.useForm<{ label: string; note?: string }>();
  return (
    <Modal
      open
      title={t('documentTemplates.newDraft')}
      onCancel={onClose}
      confirmLoading={createDraft.isPending}
      okButtonProps={{ 'data-testid': 'templates-draft-save' } as Record<`data-${string}`, string>}
      onOk={() =>
        form.validateFields().then((f) =>
          createDraft.mutate({ label: f.label, ...(f.note ? { note: f.note } : {}) }, {
            onSuccess: (d) => {
              onCreated(d.id);
              onClose();
            },
          }),
        )
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="label" label={t('documentTemplates.label')} rules={[{ required: true, max: 60 }]}>
          <Input data-testid="templates-draft-label" />
        </Form.Item>
        <Form.Item name="note" label={t('documentTemplates.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {createDraft.isError && <Alert type="error" showIcon message={errorText(t, createDraft.error)} />}
    </Modal>
  );
}
