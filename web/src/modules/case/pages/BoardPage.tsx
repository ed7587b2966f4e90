import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useBoard, type BoardItem } from '../api';
import { caseErrorText } from '../format';
import { StateTag, UnitSelect } from '../components/common';

const HORIZONS = [1, 2, 3, 5, 10, 15] as const;
const PAGE_SIZE = 50;

/** 期限预警: due soon / overdue / not computable duty deadlines of a team, a district or the city, with who is responsible. */
export default function BoardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit') ?? undefined;
  const raw = Number(params.get('within') ?? '3');
  const dueWithin = Number.isInteger(raw) && raw >= 0 && raw <= 60 ? raw : 3;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const board = useBoard(unitId, dueWithin, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  /** Changes one setting; another unit or horizon starts again on the first page. */
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

  const columns: ColumnsType<BoardItem> = [
    {
      title: t('case.board.status'),
      key: 'status',
      render: (_, i) => (
        <Tag color={i.status === 'overdue' ? 'red' : i.status === 'due_soon' ? 'orange' : 'default'} data-testid={`board-${i.status}`}>
          {t(`case.boardStatus.${i.status}`)}
        </Tag>
      ),
    },
    {
      title: t('case.fields.number'),
      key: 'no',
      render: (_, i) => (
        <Link to={`/cases/${i.caseId}`} data-testid="board-case-link">
          {i.caseNo ?? i.leadNo ?? '—'}
        </Link>
      ),
    },
    { title: t('case.fields.state'), key: 'state', render: (_, i) => <StateTag state={i.state} /> },
    { title: t('case.fields.team'), dataIndex: 'unitName' },
    { title: t('case.board.kind'), key: 'kind', render: (_, i) => t(`case.deadlineKinds.${i.kind}`) },
    { title: t('case.detail.deadline.start'), dataIndex: 'startOn' },
    {
      title: t('case.board.due'),
      key: 'due',
      render: (_, i) =>
        i.dueOn ? (
          <Typography.Text type={i.status === 'overdue' ? 'danger' : undefined} strong={i.status === 'overdue'}>
            {i.dueOn}
          </Typography.Text>
        ) : (
          <Typography.Text type="warning">{t(i.problem === 'calendar_missing' ? 'case.boardStatus.unknown' : 'case.detail.deadline.ruleMissing')}</Typography.Text>
        ),
    },
    {
      title: t('case.board.left'),
      key: 'left',
      render: (_, i) =>
        i.workingDaysLeft === null ? '—' : i.workingDaysLeft < 0 ? <Typography.Text type="danger">{t('case.detail.deadline.overdueBy', { count: -i.workingDaysLeft })}</Typography.Text> : t('case.detail.deadline.leftValue', { count: i.workingDaysLeft }),
    },
    { title: t('case.board.responsible'), key: 'responsible', render: (_, i) => i.responsible?.name ?? <Typography.Text type="secondary">{t('case.board.noResponsible')}</Typography.Text> },
  ];

  const data = board.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('case.board.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('case.board.hint')}</Typography.Paragraph>
      <Card size="small">
        <Space wrap>
          <span>{t('case.board.unit')}</span>
          <UnitSelect id="board-unit" value={unitId ?? data?.unitId} onChange={(v) => set('unit', v)} />
          <span>{t('case.board.dueWithin')}</span>
          <Select
            id="board-within"
            data-testid="board-within"
            style={{ width: 140 }}
            value={dueWithin}
            onChange={(v: number) => set('within', String(v))}
            options={HORIZONS.map((n) => ({ value: n, label: t('case.board.dueWithinValue', { count: n }) }))}
          />
          {data && <Typography.Text type="secondary">{t('case.board.dueBy', { date: data.dueBy })}</Typography.Text>}
        </Space>
      </Card>
      {board.isError && <Alert type="error" showIcon title={caseErrorText(t, board.error)} />}
      {data?.calendarMissing && <Alert type="warning" showIcon title={t('case.board.calendarMissing', { years: data.calendarMissing.join('、') })} data-testid="board-calendar-missing" />}
      {data && (
        <Typography.Text data-testid="board-counts">
          {t('case.board.unitCounts', { unit: data.unitName, counts: t('case.board.counts', data.counts) })}
        </Typography.Text>
      )}
      {data?.truncated && (
        <Typography.Text type="secondary" data-testid="board-truncated">
          {t('case.board.truncated', { from: data.offset + 1, to: data.offset + data.items.length, total: data.total })}
        </Typography.Text>
      )}
      <Table<BoardItem>
        data-testid="board-table"
        rowKey={(i) => `${i.caseId}:${i.kind}:${i.startOn}`}
        size="middle"
        loading={board.isFetching}
        columns={columns}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('case.board.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: (p) => set('page', p > 1 ? String(p) : undefined),
        }}
      />
    </Space>
  );
}
