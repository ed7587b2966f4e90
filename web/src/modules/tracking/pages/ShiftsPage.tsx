import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Empty, Segmented, Space, Table, Tag, Tooltip, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { hasPermission, useMe } from '../../../shared/session';
import { useShifts, type Shift } from '../api';
import { dayString } from '../format';
import { CheckpointsCard } from '../components/CheckpointsCard';
import { ComplianceBar } from '../components/DeviceDayDrawer';
import { ShiftModal, type ShiftEdit } from '../components/ShiftModal';
import { DemoTag } from '../components/Tags';
import { TeamSelect, useTeamParam, useTrackingScope } from '../components/TeamSelect';

type View = 'week' | 'list';

const mondayOf = (d: Dayjs) => d.subtract((d.day() + 6) % 7, 'day').startOf('day');

export default function ShiftsPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const me = useMe().data;
  const scope = useTrackingScope();
  const [team, setTeam] = useTeamParam(true);
  const [params, setParams] = useSearchParams();
  const rawWeek = params.get('week');
  const monday = mondayOf(rawWeek && dayjs(rawWeek).isValid() ? dayjs(rawWeek) : dayjs());
  const days = Array.from({ length: 7 }, (_, i) => monday.add(i, 'day'));
  const [view, setView] = useState<View>('week');
  const [edit, setEdit] = useState<ShiftEdit | null>(null);
  // Exactly 7 × 24 h (the API's longest window), also across a daylight-saving change in the browser's zone.
  const shifts = useShifts(team, monday.toISOString(), new Date(monday.valueOf() + 7 * 86_400_000).toISOString());
  const items = useMemo(() => [...(shifts.data?.items ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt)), [shifts.data]);
  const listActions = shifts.data?.actions ?? [];
  const canDuty = hasPermission(me, 'tracking.duty');
  const canCreate = listActions.includes('create');
  // Shifts carry no per-item actions: duty planners may change every shift the (scoped) list shows.
  const canEdit = (_s: Shift) => canCreate || canDuty;
  const canDelete = (_s: Shift) => canCreate || canDuty;
  const now = dayjs();

  const setWeek = (d: Dayjs) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('week', dayString(mondayOf(d)));
        return next;
      },
      { replace: true },
    );

  // The server adds the officer's compliance to every shift that has started (in area / out of area / offline).
  const complianceOf = (s: Shift) => (s.compliance && s.compliance.shiftMs > 0 ? s.compliance : null);

  const open = (s: Shift) => {
    if (canEdit(s)) setEdit({ kind: 'edit', shift: s });
  };
  const timeOf = (s: Shift) => `${dayjs(s.startsAt).format('HH:mm')}–${dayjs(s.endsAt).format(dayjs(s.endsAt).isSame(dayjs(s.startsAt), 'day') ? 'HH:mm' : 'MM-DD HH:mm')}`;
  const stateTag = (s: Shift) => {
    const st = dayjs(s.startsAt);
    const en = dayjs(s.endsAt);
    if (en.isBefore(now)) return <Tag>{t('tracking.shifts.past')}</Tag>;
    if (st.isBefore(now)) return <Tag color="green">{t('tracking.shifts.onDuty')}</Tag>;
    return <Tag color="blue">{t('tracking.shifts.planned')}</Tag>;
  };

  const columns: ColumnsType<Shift> = [
    { title: t('tracking.shifts.date'), key: 'date', width: 120, render: (_, s) => dayjs(s.startsAt).format('YYYY-MM-DD ddd') },
    { title: t('tracking.shifts.time'), key: 'time', width: 140, render: (_, s) => timeOf(s) },
    { title: t('tracking.shifts.person'), dataIndex: 'personName', key: 'person', width: 120 },
    { title: t('tracking.shifts.area'), dataIndex: 'areaUnitName', key: 'area', width: 180 },
    { title: t('tracking.shifts.state'), key: 'state', width: 90, render: (_, s) => stateTag(s) },
    {
      title: t('tracking.shifts.compliance'),
      key: 'compliance',
      width: 260,
      render: (_, s) => {
        const c = complianceOf(s);
        return c ? <ComplianceBar c={c} /> : '—';
      },
    },
    {
      title: t('tracking.shifts.note'),
      dataIndex: 'note',
      key: 'note',
      ellipsis: true,
      render: (v: string | null, s) => (
        <>
          <DemoTag isDemo={s.isDemo} />
          {v}
        </>
      ),
    },
    // Only when some row can be edited: a read-only list has no empty 操作 column.
    ...(items.some(canEdit)
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, s: Shift) =>
              canEdit(s) && (
                <Button type="link" size="small" onClick={() => open(s)} data-testid="tracking-shift-edit">
                  {t('common.edit')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="tracking-shifts-page">
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={t('tracking.shifts.title')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEdit({ kind: 'new', date: dayjs().isBefore(monday) ? monday : dayjs().startOf('day') })} data-testid="tracking-shift-create">
              {t('tracking.shifts.create')}
            </Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          {!scope.single && <TeamSelect id="tracking-shifts-team" value={team} onChange={setTeam} />}
          <Button icon={<LeftOutlined />} onClick={() => setWeek(monday.subtract(7, 'day'))} aria-label={t('tracking.shifts.prevWeek')} />
          <DatePicker picker="week" allowClear={false} value={monday} onChange={(d) => d && setWeek(d)} data-testid="tracking-shifts-week" />
          <Button icon={<RightOutlined />} onClick={() => setWeek(monday.add(7, 'day'))} aria-label={t('tracking.shifts.nextWeek')} />
          <Button onClick={() => setWeek(dayjs())}>{t('tracking.shifts.thisWeek')}</Button>
          <Segmented<View>
            value={view}
            onChange={setView}
            data-testid="tracking-shifts-view"
            options={[
              { value: 'week', label: t('tracking.shifts.weekView') },
              { value: 'list', label: t('tracking.shifts.listView') },
            ]}
          />
          <Typography.Text type="secondary" data-testid="tracking-shifts-total" data-total={shifts.data ? items.length : ''}>
            {shifts.data ? t('tracking.shifts.total', { count: items.length }) : ''}
          </Typography.Text>
        </Space>
        {shifts.isError && <Alert type="error" showIcon title={errorText(t, shifts.error)} />}
        {view === 'week' ? (
          <div data-testid="tracking-shifts-week-grid" style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 8 }}>
            {days.map((d) => {
              const ofDay = items.filter((s) => dayjs(s.startsAt).isSame(d, 'day'));
              const isToday = d.isSame(now, 'day');
              return (
                <div
                  key={d.valueOf()}
                  data-testid="tracking-shifts-day"
                  data-date={dayString(d)}
                  style={{
                    border: `1px solid ${isToday ? token.colorPrimary : token.colorBorderSecondary}`,
                    borderRadius: 6,
                    minHeight: 180,
                    background: isToday ? token.colorPrimaryBg : token.colorBgContainer,
                  }}
                >
                  <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '4px 8px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
                    <Typography.Text strong>{d.format('ddd MM-DD')}</Typography.Text>
                    {canCreate && (
                      <Tooltip title={t('tracking.shifts.create')}>
                        <Button size="small" type="text" icon={<PlusOutlined />} onClick={() => setEdit({ kind: 'new', date: d })} data-testid="tracking-shifts-day-add" />
                      </Tooltip>
                    )}
                  </div>
                  <div style={{ padding: 6, display: 'flex', flexDirection: 'column', gap: 6 }}>
                    {ofDay.map((s) => {
                      const c = complianceOf(s);
                      const ratio = c ? c.inAreaMs / c.shiftMs : 0;
                      return (
                        <div
                          key={s.id}
                          data-testid="tracking-shift-card"
                          data-shift-id={s.id}
                          onClick={() => open(s)}
                          style={{
                            cursor: canEdit(s) ? 'pointer' : 'default',
                            borderLeft: `3px solid ${dayjs(s.endsAt).isBefore(now) ? token.colorTextQuaternary : token.colorPrimary}`,
                            background: token.colorFillQuaternary,
                            borderRadius: 4,
                            padding: '4px 6px',
                            fontSize: 12,
                          }}
                        >
                          <div style={{ fontWeight: 600 }}>{timeOf(s)}</div>
                          <div>{s.personName}</div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                            {s.areaUnitName}
                          </Typography.Text>
                          {c ? (
                            <div>
                              <Tag color={ratio >= 0.8 ? 'green' : ratio >= 0.5 ? 'orange' : 'red'} style={{ marginTop: 2 }} data-testid="tracking-shift-inarea">
                                {t('tracking.shifts.inAreaPct', { pct: Math.round(ratio * 100) })}
                              </Tag>
                            </div>
                          ) : null}
                        </div>
                      );
                    })}
                    {ofDay.length === 0 && <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>—</Typography.Text>}
                  </div>
                </div>
              );
            })}
          </div>
        ) : (
          <Table<Shift>
            data-testid="tracking-shifts-table"
            size="small"
            rowKey="id"
            loading={shifts.isFetching}
            dataSource={items}
            columns={columns}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tracking.shifts.empty')} /> }}
          />
        )}
      </Card>
      <CheckpointsCard teamId={team} />
      <ShiftModal edit={edit} teamId={team} canDelete={edit?.kind === 'edit' ? canDelete(edit.shift) : false} onClose={() => setEdit(null)} />
    </div>
  );
}
