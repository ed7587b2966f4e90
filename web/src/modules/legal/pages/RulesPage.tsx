import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { errorIssueText, errorText } from '../../../shared/api/errors';
import { useLegalAdmin, useVersion, useVersions, type SaveRuleBody, type VersionDetail } from '../api';
import { citationText } from '../explain';

type Rule = VersionDetail['rules'][number];
const ORIGIN_COLOR: Record<string, string> = { national: 'blue', unverified_ministerial: 'orange', local: 'green' };
const STATUS_COLOR: Record<string, string> = { draft: 'gold', published: 'green', superseded: 'default' };
const EVENTS = ['lead_received', 'case_opened', 'decision_made', 'decision_served', 'notice_served', 'hearing_requested', 'evidence_registered', 'seizure_made', 'urge_served', 'payment_due_expired', 'act'] as const;
// How a local period's start day is not counted, and (for the party's periods) the rest-day move: the civil code.
const CIVIL_CODE = { name: '中华人民共和国民法典', version: '2020-05-28' };

/** 法律规则: the versions (draft → published → superseded), a version's rules with their citations, draft editing. */
export default function RulesPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const versions = useVersions();
  const [selected, setSelected] = useState<string | undefined>();
  const items = versions.data?.items ?? [];
  useEffect(() => {
    if (!selected && items.length) setSelected((items.find((v) => v.status === 'draft') ?? items.find((v) => v.status === 'published') ?? items[0])!.id);
  }, [selected, items]);
  const version = useVersion(selected);
  const admin = useLegalAdmin();
  const [drafting, setDrafting] = useState(false);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [q, setQ] = useState('');
  const v = version.data;
  const needle = q.trim().toLowerCase();
  const rules = (v?.rules ?? []).filter((r) => !needle || [r.id, r.titleZh, r.titleEn, r.law.name, r.article, r.quote].some((s) => s.toLowerCase().includes(needle)));

  const columns: TableColumnsType<Rule> = [
    {
      title: t('legal.calculator.rule'),
      key: 'title',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Space size={4} wrap>
            <Typography.Text strong>{r.titleZh}</Typography.Text>
            <Tag color={ORIGIN_COLOR[r.origin]}>{t(`legal.rules.origins.${r.origin}`)}</Tag>
            {!r.verified && r.origin !== 'local' && <Tag color="orange">{t('legal.rules.unverified')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.id} · {t(`legal.rules.kinds.${r.kind}`)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('legal.calculator.article'),
      key: 'citation',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{citationText({ law: r.law, article: r.article, ...(r.paragraph ? { paragraph: r.paragraph } : {}) })}</span>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }} ellipsis={{ rows: 2, expandable: true }}>
            {r.quote}
          </Typography.Paragraph>
        </Space>
      ),
    },
    { title: t('legal.rules.effective'), key: 'effective', width: 200, render: (_, r) => t('legal.rules.inForce', { from: r.effectiveFrom, to: r.effectiveTo ? t('legal.rules.inForceTo', { to: r.effectiveTo }) : '' }) },
    {
      title: '',
      key: 'actions',
      width: 120,
      render: (_, r) => (
        <Space>
          {r.actions.includes('edit') && (
            <a onClick={() => setEditing(r)} data-testid={`rule-edit-${r.id}`}>
              {t('legal.rules.edit')}
            </a>
          )}
          {r.actions.includes('delete') && (
            <Popconfirm title={t('legal.rules.deleteConfirm')} onConfirm={() => admin.deleteRule.mutate({ versionId: v!.id, ruleId: r.id, effectiveFrom: r.effectiveFrom })}>
              <a>{t('legal.rules.delete')}</a>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const publish = () =>
    modal.confirm({
      title: t('legal.rules.publishConfirm'),
      onOk: async () => {
        try {
          await admin.publish.mutateAsync(v!.id);
          message.success(t('legal.rules.published'));
        } catch (e) {
          message.error(errorText(t, e));
        }
      },
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('legal.rules.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('legal.rules.hint')}</Typography.Paragraph>
      <Card
        title={t('legal.rules.versions')}
        extra={
          versions.data?.actions.includes('newDraft') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrafting(true)} data-testid="rules-new-draft">
              {t('legal.rules.newDraft')}
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
          onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer', background: r.id === selected ? '#e6f4ff' : undefined } })}
          columns={[
            { title: t('legal.rules.draftLabel'), dataIndex: 'label', render: (l: string) => <Typography.Link>{l}</Typography.Link> },
            { title: '', dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]} data-testid={`version-status-${s}`}>{t(`legal.rules.status.${s}`)}</Tag> },
            { title: '', key: 'count', render: (_, r) => t('legal.rules.ruleCount', { count: r.ruleCount, local: r.localCount }) },
            { title: '', dataIndex: 'publishedAt', render: (p: string | null) => (p ? p.slice(0, 10) : '') },
          ]}
        />
      </Card>
      {v && (
        <Card
          title={
            <Space>
              {v.label}
              <Tag color={STATUS_COLOR[v.status]}>{t(`legal.rules.status.${v.status}`)}</Tag>
            </Space>
          }
          extra={
            <Space>
              <Input.Search allowClear placeholder={t('legal.rules.search')} onChange={(e) => setQ(e.target.value)} style={{ width: 240 }} />
              {v.actions.includes('addRule') && (
                <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rules-add-local">
                  {t('legal.rules.addLocal')}
                </Button>
              )}
              {v.actions.includes('discard') && (
                <Popconfirm title={t('legal.rules.discardConfirm')} onConfirm={() => admin.discard.mutate(v.id, { onSuccess: () => setSelected(undefined) })}>
                  <Button danger>{t('legal.rules.discard')}</Button>
                </Popconfirm>
              )}
              {v.actions.includes('publish') && (
                <Button type="primary" onClick={publish} data-testid="rules-publish">
                  {t('legal.rules.publish')}
                </Button>
              )}
            </Space>
          }
        >
          {v.note && <Typography.Paragraph type="secondary">{v.note}</Typography.Paragraph>}
          <Table rowKey={(r) => `${r.id}@${r.effectiveFrom}`} size="small" dataSource={rules} columns={columns} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="rules-table" />
        </Card>
      )}
      {drafting && <DraftModal onClose={() => setDrafting(false)} onCreated={(id) => setSelected(id)} />}
      {editing && v && <RuleModal version={v} rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function DraftModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { createDraft } = useLegalAdmin();
  const [form] = Form.useForm<{ label: string; note?: string }>();
  return (
    <Modal
      open
      title={t('legal.rules.newDraft')}
      onCancel={onClose}
      confirmLoading={createDraft.isPending}
      okButtonProps={{ 'data-testid': 'draft-save' } as Record<`data-${string}`, string>}
      onOk={() =>
        form.validateFields().then((v) =>
          createDraft.mutate({ label: v.label, ...(v.note ? { note: v.note } : {}) }, {
            onSuccess: (d) => {
              onCreated(d.id);
              onClose();
            },
          }),
        )
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="label" label={t('legal.rules.draftLabel')} rules={[{ required: true, max: 60 }]}>
          <Input data-testid="draft-label" />
        </Form.Item>
        <Form.Item name="note" label={t('legal.rules.draftNote')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {createDraft.isError && <Alert type="error" showIcon message={errorText(t, createDraft.error)} />}
    </Modal>
  );
}

interface RuleForm {
  id: string;
  titleZh: string;
  titleEn: string;
  lawName: string;
  lawVersion: string;
  article: string;
  paragraph?: string;
  quote: string;
  note?: string;
  effectiveFrom: string;
  effectiveTo?: string;
  count?: number;
  unit?: 'day' | 'month' | 'year';
  counting?: 'calendar' | 'working';
  from?: (typeof EVENTS)[number];
  holder?: 'party' | 'authority' | 'court';
}

/** Adds a local period rule (its own citation required) or changes a local / ministerial rule of a draft. */
function RuleModal({ version, rule, onClose }: { version: VersionDetail; rule: Rule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { saveRule } = useLegalAdmin();
  const [form] = Form.useForm<RuleForm>();
  const period = rule === null || rule.params.type === 'period';
  const p = rule?.params.type === 'period' ? rule.params : null;
  const initial: Partial<RuleForm> = rule
    ? {
        id: rule.id,
        titleZh: rule.titleZh,
        titleEn: rule.titleEn,
        lawName: rule.law.name,
        lawVersion: rule.law.version,
        article: rule.article,
        paragraph: rule.paragraph ?? undefined,
        quote: rule.quote,
        note: rule.note ?? undefined,
        effectiveFrom: rule.effectiveFrom,
        effectiveTo: rule.effectiveTo ?? undefined,
        ...(p ? { count: p.count, unit: p.unit, counting: p.counting, from: p.from as RuleForm['from'], holder: p.holder } : {}),
      }
    : { unit: 'day', counting: 'working', from: 'lead_received', holder: 'authority' };

  const save = (f: RuleForm) => {
    const law = { name: f.lawName.trim(), version: f.lawVersion };
    let params: SaveRuleBody['params'];
    if (period) {
      const holder = f.holder ?? 'authority';
      params = {
        ...(p ?? {}),
        type: 'period',
        count: f.count ?? 1,
        unit: f.unit ?? 'day',
        counting: f.counting ?? 'calendar',
        // A local rule says itself whether its days are working days.
        countingCitation: p?.countingCitation ?? { law, article: f.article },
        startCitation: p?.startCitation ?? { law: CIVIL_CODE, article: '第二百零一条', paragraph: '第一款' },
        restDay: p?.restDay ?? (holder === 'party' ? { kind: 'next_working_day', citation: { law: CIVIL_CODE, article: '第二百零三条', paragraph: '第一款' } } : { kind: 'none', why: 'authority_duty' }),
        from: f.from ?? 'lead_received',
        holder,
        ...(rule ? {} : { configurable: true }),
      };
    } else params = rule!.params;
    const body: SaveRuleBody = {
      titleZh: f.titleZh,
      titleEn: f.titleEn,
      law,
      article: f.article,
      paragraph: f.paragraph || null,
      quote: f.quote,
      note: f.note || null,
      effectiveFrom: f.effectiveFrom,
      effectiveTo: f.effectiveTo || null,
      params,
      expectedVersion: version.version,
    };
    saveRule.mutate(
      { versionId: version.id, ruleId: rule?.id ?? f.id, ...(rule ? { effectiveFrom: rule.effectiveFrom } : {}), body },
      {
        onSuccess: () => {
          message.success(t('legal.rules.saved'));
          onClose();
        },
      },
    );
  };
  const error = saveRule.error;

  return (
    <Modal open width={720} title={rule ? t('legal.rules.edit') : t('legal.rules.addLocal')} onCancel={onClose} onOk={() => form.validateFields().then(save)} confirmLoading={saveRule.isPending} okButtonProps={{ 'data-testid': 'rule-save' } as Record<`data-${string}`, string>}>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="id" label={t('legal.rules.id')} extra={t('legal.rules.idHint')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_.-]{1,79}$/ }]}>
          <Input disabled={!!rule} data-testid="rule-id" />
        </Form.Item>
        <Form.Item name="titleZh" label={t('legal.rules.titleZh')} rules={[{ required: true }]}>
          <Input data-testid="rule-title-zh" />
        </Form.Item>
        <Form.Item name="titleEn" label={t('legal.rules.titleEn')} rules={[{ required: true }]}>
          <Input data-testid="rule-title-en" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="lawName" label={t('legal.rules.law')} rules={[{ required: true }]} style={{ width: 360 }}>
            <Input data-testid="rule-law" />
          </Form.Item>
          <Form.Item name="lawVersion" label={t('legal.rules.lawVersion')} rules={[{ required: true }]}>
            <Input type="date" data-testid="rule-law-version" />
          </Form.Item>
          <Form.Item name="article" label={t('legal.rules.article')} rules={[{ required: true }]}>
            <Input data-testid="rule-article" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="paragraph" label={t('legal.rules.paragraph')}>
            <Input style={{ width: 100 }} />
          </Form.Item>
        </Space>
        <Form.Item name="quote" label={t('legal.rules.quote')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} data-testid="rule-quote" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="effectiveFrom" label={t('legal.rules.effectiveFrom')} rules={[{ required: true }]}>
            <Input type="date" data-testid="rule-from" />
          </Form.Item>
          <Form.Item name="effectiveTo" label={t('legal.rules.effectiveTo')}>
            <Input type="date" />
          </Form.Item>
        </Space>
        {period && (
          <Space wrap align="start">
            <Form.Item name="count" label={t('legal.rules.count')} rules={[{ required: true }]}>
              <InputNumber min={1} max={3650} data-testid="rule-count" />
            </Form.Item>
            <Form.Item name="unit" label={t('legal.rules.unit')}>
              <Select style={{ width: 100 }} options={(['day', 'month', 'year'] as const).map((u) => ({ value: u, label: t(`legal.units.${u}`) }))} />
            </Form.Item>
            <Form.Item name="counting" label={t('legal.rules.counting')}>
              <Select style={{ width: 120 }} options={[{ value: 'working', label: t('legal.explain.workingDays') }, { value: 'calendar', label: t('legal.explain.calendarDays') }]} />
            </Form.Item>
            <Form.Item name="from" label={t('legal.rules.from')}>
              <Select style={{ width: 220 }} options={EVENTS.map((e) => ({ value: e, label: t(`legal.events.${e}`).replace(/[（）() ]/g, '') }))} />
            </Form.Item>
            <Form.Item name="holder" label={t('legal.rules.holder')}>
              <Select style={{ width: 120 }} options={(['authority', 'party', 'court'] as const).map((h) => ({ value: h, label: t(`legal.rules.holders.${h}`) }))} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="note" label={t('legal.rules.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {error && (
        <Alert
          type="error"
          showIcon
          data-testid="rule-error"
          message={errorText(t, error)}
          description={error instanceof ApiError && error.issues.length ? error.issues.map((i) => errorIssueText(error, i)).join('；') : undefined}
        />
      )}
    </Modal>
  );
}
