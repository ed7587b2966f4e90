/**
 * 待办 (/service/inbox, service.handle): the team's reports by stage — 待处置 (dispatched), 处置中 (handling), 待回复
 * (handled), 挂起 (suspended) — with their due flags, and the team's quick steps as forms. The server decides whether
 * a step is allowed (scope, state); a refused one says why.
 */
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Badge, Button, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useRequestList, type RequestItem } from '../desk/api';
import { bj, DueTag, StepModal, stepLabel, useTeams, type StepKind } from '../desk/common';

const STAGES = ['dispatched', 'handling', 'handled', 'suspended'] as const;
type Stage = (typeof STAGES)[number];
const PAGE_SIZE = 50;
/** The team's steps per stage (suspend from every open stage). */
const STEPS: Record<Stage, StepKind[]> = { dispatched: ['start', 'suspend'], handling: ['handle', 'suspend'], handled: ['reply', 'suspend'], suspended: ['resume'] };

/** The due time of the clock that runs in this state (a suspended report: the one it stopped). */
function runningDue(r: RequestItem): string | null {
  const s = r.state === 'suspended' ? r.suspendedFromState : r.state;
  if (s === 'submitted') return r.acceptDueAt;
  if (s === 'dispatched' || s === 'handling') return r.handleDueAt;
  if (s === 'handled') return r.replyDueAt;
  return null;
}

export default function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('stage');
  const stage: Stage = (STAGES as readonly string[]).includes(raw ?? '') ? (raw as Stage) : 'dispatched';
  const unitId = params.get('unit') ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const { teams } = useTeams();
  const list = useRequestList({ state: stage, ...(unitId ? { unitId } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  // One small query per stage for the counts on the tabs.
  const counts = [useRequestList({ state: 'dispatched', ...(unitId ? { unitId } : {}), limit: 1 }), useRequestList({ state: 'handling', ...(unitId ? { unitId } : {}), limit: 1 }), useRequestList({ state: 'handled', ...(unitId ? { unitId } : {}), limit: 1 }), useRequestList({ state: 'suspended', ...(unitId ? { unitId } : {}), limit: 1 })];
  const [stepping, setStepping] = useState<{ item: RequestItem; action: StepKind } | null>(null);
  const items = useMemo(() => list.data?.items ?? [], [list.data]);

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

  const columns: ColumnsType<RequestItem> = [
    {
      title: t('serviceDesk.code'),
      key: 'code',
      render: (_, r) => (
        <Link to={`/service/requests/${r.id}`} data-testid={`inbox-row-${r.trackingCode}`}>
          {r.trackingCode}
        </Link>
      ),
    },
    { title: t('serviceDesk.category'), dataIndex: 'categoryName' },
    { title: t('serviceDesk.description'), dataIndex: 'description', ellipsis: true, width: 280 },
    { title: t('serviceDesk.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
    { title: t('serviceInbox.team'), dataIndex: 'orgUnitName' },
    {
      title: t('serviceInbox.due'),
      key: 'due',
      render: (_, r) => {
        const due = runningDue(r);
        return (
          <Space size={4} wrap>
            <DueTag flag={r.dueFlag} />
            {due && <Typography.Text type="secondary">{t('serviceInbox.dueAt', { at: bj(due) })}</Typography.Text>}
            {r.state === 'suspended' && r.suspendedFromState && <Typography.Text type="secondary">{t('serviceInbox.suspendedFrom', { state: t(`serviceDesk.states.${r.suspendedFromState}`) })}</Typography.Text>}
          </Space>
        );
      },
    },
    {
      title: '',
      key: 'steps',
      render: (_, r) => (
        <Space size={4} wrap>
          {STEPS[stage].map((a) => (
            <Button key={a} size="small" type={a === 'suspend' ? 'default' : 'primary'} onClick={() => setStepping({ item: r, action: a })} data-testid={`inbox-step-${a}-${r.trackingCode}`}>
              {stepLabel(t, a)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="inbox-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('serviceInbox.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('serviceInbox.hint')}
      </Typography.Paragraph>
      {teams.length > 1 && (
        <Space>
          <span>{t('serviceInbox.team')}</span>
          <Select
            data-testid="inbox-team"
            style={{ width: 260 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('serviceInbox.allTeams')}
            value={unitId}
            onChange={(v: string | undefined) => set('unit', v)}
            options={teams.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Space>
      )}
      <Tabs
        activeKey={stage}
        onChange={(k) => set('stage', k === 'dispatched' ? undefined : k)}
        items={STAGES.map((s, i) => ({
          key: s,
          label: (
            <span data-testid={`inbox-stage-${s}`}>
              {t(`serviceInbox.stages.${s}`)} <Badge count={counts[i]!.data?.total ?? 0} showZero color={s === 'suspended' ? '#8c8c8c' : 'blue'} />
            </span>
          ),
        }))}
      />
      {list.isError && <Alert type="error" showIcon message={errorText(t, list.error)} />}
      <Table<RequestItem>
        data-testid="inbox-table"
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={items}
        locale={{ emptyText: t('serviceInbox.empty') }}
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (r.dueFlag === 'overdue' ? 'inbox-overdue' : '')}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t('serviceDesk.total', { count: n }), onChange: (p) => set('page', p > 1 ? String(p) : undefined) }}
      />
      {items.some((r) => r.isDemo) && <Tag>{t('serviceDesk.demo')}</Tag>}
      <StepModal target={stepping?.item ?? null} action={stepping?.action ?? null} onClose={() => setStepping(null)} />
    </Space>
  );
}
