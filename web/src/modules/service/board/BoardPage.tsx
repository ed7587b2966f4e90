import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { BOARD_FLAGS, FLAG_COLORS, beijingTime, useServiceBoard, useServiceCategories, type BoardFlag, type BoardItem, type BoardTeam } from './api';

const PAGE_SIZE = 50;

/** Working minutes as words: "2 小时 5 分" / "40 分钟". */
function duration(t: TFunction, minutes: number): string {
  const m = Math.abs(minutes);
  return m >= 60 ? t('serviceBoard.hoursMinutes', { h: Math.floor(m / 60), m: m % 60 }) : t('serviceBoard.minutes', { m });
}

function remainingText(t: TFunction, i: BoardItem): string {
  if (i.remainingMinutes === null) return '—';
  const time = duration(t, i.remainingMinutes);
  if (i.flag === 'suspended') return t(i.remainingMinutes < 0 ? 'serviceBoard.stoppedLate' : 'serviceBoard.stopped', { time });
  return t(i.remainingMinutes < 0 ? 'serviceBoard.late' : 'serviceBoard.left', { time });
}

/** A flag in colour and in words (colour is never the only sign). */
export function FlagTag({ flag }: { flag: BoardFlag }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`serviceBoard.flagHints.${flag}`)}>
      <Tag color={FLAG_COLORS[flag]} data-testid={`flag-${flag}`}>
        {t(`serviceBoard.flags.${flag}`)}
      </Tag>
    </Tooltip>
  );
}

/** 期限预警 of 便民服务: open reports by how much working time their stage has left, per team and per flag. */
export default function ServiceBoardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const teamId = params.get('team') ?? undefined;
  const categoryId = params.get('category') ?? undefined;
  const flagParam = params.get('flag');
  const flag = BOARD_FLAGS.find((f) => f === flagParam);
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const board = useServiceBoard({ teamId, categoryId, flag, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const categories = useServiceCategories();
  /** Changes one filter; any change but the page starts again on the first page. */
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

  const data = board.data;
  const teamName = (x: { teamId: string | null; teamName: string | null }) => (x.teamId === null ? t('serviceBoard.cityDesk') : (x.teamName ?? '—'));

  const teamColumns: ColumnsType<BoardTeam> = [
    {
      title: t('serviceBoard.team'),
      key: 'team',
      render: (_, x) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => set('team', x.teamId ?? 'desk')} data-testid="board-team-link">
          {teamName(x)}
        </Button>
      ),
    },
    ...BOARD_FLAGS.filter((f) => f !== 'unknown' || (data?.counts.unknown ?? 0) > 0).map((f) => ({
      title: t(`serviceBoard.flags.${f}`),
      key: f,
      align: 'right' as const,
      render: (_: unknown, x: BoardTeam) => (x[f] > 0 && (f === 'overdue' || f === 'due_soon') ? <Typography.Text type={f === 'overdue' ? 'danger' : 'warning'} strong>{x[f]}</Typography.Text> : x[f]),
    })),
    { title: t('serviceBoard.total'), dataIndex: 'total', align: 'right' },
  ];

  const columns: ColumnsType<BoardItem> = [
    { title: t('serviceBoard.flag'), key: 'flag', render: (_, i) => <FlagTag flag={i.flag} /> },
    {
      title: t('serviceBoard.trackingCode'),
      key: 'code',
      render: (_, i) => (
        <Space size={4}>
          <Link to={`/service/requests/${i.id}`} data-testid="board-request-link">
            {i.trackingCode}
          </Link>
          {i.isDemo && <Tag>{t('serviceBoard.demo')}</Tag>}
        </Space>
      ),
    },
    { title: t('serviceBoard.category'), key: 'category', render: (_, i) => `${i.categoryCode} ${i.categoryName}` },
    { title: t('serviceBoard.team'), key: 'team', render: (_, i) => i.unitName ?? t('serviceBoard.cityDesk') },
    { title: t('serviceBoard.stage'), key: 'stage', render: (_, i) => (i.stage ? t(`serviceBoard.stages.${i.stage}`) : '—') },
    { title: t('serviceBoard.state'), key: 'state', render: (_, i) => t(`serviceBoard.states.${i.state}`, { defaultValue: i.state }) },
    { title: t('serviceBoard.submittedAt'), key: 'submitted', render: (_, i) => beijingTime(i.submittedAt) },
    {
      title: t('serviceBoard.dueAt'),
      key: 'due',
      render: (_, i) =>
        i.dueAt ? (
          <Tooltip title={i.limitHours === null ? undefined : t('serviceBoard.limit', { hours: i.limitHours })}>
            <Typography.Text type={i.flag === 'overdue' ? 'danger' : undefined}>{beijingTime(i.dueAt)}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('serviceBoard.remaining'),
      key: 'remaining',
      render: (_, i) => (
        <Typography.Text type={i.flag === 'overdue' ? 'danger' : i.flag === 'due_soon' ? 'warning' : i.flag === 'suspended' ? 'secondary' : undefined} data-testid="board-remaining">
          {remainingText(t, i)}
        </Typography.Text>
      ),
    },
  ];

  const teamOptions = [{ value: '', label: t('serviceBoard.allTeams') }, ...(data?.teams ?? []).map((x) => ({ value: x.teamId ?? 'desk', label: teamName(x) }))];
  // A team picked from the link stays selectable even when the category filter leaves it without rows.
  if (teamId && !teamOptions.some((o) => o.value === teamId)) teamOptions.push({ value: teamId, label: teamId === 'desk' ? t('serviceBoard.cityDesk') : (data?.items[0]?.unitName ?? teamId) });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('serviceBoard.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('serviceBoard.intro')}</Typography.Paragraph>
      {board.isError && <Alert type="error" showIcon title={errorText(t, board.error)} />}
      {data && data.calendarMissing.length > 0 && <Alert type="warning" showIcon title={t('serviceBoard.calendarMissing', { years: data.calendarMissing.join('、') })} />}
      <Space wrap size="middle" data-testid="board-counts">
        {BOARD_FLAGS.filter((f) => f !== 'unknown' || (data?.counts.unknown ?? 0) > 0).map((f) => (
          <Card key={f} size="small" hoverable onClick={() => set('flag', flag === f ? undefined : f)} style={{ minWidth: 140, borderColor: flag === f ? '#1677ff' : undefined }} data-testid={`count-${f}`}>
            <Statistic title={<FlagTag flag={f} />} value={data?.counts[f] ?? 0} valueStyle={{ color: f === 'overdue' ? '#cf1322' : f === 'due_soon' ? '#d46b08' : undefined }} />
          </Card>
        ))}
        <Card size="small" style={{ minWidth: 140 }} data-testid="count-total">
          <Statistic title={t('serviceBoard.total')} value={data?.counts.total ?? 0} />
        </Card>
      </Space>
      <Card size="small" title={t('serviceBoard.byTeam')}>
        <Table<BoardTeam>
          data-testid="board-teams"
          rowKey={(x) => x.teamId ?? 'desk'}
          size="small"
          columns={teamColumns}
          dataSource={data?.teams ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('serviceBoard.empty') }}
        />
      </Card>
      <Card size="small">
        <Space wrap>
          <span>{t('serviceBoard.team')}</span>
          <Select id="board-team" data-testid="board-team" style={{ minWidth: 180 }} value={teamId ?? ''} onChange={(v: string) => set('team', v || undefined)} options={teamOptions} />
          <span>{t('serviceBoard.category')}</span>
          <Select
            id="board-category"
            data-testid="board-category"
            style={{ minWidth: 200 }}
            showSearch
            optionFilterProp="label"
            value={categoryId ?? ''}
            onChange={(v: string) => set('category', v || undefined)}
            options={[{ value: '', label: t('serviceBoard.allCategories') }, ...(categories.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))]}
          />
          <span>{t('serviceBoard.flag')}</span>
          <Select
            id="board-flag"
            data-testid="board-flag"
            style={{ minWidth: 140 }}
            value={flag ?? ''}
            onChange={(v: string) => set('flag', v || undefined)}
            options={[{ value: '', label: t('serviceBoard.allFlags') }, ...BOARD_FLAGS.map((f) => ({ value: f, label: t(`serviceBoard.flags.${f}`) }))]}
          />
          {(teamId || categoryId || flag) && (
            <Button onClick={() => setParams(new URLSearchParams(), { replace: true })} data-testid="board-clear">
              {t('serviceBoard.clear')}
            </Button>
          )}
        </Space>
      </Card>
      <Table<BoardItem>
        data-testid="board-table"
        rowKey="id"
        size="middle"
        loading={board.isFetching}
        columns={columns}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('serviceBoard.empty') }}
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
