import { Link } from 'react-router-dom';
import { Alert, Button, Drawer, Progress, Space, Spin, Table, Tag, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import type { ItemOf } from '../../../shared/api/contract';
import { useDeviceStats, type Compliance, type DeviceStats } from '../api';
import { formatDuration, formatPct, formatTime } from '../format';
import { TrackStats } from './TrackStats';

type Cell = DeviceStats['coverage']['cells'][number];
type CheckpointRow = DeviceStats['checkpoints'][number];

/** The replay URL of one device over one local day (or a shift). */
export function replayLink(deviceId: string, from: dayjs.Dayjs, to: dayjs.Dayjs, teamId?: string): string {
  const q = new URLSearchParams({ deviceId, from: from.toISOString(), to: to.toISOString() });
  if (teamId) q.set('team', teamId);
  return `/tracking/replay?${q.toString()}`;
}

export function ComplianceBar({ c }: { c: Pick<Compliance, 'shiftMs' | 'inAreaMs' | 'outOfAreaMs' | 'offlineMs'> }) {
  const { t } = useTranslation();
  if (!c.shiftMs) return <Typography.Text type="secondary">—</Typography.Text>;
  const pct = (ms: number) => Math.round((ms / c.shiftMs) * 1000) / 10;
  return (
    <Space orientation="vertical" size={0} style={{ width: '100%' }} data-testid="tracking-compliance" data-in-area={pct(c.inAreaMs)}>
      <Progress
        size="small"
        percent={pct(c.inAreaMs + c.outOfAreaMs)}
        success={{ percent: pct(c.inAreaMs) }}
        strokeColor="#faad14"
        format={() => `${pct(c.inAreaMs)}%`}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('tracking.shifts.complianceLine', {
          inArea: formatDuration(t, c.inAreaMs),
          out: formatDuration(t, c.outOfAreaMs),
          offline: formatDuration(t, c.offlineMs),
        })}
      </Typography.Text>
    </Space>
  );
}

/** One device over one day: distance, stops and trips, grid coverage, checkpoint visits, shift compliance. */
export function DeviceDayDrawer({ deviceId, date, teamId, onClose }: { deviceId: string | null; date: string; teamId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const stats = useDeviceStats(deviceId, date);
  const d = stats.data;
  const day = dayjs(date);
  return (
    <Drawer
      open={!!deviceId}
      onClose={onClose}
      size={860}
      destroyOnHidden
      title={d ? `${d.person?.name ?? d.device.name} · ${date}` : date}
      extra={
        deviceId && (
          <Link to={replayLink(deviceId, day.startOf('day'), day.add(1, 'day').startOf('day'), teamId)}>
            <Button type="primary" icon={<HistoryOutlined />} data-testid="tracking-stats-replay">
              {t('tracking.stats.replayDay')}
            </Button>
          </Link>
        )
      }
    >
      <div data-testid="tracking-stats-detail">
        {stats.isError && <Alert type="error" showIcon title={errorText(t, stats.error)} />}
        <Spin spinning={stats.isFetching}>
          {d && (
            <>
              <Typography.Paragraph type="secondary">
                {d.device.name}
                {d.device.identifier ? ` · ${d.device.identifier}` : ''}
              </Typography.Paragraph>
              <TrackStats summary={d.summary} />

              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('tracking.stats.coverage')} · {d.coverage.covered} / {d.coverage.total} ({formatPct(d.coverage.ratio)})
              </Typography.Title>
              <Table<Cell>
                data-testid="tracking-coverage"
                size="small"
                rowKey="gridId"
                pagination={false}
                dataSource={d.coverage.cells}
                locale={{ emptyText: t('tracking.stats.noGrids') }}
                columns={[
                  { title: t('tracking.stats.grid'), dataIndex: 'gridName', key: 'name' },
                  { title: t('tracking.stats.dwell'), dataIndex: 'dwellMs', key: 'dwell', width: 140, render: (v: number) => formatDuration(t, v) },
                  {
                    title: t('tracking.stats.covered'),
                    dataIndex: 'covered',
                    key: 'covered',
                    width: 100,
                    render: (v: boolean) => (v ? <Tag color="green">{t('tracking.stats.yes')}</Tag> : <Tag color="red">{t('tracking.stats.no')}</Tag>),
                  },
                ]}
              />

              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('tracking.stats.checkpoints')}
              </Typography.Title>
              <Table<CheckpointRow>
                data-testid="tracking-checkpoint-visits"
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.checkpoints}
                locale={{ emptyText: t('tracking.stats.noCheckpoints') }}
                columns={[
                  { title: t('tracking.checkpoints.name'), dataIndex: 'name', key: 'name', width: 200 },
                  {
                    title: t('tracking.stats.visits'),
                    key: 'visits',
                    render: (_, c) =>
                      c.visits.length ? (
                        <Space wrap size={4}>
                          {c.visits.map((v) => (
                            <Tag key={v.start} color="blue">
                              {formatTime(v.start, false).slice(0, 5)}–{formatTime(v.end, false).slice(0, 5)} · {formatDuration(t, v.durationMs)}
                            </Tag>
                          ))}
                        </Space>
                      ) : (
                        <Tag color="red">{t('tracking.stats.notVisited')}</Tag>
                      ),
                  },
                ]}
              />

              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('tracking.stats.shiftCompliance')}
              </Typography.Title>
              <Table<ItemOf<DeviceStats['shifts']>>
                data-testid="tracking-shift-compliance"
                size="small"
                rowKey={(r) => r.shift.id}
                pagination={false}
                dataSource={d.shifts}
                locale={{ emptyText: t('tracking.stats.noShifts') }}
                columns={[
                  {
                    title: t('tracking.shifts.time'),
                    key: 'time',
                    width: 130,
                    render: (_, r) => `${dayjs(r.shift.startsAt).format('HH:mm')}–${dayjs(r.shift.endsAt).format('HH:mm')}`,
                  },
                  { title: t('tracking.shifts.area'), key: 'area', width: 160, render: (_, r) => r.shift.areaUnitName },
                  { title: t('tracking.shifts.compliance'), key: 'c', render: (_, r) => (r.compliance ? <ComplianceBar c={r.compliance} /> : t('tracking.shifts.notStarted')) },
                  { title: t('tracking.stats.gridCoverage'), key: 'cov', width: 100, render: (_, r) => formatPct(r.compliance?.coverageRatio) },
                ]}
              />
            </>
          )}
        </Spin>
      </div>
    </Drawer>
  );
}
