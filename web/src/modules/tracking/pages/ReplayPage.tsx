import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Segmented, Select, Slider, Space, Spin, Tabs, Typography } from 'antd';
import { CaretRightOutlined, PauseOutlined, ReloadOutlined } from '@ant-design/icons';
import L from 'leaflet';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { LazyEChart } from '../../../shared/charts/LazyEChart';
import { useDevices, useReplay, type ReplayParams, type Stop, type Trip } from '../api';
import { formatDistance, formatDuration, formatSpeed, trackColor } from '../format';
import { positionAt, prepareTrack, SPEEDS, speedSeries, timeline, type PreparedTrack, type Speed } from '../replay';
import { TrackStats } from '../components/TrackStats';
import { deviceIcon, escapeHtml, TeamMap, type MapContext } from '../components/TeamMap';
import { TeamSelect, useTeamParam, useTrackingScope } from '../components/TeamSelect';

type Mode = 'device' | 'team';

/** Yesterday 08:00–18:00 local: the usual day shift. */
function defaultRange(): [Dayjs, Dayjs] {
  const y = dayjs().subtract(1, 'day').startOf('day');
  return [y.hour(8), y.hour(18)];
}

const TICK_MS = 100;

export default function ReplayPage() {
  const { t } = useTranslation();
  const scope = useTrackingScope();
  const [params, setParams] = useSearchParams();
  const [team, setTeam] = useTeamParam(true);

  // What is loaded lives in the URL (links from the statistics and alerts pages open a replay directly).
  const urlDevice = params.get('deviceId') ?? undefined;
  const urlTeamMode = params.get('mode') === 'team' || (!!params.get('orgUnitId') && !urlDevice);
  const urlTeam = params.get('orgUnitId') ?? team;
  const urlFrom = params.get('from');
  const urlTo = params.get('to');
  const loaded: ReplayParams | null =
    urlFrom && urlTo && (urlDevice || (urlTeamMode && urlTeam))
      ? urlDevice
        ? { deviceId: urlDevice, from: urlFrom, to: urlTo }
        : { orgUnitId: urlTeam, from: urlFrom, to: urlTo }
      : null;

  // The form (what will be loaded next).
  const [mode, setMode] = useState<Mode>(urlTeamMode ? 'team' : 'device');
  const [deviceId, setDeviceId] = useState<string | undefined>(urlDevice);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => (urlFrom && urlTo ? [dayjs(urlFrom), dayjs(urlTo)] : defaultRange()));
  // Back / forward, or a link followed while on this page: the form follows the URL.
  useEffect(() => {
    if (urlDevice) setDeviceId(urlDevice);
    if (urlDevice || urlTeamMode) setMode(urlTeamMode ? 'team' : 'device');
    if (urlFrom && urlTo) setRange([dayjs(urlFrom), dayjs(urlTo)]);
  }, [urlDevice, urlTeamMode, urlFrom, urlTo]);
  const devices = useDevices({ orgUnitId: team });
  const replay = useReplay(loaded);
  const deviceOptions = useMemo(() => {
    const options = (devices.data?.items ?? [])
      .filter((d) => d.status !== 'unassigned')
      .map((d) => {
        const who = d.binding?.personName ?? d.binding?.assetLabel;
        return { value: d.id, label: `${d.name}${who ? ` · ${who}` : ''} (${d.identifier})` };
      });
    // A device linked from elsewhere that is not in the chosen team's list still shows by name.
    for (const tr of replay.data?.tracks ?? []) {
      if (!options.some((o) => o.value === tr.device.id)) options.push({ value: tr.device.id, label: `${tr.device.name} (${tr.device.identifier})` });
    }
    return options;
  }, [devices.data, replay.data]);

  const load = () => {
    const next = new URLSearchParams();
    if (team) next.set('team', team);
    if (mode === 'device' && deviceId) next.set('deviceId', deviceId);
    else next.set('mode', 'team');
    next.set('from', range[0].toISOString());
    next.set('to', range[1].toISOString());
    setParams(next);
  };
  const canLoad = mode === 'team' ? !!team : !!deviceId;

  const tracks = useMemo(() => (replay.data?.tracks ?? []).map(prepareTrack), [replay.data]);
  const [t0, t1] = useMemo(() => (replay.data ? timeline(tracks, replay.data.from, replay.data.to) : [0, 0]), [tracks, replay.data]);

  // ---- the clock ----
  const [cursor, setCursor] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(16);
  useEffect(() => {
    setCursor(t0);
    setPlaying(false);
  }, [t0, t1]);
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    const id = window.setInterval(() => {
      const now = performance.now();
      const dt = now - last;
      last = now;
      setCursor((c) => {
        const n = c + dt * speed;
        if (n >= t1) {
          setPlaying(false);
          return t1;
        }
        return n;
      });
    }, TICK_MS);
    return () => window.clearInterval(id);
  }, [playing, speed, t1]);
  const play = () => {
    if (cursor >= t1) setCursor(t0);
    setPlaying((p) => !p);
  };

  // ---- map ----
  const [ctx, setCtx] = useState<MapContext | null>(null);
  const movers = useRef<L.Marker[]>([]);
  useEffect(() => {
    if (!ctx || !tracks.length) return;
    const group = L.layerGroup().addTo(ctx.map);
    const bounds = L.latLngBounds([]);
    tracks.forEach((tr, i) => {
      const color = trackColor(i);
      let prevEnd: L.LatLngTuple | null = null;
      for (const seg of tr.segments) {
        const lls = seg.map((p) => ctx.ll(p.lat, p.lon));
        if (prevEnd && lls[0]) L.polyline([prevEnd, lls[0]], { color, weight: 2, opacity: 0.6, dashArray: '4 6', pane: 'tracks' }).addTo(group);
        const line = L.polyline(lls, { color, weight: 4, opacity: 0.85, pane: 'tracks' }).addTo(group);
        line.bindTooltip(escapeHtml(tr.track.person?.name ?? tr.track.device.name), { sticky: true });
        if (lls.length) bounds.extend(line.getBounds());
        prevEnd = lls[lls.length - 1] ?? prevEnd;
      }
      for (const s of tr.track.summary.stops) {
        const m = L.marker(ctx.ll(s.lat, s.lon), {
          icon: L.divIcon({ className: 'trk-marker-wrap', html: `<div class="trk-stop" data-testid="tracking-replay-stop" style="border-color:${color};color:${color}">P</div>`, iconSize: [16, 16], iconAnchor: [8, 8] }),
          pane: 'tracks',
        });
        m.bindTooltip(
          `${escapeHtml(s.place ?? t('tracking.replay.stop'))}<br/>${dayjs(s.start).format('HH:mm')}–${dayjs(s.end).format('HH:mm')} · ${escapeHtml(formatDuration(t, s.durationMs))}`,
          { direction: 'top' },
        );
        m.addTo(group);
      }
    });
    movers.current = tracks.map((tr, i) => {
      const p = tr.points[0];
      const m = L.marker(p ? ctx.ll(p.lat, p.lon) : [0, 0], {
        icon: deviceIcon({ id: tr.track.device.id, kind: tr.track.device.kind, online: true, color: trackColor(i), testId: 'tracking-replay-marker' }),
        zIndexOffset: 1000,
      });
      m.bindTooltip(escapeHtml(`${tr.track.device.name}${tr.track.person ? ` · ${tr.track.person.name}` : ''}`), { direction: 'top', offset: [0, -10] });
      if (p) m.addTo(group);
      return m;
    });
    if (bounds.isValid()) ctx.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
    return () => {
      group.remove();
      movers.current = [];
    };
  }, [ctx, tracks, t]);
  // Move every track's marker to the clock.
  useEffect(() => {
    if (!ctx) return;
    tracks.forEach((tr, i) => {
      const m = movers.current[i];
      const at = positionAt(tr.points, cursor);
      if (!m || !at) return;
      m.setLatLng(ctx.ll(at.lat, at.lon));
      const el = m.getElement()?.querySelector('.trk-marker');
      if (el) {
        el.classList.toggle('trk-ghost', at.stale);
        el.setAttribute('data-lat', at.lat.toFixed(6));
        el.setAttribute('data-lon', at.lon.toFixed(6));
      }
    });
  }, [ctx, tracks, cursor]);

  const seek = useCallback(
    (ms: number, lat?: number, lon?: number) => {
      setCursor(Math.min(t1, Math.max(t0, ms)));
      if (ctx && lat !== undefined && lon !== undefined) ctx.map.panTo(ctx.ll(lat, lon));
    },
    [ctx, t0, t1],
  );

  // ---- speed chart: the cursor line moves in ~300 steps over the timeline (redrawing on every tick is wasteful) ----
  const step = Math.max(1000, Math.round((t1 - t0) / 300));
  const chartCursor = t0 + Math.round((cursor - t0) / step) * step;
  const chartOption = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(1)} km/h`) },
      // The legend goes under the chart: at the top it covered the axis name (km/h) as soon as two people were shown.
      legend: tracks.length > 1 ? { bottom: 0, type: 'scroll' } : undefined,
      grid: { left: 48, right: 16, top: 28, bottom: tracks.length > 1 ? 52 : 28 },
      xAxis: { type: 'time', min: t0, max: t1 },
      yAxis: { type: 'value', name: 'km/h', nameGap: 8, min: 0 },
      series: tracks.map((tr, i) => ({
        type: 'line',
        name: tr.track.person?.name ?? tr.track.device.name,
        showSymbol: false,
        sampling: 'lttb',
        connectNulls: false,
        lineStyle: { width: 1.5, color: trackColor(i) },
        itemStyle: { color: trackColor(i) },
        data: speedSeries(tr.points),
        ...(i === 0
          ? { markLine: { symbol: 'none', silent: true, animation: false, label: { show: false }, lineStyle: { color: '#cf1322', width: 1.5, type: 'solid' }, data: [{ xAxis: chartCursor }] } }
          : {}),
      })),
    }),
    [tracks, t0, t1, chartCursor],
  );

  const [activeTab, setActiveTab] = useState<string | undefined>(undefined);
  const total = tracks.reduce((s, tr) => s + tr.track.summary.distanceM, 0);
  const hasPoints = tracks.some((tr) => tr.points.length > 0);

  return (
    <div data-testid="tracking-replay-page">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Segmented<Mode>
            data-testid="tracking-replay-mode"
            value={mode}
            onChange={setMode}
            options={[
              { value: 'device', label: t('tracking.replay.oneDevice') },
              { value: 'team', label: t('tracking.replay.wholeTeam') },
            ]}
          />
          {!scope.single && <TeamSelect id="tracking-replay-team" value={team} onChange={(v) => {
            setTeam(v);
            setDeviceId(undefined);
          }} />}
          {mode === 'device' && (
            <Select
              id="tracking-replay-device"
              data-testid="tracking-replay-device"
              style={{ width: 320 }}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('tracking.replay.pickDevice')}
              loading={devices.isFetching}
              value={deviceId}
              onChange={setDeviceId}
              options={deviceOptions}
            />
          )}
          <DatePicker.RangePicker
            data-testid="tracking-replay-range"
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowClear={false}
            value={range}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
            presets={[
              { label: t('tracking.replay.presets.yesterdayShift'), value: defaultRange() },
              { label: t('tracking.replay.presets.yesterday'), value: [dayjs().subtract(1, 'day').startOf('day'), dayjs().startOf('day')] },
              { label: t('tracking.replay.presets.today'), value: [dayjs().startOf('day'), dayjs()] },
              { label: t('tracking.replay.presets.lastHour'), value: [dayjs().subtract(1, 'hour'), dayjs()] },
            ]}
          />
          <Button type="primary" icon={<ReloadOutlined />} disabled={!canLoad} onClick={load} data-testid="tracking-replay-load">
            {t('tracking.replay.load')}
          </Button>
        </Space>
      </Card>

      {replay.isError && <Alert type="error" showIcon title={errorText(t, replay.error)} style={{ marginBottom: 12 }} />}
      {!loaded && <Alert type="info" showIcon title={t('tracking.replay.hint')} style={{ marginBottom: 12 }} />}

      <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: 8 } }}>
        <Spin spinning={replay.isFetching}>
          <TeamMap teamId={team} height={480} fitToData={!hasPoints} onMap={setCtx} testId="tracking-replay-map" />
        </Spin>
        {replay.data && (
          <div data-testid="tracking-replay-player" style={{ marginTop: 8 }}>
            <Row gutter={12} align="middle" wrap={false}>
              <Col flex="none">
                <Space>
                  <Button
                    type="primary"
                    shape="circle"
                    icon={playing ? <PauseOutlined /> : <CaretRightOutlined />}
                    onClick={play}
                    disabled={!hasPoints}
                    data-testid="tracking-replay-play"
                    data-playing={playing ? 'true' : 'false'}
                    aria-label={playing ? t('tracking.replay.pause') : t('tracking.replay.play')}
                  />
                  <Segmented<Speed>
                    size="small"
                    data-testid="tracking-replay-speed"
                    value={speed}
                    onChange={setSpeed}
                    options={SPEEDS.map((s) => ({ value: s, label: `${s}×` }))}
                  />
                  <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="tracking-replay-clock" data-time={new Date(cursor).toISOString()}>
                    {dayjs(cursor).format('YYYY-MM-DD HH:mm:ss')}
                  </Typography.Text>
                </Space>
              </Col>
              <Col flex="auto" data-testid="tracking-replay-slider">
                <Slider
                  min={t0}
                  max={Math.max(t1, t0 + 1000)}
                  step={1000}
                  value={cursor}
                  disabled={!hasPoints}
                  onChange={(v: number) => setCursor(v)}
                  tooltip={{ formatter: (v) => (v === undefined ? '' : dayjs(v).format('HH:mm:ss')) }}
                />
              </Col>
            </Row>
            <Space size="large" wrap style={{ marginTop: 4 }}>
              {tracks.map((tr, i) => {
                const at = positionAt(tr.points, cursor);
                return (
                  <span key={tr.track.device.id} data-testid="tracking-replay-legend">
                    <span style={{ display: 'inline-block', width: 14, height: 4, background: trackColor(i), verticalAlign: 'middle', marginInlineEnd: 6 }} />
                    {tr.track.person?.name ?? tr.track.device.name} · {formatDistance(t, tr.track.summary.distanceM)}
                    {at && !at.stale ? ` · ${formatSpeed(t, at.speedKmh)}` : ''}
                  </span>
                );
              })}
              {tracks.length > 1 && <Typography.Text type="secondary">{t('tracking.replay.total', { distance: formatDistance(t, total), count: tracks.length })}</Typography.Text>}
            </Space>
          </div>
        )}
      </Card>

      {replay.data && !hasPoints && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Empty description={t('tracking.replay.noData')} data-testid="tracking-replay-empty" />
        </Card>
      )}

      {hasPoints && (
        <Card size="small" title={t('tracking.replay.speedChart')} style={{ marginBottom: 12 }}>
          <LazyEChart option={chartOption} height={200} testId="tracking-replay-chart" onGridClick={([x]) => seek(x)} />
        </Card>
      )}

      {tracks.length > 0 && (
        <Card size="small" title={t('tracking.replay.statistics')}>
          <Tabs
            activeKey={activeTab ?? tracks[0]?.track.device.id}
            onChange={setActiveTab}
            items={tracks.map((tr: PreparedTrack, i) => ({
              key: tr.track.device.id,
              label: (
                <span data-testid="tracking-replay-tab">
                  <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: trackColor(i), marginInlineEnd: 6 }} />
                  {tr.track.person?.name ?? tr.track.device.name}
                </span>
              ),
              children: (
                <div data-testid="tracking-replay-stats">
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                    {tr.track.device.name} · {tr.track.device.identifier}
                  </Typography.Paragraph>
                  <TrackStats
                    summary={tr.track.summary}
                    flagged={tr.flagged}
                    onStop={(s: Stop) => seek(Date.parse(s.start), s.lat, s.lon)}
                    onTrip={(trip: Trip) => seek(Date.parse(trip.start), trip.startLat, trip.startLon)}
                  />
                </div>
              ),
            }))}
          />
        </Card>
      )}
    </div>
  );
}
