import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { errorText } from '../../../shared/api/errors';
import { CHANGE_KINDS, PENALTY_KINDS, useCriteria, usePublications, usePublish, useSaveCriteria, useWithdraw, yuan, type ChangeKind, type Criteria, type PenaltyKind, type Publication } from '../api';

const STATUSES = ['pending', 'published', 'withdrawn'] as const satisfies readonly Publication['status'][];
const STATUS_COLOR = { pending: 'orange', published: 'green', withdrawn: 'default' } as const;
const PAGE_SIZE = 50;

function reasonText(t: TFunction, r: Publication['reasons'][number]): string {
  if (r.kind === 'fine_threshold') return t('publication.reasonKinds.fine_threshold', { amount: yuan(r.thresholdFen ?? 0) });
  if (r.kind === 'penalty_kind') return t('publication.reasonKinds.penalty_kind', { kind: t(`case.penaltyKinds.${r.penaltyKind ?? 'fine'}`) });
  return t('publication.reasonKinds.marked');
}

/** 撤回: what happened to the decision, when, and the reason shown publicly. */
function WithdrawDialog({ record, onClose }: { record: Publication; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const withdraw = useWithdraw();
  const [form] = Form.useForm<{ changeKind: ChangeKind; changedOn?: string; reason: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await withdraw.mutateAsync({ id: record.id, body: { version: record.version, changeKind: v.changeKind, reason: v.reason, ...(v.changedOn ? { changedOn: v.changedOn } : {}) } });
      message.success(t('publication.withdrawnDone'));
      onClose();
    } catch {
      // shown below
    }
  };
  return (
    <Modal open title={t('publication.withdrawTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('publication.withdraw')} confirmLoading={withdraw.isPending} okButtonProps={{ danger: true, id: 'withdraw-ok' }}>
      <Typography.Paragraph type="secondary">{record.decisionNo}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ changeKind: 'revoked' }}>
        <Form.Item name="changeKind" label={t('publication.changeKind')} rules={[{ required: true }]}>
          <Select id="withdraw-kind" options={CHANGE_KINDS.map((k) => ({ value: k, label: t(`publication.changeKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="changedOn" label={t('publication.changedOn')}>
          <Input id="withdraw-changed-on" type="date" />
        </Form.Item>
        <Form.Item name="reason" label={t('publication.withdrawReason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea id="withdraw-reason" data-testid="withdraw-reason" rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
      {withdraw.isError && <Alert type="error" showIcon title={errorText(t, withdraw.error)} />}
    </Modal>
  );
}

/** The bureau's own criteria (legal administrators): amounts in whole yuan, kinds, the period in working days. */
function CriteriaDialog({ current, onClose }: { current: Criteria['criteria']; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCriteria();
  const [form] = Form.useForm<{ individual: number; organization: number; kinds: PenaltyKind[]; days: number }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      // Whole yuan × 100: integer fen, no floating point.
      await save.mutateAsync({ fineAtLeastFen: { individual: v.individual * 100, organization: v.organization * 100 }, kinds: v.kinds, publishWithinWorkingDays: v.days });
      onClose();
    } catch {
      // shown below
    }
  };
  return (
    <Modal open title={t('publication.criteria')} onCancel={onClose} onOk={() => void submit()} confirmLoading={save.isPending} okButtonProps={{ id: 'criteria-ok' }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ individual: Math.floor(current.fineAtLeastFen.individual / 100), organization: Math.floor(current.fineAtLeastFen.organization / 100), kinds: current.kinds, days: current.publishWithinWorkingDays }}
      >
        <Form.Item name="individual" label={t('publication.criteriaIndividual')} rules={[{ required: true }]}>
          <InputNumber id="criteria-individual" min={0} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="organization" label={t('publication.criteriaOrganization')} rules={[{ required: true }]}>
          <InputNumber id="criteria-organization" min={0} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="kinds" label={t('publication.criteriaKinds')}>
          <Select id="criteria-kinds" mode="multiple" options={PENALTY_KINDS.map((k) => ({ value: k, label: t(`case.penaltyKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="days" label={t('publication.criteriaDays')} rules={[{ required: true }]}>
          <InputNumber id="criteria-days" min={1} max={60} precision={0} style={{ width: 200 }} />
        </Form.Item>
      </Form>
      {save.isError && <Alert type="error" showIcon title={errorText(t, save.error)} />}
    </Modal>
  );
}

/** 处罚决定公示 (administration): 待公示 with due days and overdue ones, publish, withdraw; the criteria shown. */
export default function PublicationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Publication['status']) : undefined;
  const overdue = params.get('overdue') === '1';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = usePublications({ ...(status ? { status } : {}), ...(overdue ? { overdue: true } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const criteria = useCriteria();
  const publish = usePublish();
  const [withdrawing, setWithdrawing] = useState<Publication | null>(null);
  const [editing, setEditing] = useState(false);
  const set = (key: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );
  const doPublish = async (p: Publication) => {
    try {
      await publish.mutateAsync({ id: p.id, body: { version: p.version } });
      message.success(t('publication.published'));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const columns: ColumnsType<Publication> = [
    {
      title: t('publication.status'),
      key: 'status',
      render: (_, p) => (
        <Space size={2} wrap>
          <Tag color={STATUS_COLOR[p.status]} data-testid={`pub-status-${p.status}`}>
            {t(`publication.statuses.${p.status}`)}
          </Tag>
          {p.isDemo && <Tag color="gold">{t('publication.demo')}</Tag>}
        </Space>
      ),
    },
    { title: t('publication.decisionNo'), key: 'no', render: (_, p) => <span data-testid="pub-decision-no">{p.decisionNo}</span> },
    { title: t('publication.caseNo'), key: 'case', render: (_, p) => <Link to={`/cases/${p.caseId}`}>{p.caseNo ?? t('publication.openCase')}</Link> },
    { title: t('publication.unit'), dataIndex: 'unitName' },
    { title: t('publication.decidedOn'), dataIndex: 'decidedOn' },
    {
      title: t('publication.dueOn'),
      key: 'due',
      render: (_, p) =>
        p.status !== 'pending' ? (
          p.publishedOn ? (
            <span>
              {p.publishedOn} {p.publishedLate ? <Tag color="red">{t('publication.late')}</Tag> : <Tag>{t('publication.onTime')}</Tag>}
            </span>
          ) : (
            '—'
          )
        ) : p.dueOn ? (
          <Typography.Text type={p.overdue ? 'danger' : undefined} strong={p.overdue}>
            {p.dueOn} {p.overdue && <Tag color="red">{t('publication.overdue')}</Tag>}
          </Typography.Text>
        ) : (
          <Typography.Text type="warning">{t('publication.calendarMissing')}</Typography.Text>
        ),
    },
    { title: t('publication.reasons'), key: 'reasons', render: (_, p) => p.reasons.map((r) => reasonText(t, r)).join('；') },
    {
      title: t('publication.withdrawnOn'),
      key: 'withdrawn',
      render: (_, p) =>
        p.status === 'withdrawn' ? (
          <Space orientation="vertical" size={0}>
            <span>
              {p.withdrawnOn} {p.withdrawDueOn && (p.withdrawnLate ? <Tag color="red">{t('publication.late')}</Tag> : <Tag>{t('publication.onTime')}</Tag>)}
            </span>
            <Typography.Text type="secondary">{p.withdrawReason}</Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: '',
      key: 'actions',
      render: (_, p) => (
        <Space>
          {p.actions.includes('publish') && (
            <Popconfirm title={t('publication.publishConfirm')} onConfirm={() => void doPublish(p)} okButtonProps={{ id: 'publish-ok' }}>
              <Button size="small" type="primary" data-testid="pub-publish">
                {t('publication.publish')}
              </Button>
            </Popconfirm>
          )}
          {p.actions.includes('withdraw') && (
            <Button size="small" danger data-testid="pub-withdraw" onClick={() => setWithdrawing(p)}>
              {t('publication.withdraw')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const c = criteria.data;
  const data = list.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('publication.adminTitle')}
        </Typography.Title>
        <a href="/public/decisions" target="_blank" rel="noreferrer" data-testid="pub-public-link">
          {t('publication.publicPage')}
        </a>
      </Space>
      {c && (
        <Card
          size="small"
          title={t('publication.criteria')}
          data-testid="pub-criteria"
          extra={
            c.actions.includes('edit') && (
              <Button size="small" data-testid="criteria-edit" onClick={() => setEditing(true)}>
                {t('publication.criteriaEdit')}
              </Button>
            )
          }
        >
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t('publication.criteriaText', {
              individual: yuan(c.criteria.fineAtLeastFen.individual),
              organization: yuan(c.criteria.fineAtLeastFen.organization),
              kinds: c.criteria.kinds.map((k) => t(`case.penaltyKinds.${k}`)).join('、'),
              days: c.criteria.publishWithinWorkingDays,
            })}
            {c.isDefault && <Tag color="orange" style={{ marginLeft: 8 }}>{t('publication.localDefault')}</Tag>}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {c.publication.quote}（{c.publication.law} {c.publication.article}）
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('publication.withdrawRule', { quote: c.withdrawal.quote, law: c.withdrawal.law, article: c.withdrawal.article, paragraph: c.withdrawal.paragraph ?? '' })}
          </Typography.Paragraph>
        </Card>
      )}
      <Space wrap>
        <Select
          id="pub-status"
          style={{ width: 160 }}
          allowClear
          placeholder={t('publication.status')}
          value={status}
          onChange={(v: string | undefined) => set('status', v)}
          options={STATUSES.map((s) => ({ value: s, label: t(`publication.statuses.${s}`) }))}
        />
        <Checkbox checked={overdue} onChange={(e) => set('overdue', e.target.checked ? '1' : undefined)} data-testid="pub-overdue">
          {t('publication.onlyOverdue')}
        </Checkbox>
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorText(t, list.error)} />}
      <Table<Publication>
        data-testid="pub-table"
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: (p) => set('page', String(p)) }}
      />
      {withdrawing && <WithdrawDialog record={withdrawing} onClose={() => setWithdrawing(null)} />}
      {editing && c && <CriteriaDialog current={c.criteria} onClose={() => setEditing(false)} />}
    </Space>
  );
}
