/**
 * 轨迹核验 tab of the case page: the case location with the check circle, each officer's track around the chosen
 * on-site step in its own colour (start and end marked), and the list of on-site steps with their flag. Positions are
 * stored WGS-84; they are shifted to the basemap's system only here (shared/map/crs.ts). Imports Leaflet: loaded
 * lazily by the case page's tab slot.
 */
import { useCallback, useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import L from 'leaflet';
import { Alert, App as AntApp, Button, Form, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import GeoMap from '../../shared/map/GeoMap';
import { toDisplayLatLng } from '../../shared/map/crs';
import { usePlatformConfig, type TileCrs } from '../../shared/hooks/usePlatformConfig';
import { errorText } from '../../shared/api/errors';
import { useCaseOnsite, useOnsiteActions, useOnsiteSettings, type CaseOnsite, type OnsiteStatus, type OnsiteStep } from './api';

const STATUS_COLOR: Record<OnsiteStatus, string> = { verified: 'success', not_on_site: 'error', no_track: 'warning', unverifiable: 'default' };
/** One colour per officer of a step (a step names two; more are drawn in turn). */
const TRACK_COLORS = ['#1677ff', '#eb2f96', '#13c2c2', '#fa8c16'];

/** "2026-03-02 09:30" in Beijing from an ISO instant. */
function bj(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 16);
}
function bjSpan(from: string, to: string): string {
  const a = bj(from);
  const b = bj(to);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a}–${b}`;
}

function useOverlays(map: L.Map | null, crs: TileCrs, data: CaseOnsite | undefined, step: OnsiteStep | null, labels: { site: string; start: string; end: string }) {
  useEffect(() => {
    if (!map || !data) return;
    const ll = (lat: number, lon: number) => toDisplayLatLng(lat, lon, crs);
    const group = L.featureGroup().addTo(map);
    if (data.location) {
      const c = ll(data.location.lat, data.location.lon);
      L.circle(c, { radius: data.settings.radiusM, color: '#52c41a', weight: 2, fillOpacity: 0.08, className: 'onsite-radius' }).addTo(group);
      L.circleMarker(c, { radius: 7, color: '#cf1322', fillColor: '#cf1322', fillOpacity: 1, className: 'onsite-site' }).bindTooltip(labels.site).addTo(group);
    }
    step?.officers.forEach((o, i) => {
      const color = TRACK_COLORS[i % TRACK_COLORS.length]!;
      const pts = o.track.map((p) => ll(p.lat, p.lon));
      if (!pts.length) return;
      L.polyline(pts, { color, weight: 3, opacity: 0.85, className: 'onsite-track' }).bindTooltip(o.name, { sticky: true }).addTo(group);
      L.circleMarker(pts[0]!, { radius: 5, color, fillColor: '#fff', fillOpacity: 1, weight: 3 }).bindTooltip(`${o.name} ${labels.start} ${bj(o.track[0]!.t)}`).addTo(group);
      L.circleMarker(pts.at(-1)!, { radius: 5, color, fillColor: color, fillOpacity: 1, weight: 3 }).bindTooltip(`${o.name} ${labels.end} ${bj(o.track.at(-1)!.t)}`).addTo(group);
    });
    const b = group.getBounds();
    if (b.isValid()) map.fitBounds(b, { padding: [24, 24], maxZoom: 17 });
    return () => {
      group.remove();
    };
  }, [map, crs, data, step, labels]);
}

function SettingsModal({ open, onClose, caseId }: { open: boolean; onClose: () => void; caseId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const settings = useOnsiteSettings();
  const { saveSettings } = useOnsiteActions(caseId);
  const [form] = Form.useForm<{ radiusM: number; marginMin: number }>();
  useEffect(() => {
    if (open && settings.data) form.setFieldsValue({ radiusM: settings.data.radiusM, marginMin: settings.data.marginMin });
  }, [open, settings.data, form]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await saveSettings.mutateAsync({ ...v, version: settings.data?.version ?? 0 });
      message.success(t('onsite.saved'));
      onClose();
    } catch (e) {
      message.error(errorText(t, e));
      void settings.refetch();
    }
  };
  return (
    <Modal open={open} title={t('onsite.editSettings')} onCancel={onClose} onOk={submit} okText={t('onsite.save')} confirmLoading={saveSettings.isPending} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="radiusM" label={t('onsite.radiusM')} rules={[{ required: true }]}>
          <InputNumber min={20} max={5000} precision={0} style={{ width: '100%' }} data-testid="onsite-radius-input" />
        </Form.Item>
        <Form.Item name="marginMin" label={t('onsite.marginMin')} rules={[{ required: true }]}>
          <InputNumber min={0} max={240} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function OnsiteTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const q = useCaseOnsite(caseId);
  const settings = useOnsiteSettings();
  const { recheck } = useOnsiteActions(caseId);
  const config = usePlatformConfig();
  const crs: TileCrs = config.data?.tileCrs ?? 'wgs84';
  const tiles = useMemo(() => ({ url: config.data?.tileUrl ?? null, attribution: config.data?.tileAttribution ?? null, crs }), [config.data, crs]);
  const [map, setMap] = useState<L.Map | null>(null);
  const onReady = useCallback((m: L.Map | null) => setMap(m), []);
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const data = q.data;
  // The chosen step, else the first flagged one, else the first.
  const step = data?.steps.find((s) => s.eventId === selected) ?? data?.steps.find((s) => s.status === 'not_on_site' || s.status === 'no_track') ?? data?.steps[0] ?? null;
  const labels = useMemo(() => ({ site: t('onsite.caseLocation'), start: t('onsite.start'), end: t('onsite.end') }), [t]);
  useOverlays(map, crs, data, step, labels);

  if (q.isError) return <Alert type="error" message={errorText(t, q.error)} />;
  return (
    <div data-testid="onsite-tab">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('onsite.intro')}
        </Typography.Paragraph>
        <Space wrap>
          {data && <Typography.Text data-testid="onsite-settings">{t('onsite.settings', data.settings)}</Typography.Text>}
          {data && data.steps.length > 0 && <Typography.Text type="secondary">{t('onsite.counts', data.counts)}</Typography.Text>}
          <Button
            size="small"
            loading={recheck.isPending}
            onClick={() =>
              recheck.mutate(undefined, {
                onSuccess: () => message.success(t('onsite.rechecked')),
                onError: (e) => message.error(errorText(t, e)),
              })
            }
          >
            {t('onsite.recheck')}
          </Button>
          {settings.data?.mayChange && (
            <Button size="small" onClick={() => setEditing(true)}>
              {t('onsite.editSettings')}
            </Button>
          )}
        </Space>
        {data && !data.location && <Alert type="warning" showIcon message={t('onsite.noLocation')} />}
        <div data-testid="onsite-map" data-step={step?.eventId ?? ''}>
          <GeoMap data={undefined} styleFor={() => ({})} tiles={tiles} height={360} fitToData={false} onMapReady={onReady} testId="onsite-geo-map" />
        </div>
        {step && (
          <Space wrap size="small" data-testid="onsite-legend">
            {step.officers.map((o, i) => (
              <Tag key={o.personId} color={TRACK_COLORS[i % TRACK_COLORS.length]}>
                {o.name}
              </Tag>
            ))}
          </Space>
        )}
        <Table<OnsiteStep>
          rowKey="eventId"
          size="small"
          loading={q.isPending}
          dataSource={data?.steps ?? []}
          pagination={false}
          locale={{ emptyText: t('onsite.noSteps') }}
          rowClassName={(s) => (s.eventId === step?.eventId ? 'ant-table-row-selected' : '')}
          onRow={(s) => ({ onClick: () => setSelected(s.eventId), style: { cursor: 'pointer' }, 'data-testid': `onsite-step-${s.eventId}` } as HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('onsite.step'), key: 'action', render: (_, s) => t(`onsite.actions.${s.action}`) },
            { title: t('onsite.onDate'), dataIndex: 'onDate', width: 110 },
            { title: t('onsite.time'), key: 'time', render: (_, s) => (s.startedAt && s.endedAt ? bjSpan(s.startedAt, s.endedAt) : '—') },
            {
              title: t('onsite.result'),
              key: 'status',
              render: (_, s) => (
                <Space direction="vertical" size={0}>
                  <Tag color={STATUS_COLOR[s.status]} data-testid="onsite-status" data-status={s.status}>
                    {t(`onsite.statuses.${s.status}`)}
                  </Tag>
                  {s.reason && <Typography.Text type="secondary">{t(`onsite.reasons.${s.reason}`)}</Typography.Text>}
                </Space>
              ),
            },
            {
              title: t('onsite.officers'),
              key: 'officers',
              render: (_, s) => (
                <Space direction="vertical" size={0}>
                  {s.officers.map((o, i) => (
                    <span key={o.personId}>
                      <Tag color={TRACK_COLORS[i % TRACK_COLORS.length]}>{o.name}</Tag>
                      <Tag color={STATUS_COLOR[o.status]}>{t(`onsite.statuses.${o.status}`)}</Tag>
                      {o.minDistanceM !== null && <Typography.Text>{t('onsite.minDistance')} {t('onsite.meters', { value: Math.round(o.minDistanceM) })}</Typography.Text>}
                      {o.status === 'no_track' && o.reason && <Typography.Text type="secondary">{t(`onsite.reasons.${o.reason}`)}</Typography.Text>}
                      {o.points > 0 && <Typography.Text type="secondary"> · {t('onsite.points', { count: o.points })}</Typography.Text>}
                    </span>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Space>
      <SettingsModal open={editing} onClose={() => setEditing(false)} caseId={caseId} />
    </div>
  );
}
