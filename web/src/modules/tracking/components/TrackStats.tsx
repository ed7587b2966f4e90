import { Descriptions, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Stop, Summary, Trip } from '../api';
import { formatDistance, formatDuration, formatLatLon, formatSpeed, formatTime } from '../format';

/** Distance, moving / stopped time, stops and trips of one track (replay) or one device-day (statistics). */
export function TrackStats({ summary, onStop, onTrip, flagged }: { summary: Summary; onStop?: (s: Stop) => void; onTrip?: (t: Trip) => void; flagged?: number }) {
  const { t } = useTranslation();
  return (
    <div data-testid="tracking-track-stats">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} bordered>
        <Descriptions.Item label={t('tracking.stats.distance')}>
          <span data-testid="tracking-stats-distance" data-m={Math.round(summary.distanceM)}>
            {formatDistance(t, summary.distanceM)}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('tracking.stats.tripDistance')}>{formatDistance(t, summary.tripDistanceM)}</Descriptions.Item>
        <Descriptions.Item label={t('tracking.stats.maxSpeed')}>{formatSpeed(t, summary.maxSpeedKmh)}</Descriptions.Item>
        <Descriptions.Item label={t('tracking.stats.points')}>
          {summary.usablePointCount} / {summary.pointCount}
          {flagged ? <Typography.Text type="secondary">{` (${t('tracking.stats.flagged', { count: flagged })})`}</Typography.Text> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('tracking.stats.moving')}>
          <span data-testid="tracking-stats-moving">{formatDuration(t, summary.movingMs)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('tracking.stats.stopped')}>{formatDuration(t, summary.stoppedMs)}</Descriptions.Item>
        <Descriptions.Item label={t('tracking.stats.noData')}>{formatDuration(t, summary.noDataMs)}</Descriptions.Item>
        <Descriptions.Item label={t('tracking.stats.firstLast')}>
          {formatTime(summary.firstFix, false)} – {formatTime(summary.lastFix, false)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('tracking.stats.stops')} ({summary.stops.length})
      </Typography.Title>
      <Table<Stop>
        data-testid="tracking-stops"
        size="small"
        rowKey={(s) => s.start}
        pagination={summary.stops.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
        dataSource={summary.stops}
        locale={{ emptyText: t('tracking.stats.noStops') }}
        onRow={(s) => ({ onClick: () => onStop?.(s), style: onStop ? { cursor: 'pointer' } : undefined })}
        columns={[
          { title: t('tracking.stats.start'), dataIndex: 'start', key: 'start', width: 100, render: (v: string) => formatTime(v, false) },
          { title: t('tracking.stats.end'), dataIndex: 'end', key: 'end', width: 100, render: (v: string) => formatTime(v, false) },
          { title: t('tracking.stats.duration'), dataIndex: 'durationMs', key: 'd', width: 120, render: (v: number) => formatDuration(t, v) },
          { title: t('tracking.stats.place'), key: 'place', render: (_, s) => s.place ?? formatLatLon(s.lat, s.lon) },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('tracking.stats.trips')} ({summary.trips.length})
      </Typography.Title>
      <Table<Trip>
        data-testid="tracking-trips"
        size="small"
        rowKey={(s) => s.start}
        pagination={summary.trips.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
        dataSource={summary.trips}
        locale={{ emptyText: t('tracking.stats.noTrips') }}
        onRow={(tr) => ({ onClick: () => onTrip?.(tr), style: onTrip ? { cursor: 'pointer' } : undefined })}
        columns={[
          { title: t('tracking.stats.start'), dataIndex: 'start', key: 'start', width: 100, render: (v: string) => formatTime(v, false) },
          { title: t('tracking.stats.end'), dataIndex: 'end', key: 'end', width: 100, render: (v: string) => formatTime(v, false) },
          { title: t('tracking.stats.distance'), dataIndex: 'distanceM', key: 'dist', width: 110, render: (v: number) => formatDistance(t, v) },
          { title: t('tracking.stats.duration'), dataIndex: 'durationMs', key: 'd', width: 120, render: (v: number) => formatDuration(t, v) },
          { title: t('tracking.stats.avgSpeed'), dataIndex: 'avgSpeedKmh', key: 'avg', width: 110, render: (v: number) => formatSpeed(t, v) },
          { title: t('tracking.stats.maxSpeed'), dataIndex: 'maxSpeedKmh', key: 'max', width: 110, render: (v: number) => formatSpeed(t, v) },
        ]}
      />
    </div>
  );
}
