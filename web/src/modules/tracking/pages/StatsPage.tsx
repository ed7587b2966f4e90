import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Card, Col, DatePicker, Empty, Progress, Row, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { LazyEChart } from '../../../shared/charts/LazyEChart';
import { useTeamStats, type StatsRow } from '../api';
import { dayString, formatDistance, formatDuration, formatPct, formatTime } from '../format';
import { ComplianceBar, DeviceDayDrawer } from '../components/DeviceDayDrawer';
import { TeamSelect, useTeamParam, useTrackingScope } from '../components/TeamSelect';

export default function StatsPage() {
  const { t } = useTranslation();
  const scope = useTrackingScope();
  const [team, setTeam] = useTeamParam(true);
  const [params, setParams] = useSearchParams();
  const yesterday = dayString(dayjs().subtract(1, 'day'));
  const rawDate = params.get('date');
  const date = rawDate && /^\d{4}-\d{2}-\d{2}$/.test(rawDate) ? rawDate : yesterday;
  const detail = params.get('device');
  const stats = useTeamStats(team, date);
  const s = stats.data;

  const setParam = (k: string, v: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );

  const columns: ColumnsType<StatsRow> = [
    {
      title: t('tracking.stats.officer'),
      key: 'who',
      width: 160,
      fixed: 'left',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link data-testid="tracking-stats-who">{r.personName ?? r.deviceName}</Typography.Link>
          {r.personName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.deviceName}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('tracking.stats.distance'),
      dataIndex: 'distanceM',
      key: 'distance',
      width: 110,
      sorter: (a, b) => a.distanceM - b.distanceM,
      render: (v: number) => <span data-testid="tracking-stats-row-distance" data-m={Math.round(v)}>{formatDistance(t, v)}</span>,
    },
    { title: t('tracking.stats.moving'), dataIndex: 'movingMs', key: 'moving', width: 120, render: (v: number) => formatDuration(t, v) },
    { title: t('tracking.stats.stopped'), dataIndex: 'stoppedMs', key: 'stopped', width: 120, render: (v: number) => formatDuration(t, v) },
    { title: t('tracking.stats.stops'), dataIndex: 'stops', key: 'stops', width: 70 },
    { title: t('tracking.stats.trips'), dataIndex: 'trips', key: 'trips', width: 70 },
    {
      title: t('tracking.stats.gridCoverage'),
      key: 'coverage',
      width: 170,
      sorter: (a, b) => a.coverageRatio - b.coverageRatio,
      render: (_, r) => (
        <Space size={4}>
          <Progress type="circle" size={28} percent={Math.round(r.coverageRatio * 100)} showInfo={false} />
          {r.gridsCovered} / {r.gridsTotal} ({formatPct(r.coverageRatio)})
        </Space>
      ),
    },
    {
      title: t('tracking.shifts.compliance'),
      key: 'compliance',
      width: 240,
      render: (_, r) =>
        r.shiftMs ? (
          <ComplianceBar c={{ shiftMs: r.shiftMs, inAreaMs: r.inAreaMs ?? 0, outOfAreaMs: r.outOfAreaMs ?? 0, offlineMs: r.offlineMs ?? 0 }} />
        ) : (
          <Typography.Text type="secondary">{t('tracking.stats.noShift')}</Typography.Text>
        ),
    },
    {
      title: t('tracking.stats.firstLast'),
      key: 'fix',
      width: 150,
      render: (_, r) => (r.firstFix ? `${formatTime(r.firstFix, false).slice(0, 5)} – ${formatTime(r.lastFix, false).slice(0, 5)}` : '—'),
    },
  ];

  const chart = useMemo(
    () =>
      s && {
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: s.rows.map((r) => r.personName ?? r.deviceName), axisLabel: { interval: 0, rotate: s.rows.length > 8 ? 30 : 0 } },
        yAxis: { type: 'value', name: 'km' },
        series: [{ type: 'bar', name: t('tracking.stats.distance'), data: s.rows.map((r) => Math.round(r.distanceM / 10) / 100), itemStyle: { color: '#1f5fbf' } }],
      },
    [s, t],
  );

  return (
    <div data-testid="tracking-stats-page">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          {!scope.single && <TeamSelect id="tracking-stats-team" value={team} onChange={setTeam} />}
          <DatePicker
            data-testid="tracking-stats-date"
            allowClear={false}
            value={dayjs(date)}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(d) => setParam('date', d ? dayString(d) : null)}
          />
          {s && <Typography.Text type="secondary">{s.orgUnitName}</Typography.Text>}
        </Space>
      </Card>
      {stats.isError && <Alert type="error" showIcon title={errorText(t, stats.error)} style={{ marginBottom: 12 }} />}
      {s && (
        <Row gutter={12} style={{ marginBottom: 12 }} data-testid="tracking-stats-team-totals">
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('tracking.stats.teamDistance')} value={Math.round(s.team.distanceM / 10) / 100} precision={2} suffix="km" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('tracking.stats.teamCoverage')}
                value={Math.round(s.team.coverageRatio * 1000) / 10}
                precision={1}
                suffix={`% (${s.team.gridsCovered}/${s.team.gridsTotal})`}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('tracking.stats.devices')} value={s.team.devices} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('tracking.stats.onDuty')} value={s.team.onDuty} />
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small" title={t('tracking.stats.perOfficer')}>
        <Table<StatsRow>
          data-testid="tracking-stats-table"
          size="small"
          rowKey="deviceId"
          loading={stats.isFetching}
          dataSource={s?.rows ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          pagination={false}
          locale={{ emptyText: stats.isFetching ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tracking.stats.empty')} /> }}
          onRow={(r) => ({ onClick: () => setParam('device', r.deviceId), style: { cursor: 'pointer' } })}
        />
        {chart && s && s.rows.length > 1 && (
          <div style={{ marginTop: 12 }}>
            <LazyEChart option={chart} height={220} testId="tracking-stats-chart" />
          </div>
        )}
      </Card>
      <DeviceDayDrawer deviceId={detail} date={date} teamId={team} onClose={() => setParam('device', null)} />
    </div>
  );
}
