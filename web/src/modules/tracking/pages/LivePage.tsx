import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Badge, Button, Card, Col, Descriptions, Empty, Input, List, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { AimOutlined, HistoryOutlined } from '@ant-design/icons';
import L from 'leaflet';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { TRACKING_KEY, useAlerts, useDevices, useLiveStream, type Alert, type Device, type Listed, type LivePosition } from '../api';
import { formatDuration, formatLatLon, formatSpeed, formatTime } from '../format';
import { AlertKindTag, KindIcon, OnlineBadge } from '../components/Tags';
import { deviceIcon, escapeHtml, TeamMap, type MapContext } from '../components/TeamMap';
import { TeamSelect, useTeamParam, useTrackingScope } from '../components/TeamSelect';

const who = (d: Device) => d.binding?.personName ?? d.binding?.assetLabel ?? null;

export default function LivePage() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const qc = useQueryClient();
  const scope = useTrackingScope();
  const [team, setTeam] = useTeamParam(false);
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('device');
  const [search, setSearch] = useState('');
  const filter = useMemo(() => ({ orgUnitId: team, status: 'active' as const }), [team]);
  const devices = useDevices(filter, { refetchInterval: 60_000 });
  const openAlerts = useAlerts({ orgUnitId: team, status: 'open' }, { refetchInterval: 60_000 });
  const [liveAlerts, setLiveAlerts] = useState<Alert[]>([]);
  const items = useMemo(() => devices.data?.items ?? [], [devices.data]);

  const select = useCallback(
    (id: string | null) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (id) next.set('device', id);
          else next.delete('device');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  // ---- live updates go straight into the cached device list ----
  const key = useMemo(() => [...TRACKING_KEY, 'devices', filter], [filter]);
  const refetchSoon = useRef<number | undefined>(undefined);
  const patch = useCallback(
    (deviceId: string, fn: (d: Device) => Device) => {
      let known = false;
      qc.setQueryData<Listed<Device>>(key, (old) => {
        if (!old) return old;
        return {
          ...old,
          items: old.items.map((d) => {
            if (d.id !== deviceId) return d;
            known = true;
            return fn(d);
          }),
        };
      });
      if (!known && refetchSoon.current === undefined) {
        // A device we do not list yet (just assigned to the team): reload the list once.
        refetchSoon.current = window.setTimeout(() => {
          refetchSoon.current = undefined;
          void qc.invalidateQueries({ queryKey: key });
        }, 1_000);
      }
    },
    [qc, key],
  );
  useEffect(() => () => window.clearTimeout(refetchSoon.current), []);

  const onPosition = useCallback(
    // `isLast`: the server decided whether this fix is the device's new last position (the one the device list
    // shows); a flagged or late fix is not. The page does not decide it again.
    (p: LivePosition) =>
      patch(p.deviceId, (d) => {
        const lastSeenAt = !d.lastSeenAt || d.lastSeenAt < p.time ? p.time : d.lastSeenAt;
        const lastPosition = p.isLast ? { time: p.time, lat: p.lat, lon: p.lon, speedKmh: p.speedKmh, course: p.course, flags: p.flags } : d.lastPosition;
        return { ...d, online: true, lastSeenAt, lastPosition };
      }),
    [patch],
  );
  const conn = useLiveStream(team, {
    position: onPosition,
    status: (s) => patch(s.deviceId, (d) => ({ ...d, online: s.online, lastSeenAt: s.lastSeenAt ?? d.lastSeenAt })),
    alert: (a) => {
      setLiveAlerts((prev) => [a, ...prev.filter((x) => x.id !== a.id)].slice(0, 50));
      if (!a.until && !a.acknowledgedAt) {
        notification.warning({
          key: a.id,
          title: `${t(`tracking.alertKinds.${a.kind}`)} · ${a.personName}`,
          description: t('tracking.live.alertSince', { time: formatTime(a.since, false), team: a.orgUnitName }),
          placement: 'bottomRight',
          duration: 8,
        });
      }
      void qc.invalidateQueries({ queryKey: [...TRACKING_KEY, 'alerts'] });
    },
    open: () => void qc.invalidateQueries({ queryKey: key }),
  });

  // ---- map ----
  const [ctx, setCtx] = useState<MapContext | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const markers = useRef(new Map<string, L.Marker>());
  const flownTo = useRef<string | null>(null);
  useEffect(() => {
    if (!ctx) return;
    const layer = L.layerGroup().addTo(ctx.map);
    layerRef.current = layer;
    const own = markers.current;
    return () => {
      layer.remove();
      own.clear();
      layerRef.current = null;
      flownTo.current = null;
    };
  }, [ctx]);
  useEffect(() => {
    const layer = layerRef.current;
    if (!ctx || !layer) return;
    const seen = new Set<string>();
    for (const d of items) {
      const p = d.lastPosition;
      if (!p) continue;
      seen.add(d.id);
      const ll = ctx.ll(p.lat, p.lon);
      const icon = deviceIcon({ id: d.id, kind: d.kind, online: d.online, selected: d.id === selectedId, lat: p.lat, lon: p.lon, testId: 'tracking-live-marker' });
      const tip = `<b>${escapeHtml(d.name)}</b>${who(d) ? ` · ${escapeHtml(who(d)!)}` : ''}<br/>${formatTime(p.time)} · ${escapeHtml(formatSpeed(t, p.speedKmh))}`;
      let m = markers.current.get(d.id);
      if (!m) {
        m = L.marker(ll, { icon, riseOnHover: true, zIndexOffset: d.online ? 1000 : 0 });
        m.on('click', () => select(d.id));
        m.bindTooltip(tip, { direction: 'top', offset: [0, -10] });
        m.addTo(layer);
        markers.current.set(d.id, m);
      } else {
        m.setLatLng(ll);
        m.setIcon(icon);
        m.setTooltipContent(tip);
        m.setZIndexOffset(d.id === selectedId ? 2000 : d.online ? 1000 : 0);
      }
    }
    for (const [id, m] of markers.current) {
      if (!seen.has(id)) {
        m.remove();
        markers.current.delete(id);
      }
    }
    // Focus the selected device once (from a click or a link), not on every update.
    if (selectedId && flownTo.current !== selectedId) {
      const d = items.find((x) => x.id === selectedId);
      if (d?.lastPosition) {
        flownTo.current = selectedId;
        ctx.map.flyTo(ctx.ll(d.lastPosition.lat, d.lastPosition.lon), Math.max(ctx.map.getZoom(), 16), { duration: 0.5 });
      }
    }
    if (!selectedId) flownTo.current = null;
  }, [ctx, items, selectedId, select, t]);

  // ---- side panel ----
  const needle = search.trim().toLowerCase();
  const listed = useMemo(
    () =>
      items
        .filter((d) => !needle || [d.name, d.identifier, who(d) ?? ''].some((s) => s.toLowerCase().includes(needle)))
        .sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name, 'zh-CN')),
    [items, needle],
  );
  const online = items.filter((d) => d.online).length;
  const alerts = useMemo(() => {
    const byId = new Map<string, Alert>();
    for (const a of [...liveAlerts, ...(openAlerts.data?.items ?? [])]) if (!byId.has(a.id)) byId.set(a.id, a);
    return [...byId.values()].filter((a) => !a.acknowledgedAt).sort((a, b) => b.since.localeCompare(a.since));
  }, [liveAlerts, openAlerts.data]);
  const selected = items.find((d) => d.id === selectedId) ?? null;
  const today = dayjs().startOf('day');

  return (
    <div data-testid="tracking-live-page">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size="middle">
          {!scope.single && <TeamSelect id="tracking-live-team" value={team} onChange={setTeam} allowClear />}
          <span data-testid="tracking-live-counts" data-online={online} data-offline={items.length - online}>
            <Space size="middle">
              <Badge status="success" text={t('tracking.live.onlineCount', { count: online })} />
              <Badge status="default" text={t('tracking.live.offlineCount', { count: items.length - online })} />
            </Space>
          </span>
          <Tooltip title={t('tracking.live.connHint')}>
            <Tag color={conn === 'open' ? 'green' : conn === 'error' ? 'red' : 'orange'} data-testid="tracking-live-conn" data-state={conn}>
              {t(`tracking.live.conn.${conn}`)}
            </Tag>
          </Tooltip>
          {devices.isError && <Typography.Text type="danger">{errorText(t, devices.error)}</Typography.Text>}
        </Space>
      </Card>
      <Row gutter={12} wrap={false}>
        <Col flex="320px" style={{ minWidth: 0 }}>
          <Card size="small" title={t('tracking.live.devices')} styles={{ body: { padding: 8 } }}>
            <Input.Search
              allowClear
              size="small"
              placeholder={t('tracking.live.searchPlaceholder')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              data-testid="tracking-live-search"
              style={{ marginBottom: 8 }}
            />
            <div style={{ maxHeight: 'calc(100vh - 480px)', minHeight: 160, overflowY: 'auto' }}>
              <List<Device>
                size="small"
                loading={devices.isPending}
                dataSource={listed}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tracking.live.noDevices')} /> }}
                renderItem={(d) => (
                  <List.Item
                    data-testid="tracking-live-item"
                    data-device-id={d.id}
                    onClick={() => {
                      flownTo.current = null;
                      select(d.id);
                    }}
                    style={{ cursor: 'pointer', paddingInline: 6, background: d.id === selectedId ? '#e6f4ff' : undefined, borderRadius: 4 }}
                  >
                    <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                      <Space size={6}>
                        <Badge status={d.online ? 'success' : 'default'} />
                        <KindIcon kind={d.kind} />
                        <Typography.Text strong>{d.name}</Typography.Text>
                        {who(d) && <Typography.Text type="secondary">{who(d)}</Typography.Text>}
                      </Space>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="tracking-live-item-time">
                        {d.lastPosition ? `${formatTime(d.lastPosition.time)} · ${formatSpeed(t, d.lastPosition.speedKmh)}` : t('tracking.live.noFix')}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </div>
          </Card>
          <Card
            size="small"
            style={{ marginTop: 12 }}
            title={
              <Space>
                {t('tracking.live.alerts')}
                <Badge count={alerts.length} overflowCount={99} />
              </Space>
            }
            extra={<Link to={`/tracking/alerts${team ? `?team=${team}` : ''}`}>{t('tracking.live.allAlerts')}</Link>}
            styles={{ body: { padding: 8, maxHeight: 220, overflowY: 'auto' } }}
          >
            <List<Alert>
              size="small"
              data-testid="tracking-live-alerts"
              dataSource={alerts.slice(0, 30)}
              locale={{ emptyText: t('tracking.live.noAlerts') }}
              renderItem={(a) => (
                <List.Item data-testid="tracking-live-alert" style={{ paddingInline: 4 }}>
                  <Space orientation="vertical" size={0}>
                    <Space size={4}>
                      <AlertKindTag kind={a.kind} />
                      <Typography.Text>{a.personName}</Typography.Text>
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(a.since)} · {a.until ? formatDuration(t, a.durationMs) : t('tracking.alerts.ongoing')}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card size="small" styles={{ body: { padding: 8 } }}>
            <TeamMap teamId={team} height="calc(100vh - 250px)" onMap={setCtx} testId="tracking-live-map" />
            {selected && (
              <div data-testid="tracking-live-selected" style={{ marginTop: 8 }}>
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 2, xl: 3 }}
                  bordered
                  title={
                    <Space>
                      <KindIcon kind={selected.kind} />
                      {selected.name}
                      <OnlineBadge online={selected.online} />
                    </Space>
                  }
                  extra={
                    <Space>
                      <Button
                        size="small"
                        icon={<AimOutlined />}
                        onClick={() => {
                          flownTo.current = null;
                          select(selected.id);
                          if (ctx && selected.lastPosition) ctx.map.flyTo(ctx.ll(selected.lastPosition.lat, selected.lastPosition.lon), Math.max(ctx.map.getZoom(), 16), { duration: 0.5 });
                        }}
                      >
                        {t('tracking.live.focus')}
                      </Button>
                      <Link
                        to={`/tracking/replay?team=${selected.orgUnitId ?? ''}&deviceId=${selected.id}&from=${encodeURIComponent(today.toISOString())}&to=${encodeURIComponent(dayjs().toISOString())}`}
                      >
                        <Button size="small" icon={<HistoryOutlined />} data-testid="tracking-live-replay">
                          {t('tracking.live.replayToday')}
                        </Button>
                      </Link>
                      <Button size="small" onClick={() => select(null)}>
                        {t('tracking.close')}
                      </Button>
                    </Space>
                  }
                >
                  <Descriptions.Item label={t('tracking.devices.boundTo')}>{who(selected) ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('tracking.devices.identifier')}>{selected.identifier}</Descriptions.Item>
                  <Descriptions.Item label={t('tracking.team')}>{selected.orgUnitName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('tracking.devices.lastSeen')}>{formatTime(selected.lastSeenAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('tracking.live.fixTime')}>
                    <span data-testid="tracking-live-selected-time">{formatTime(selected.lastPosition?.time)}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('tracking.live.speed')}>{formatSpeed(t, selected.lastPosition?.speedKmh)}</Descriptions.Item>
                  <Descriptions.Item label={t('tracking.live.position')} span={2}>
                    {formatLatLon(selected.lastPosition?.lat, selected.lastPosition?.lon)}
                  </Descriptions.Item>
                </Descriptions>
              </div>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
