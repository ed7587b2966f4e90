/**
 * 受理派遣台 (/service/dispatch, service.dispatch): the reports waiting for the desk (or already dispatched, for 改派 /
 * 退回) with their routed team, category, age and due flag; a map of them; the selected one's likely duplicates (also
 * on the map, with the distance circle) and the desk's steps. Positions are stored WGS-84 and shifted to the
 * basemap's system only for display (shared/map/crs.ts).
 */
import { useCallback, useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import L from 'leaflet';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Form, InputNumber, Modal, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import GeoMap from '../../../shared/map/GeoMap';
import { toDisplayLatLng } from '../../../shared/map/crs';
import { usePlatformConfig, type TileCrs } from '../../../shared/hooks/usePlatformConfig';
import { errorText } from '../../../shared/api/errors';
import { useDuplicates, useDuplicateSettings, useRequestDetail, useRequestList, useServiceSteps, type DuplicateItem, type DuplicateList, type RequestItem } from './api';
import { ageText, bj, DueTag, StepModal, stepLabel, type StepKind } from './common';

const PAGE_SIZE = 50;
const TABS = ['submitted', 'dispatched'] as const;
type Tab = (typeof TABS)[number];
const DESK_STEPS: readonly StepKind[] = ['accept', 'redispatch', 'return', 'reject'];

function useOverlays(map: L.Map | null, crs: TileCrs, items: readonly RequestItem[], selected: RequestItem | null, dups: DuplicateList | undefined, onSelect: (id: string) => void, labels: Record<'subject' | 'duplicate' | 'other', string>) {
  useEffect(() => {
    if (!map) return;
    const ll = (lat: number, lon: number) => toDisplayLatLng(lat, lon, crs);
    const group = L.featureGroup().addTo(map);
    const dupIds = new Set((dups?.items ?? []).map((d) => d.id));
    for (const r of items) {
      if (r.lat === null || r.lon === null || r.id === selected?.id || dupIds.has(r.id)) continue;
      L.circleMarker(ll(r.lat, r.lon), { radius: 5, color: '#1677ff', fillColor: '#1677ff', fillOpacity: 0.6, weight: 1, className: 'desk-marker' })
        .bindTooltip(`${labels.other} ${r.trackingCode} · ${r.categoryName}`)
        .on('click', () => onSelect(r.id))
        .addTo(group);
    }
    for (const d of dups?.items ?? []) {
      L.circleMarker(ll(d.lat, d.lon), { radius: 7, color: '#fa8c16', fillColor: '#fa8c16', fillOpacity: 0.9, weight: 2, className: 'desk-duplicate' })
        .bindTooltip(`${labels.duplicate} ${d.trackingCode} · ${d.distanceM} m`)
        .addTo(group);
    }
    if (selected && selected.lat !== null && selected.lon !== null) {
      const c = ll(selected.lat, selected.lon);
      if (dups) L.circle(c, { radius: dups.distanceM, color: '#fa8c16', weight: 1, fillOpacity: 0.06, className: 'desk-radius' }).addTo(group);
      L.circleMarker(c, { radius: 8, color: '#cf1322', fillColor: '#cf1322', fillOpacity: 1, className: 'desk-subject' }).bindTooltip(`${labels.subject} ${selected.trackingCode}`).addTo(group);
      map.setView(c, Math.max(map.getZoom(), 16));
    } else {
      const b = group.getBounds();
      if (b.isValid()) map.fitBounds(b, { padding: [24, 24], maxZoom: 15 });
    }
    return () => {
      group.remove();
    };
  }, [map, crs, items, selected, dups, onSelect, labels]);
}

function SettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const settings = useDuplicateSettings();
  const { saveSettings } = useServiceSteps();
  const [form] = Form.useForm<{ distanceM: number; windowHours: number }>();
  useEffect(() => {
    if (open && settings.data) form.setFieldsValue({ distanceM: settings.data.distanceM, windowHours: settings.data.windowHours });
  }, [open, settings.data, form]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await saveSettings.mutateAsync({ ...v, version: settings.data?.version ?? 0 });
      message.success(t('serviceDesk.duplicates.saved'));
      onClose();
    } catch (e) {
      message.error(errorText(t, e));
      void settings.refetch();
    }
  };
  return (
    <Modal open={open} title={t('serviceDesk.duplicates.settings')} onCancel={onClose} onOk={submit} okText={t('serviceDesk.form.ok')} cancelText={t('serviceDesk.form.cancel')} confirmLoading={saveSettings.isPending} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="distanceM" label={t('serviceDesk.duplicates.distanceM')} rules={[{ required: true }]}>
          <InputNumber min={5} max={1000} precision={0} style={{ width: '100%' }} data-testid="dup-distance-input" />
        </Form.Item>
        <Form.Item name="windowHours" label={t('serviceDesk.duplicates.windowHours')} rules={[{ required: true }]}>
          <InputNumber min={1} max={720} precision={0} style={{ width: '100%' }} data-testid="dup-window-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Duplicates({ subject, onMerge }: { subject: RequestItem; onMerge: (d: DuplicateItem) => void }) {
  const { t } = useTranslation();
  const q = useDuplicates(subject.id);
  const data = q.data;
  const minutes = (m: number) => ageText(t, new Date(0).toISOString(), Math.abs(m) * 60_000);
  const mayMerge = subject.state === 'submitted';
  const columns: ColumnsType<DuplicateItem> = [
    { title: t('serviceDesk.code'), key: 'code', render: (_, d) => <Link to={`/service/requests/${d.id}`}>{d.trackingCode}</Link> },
    { title: t('serviceDesk.duplicates.state'), key: 'state', render: (_, d) => <Tag>{t(`serviceDesk.states.${d.state}`)}</Tag> },
    { title: t('serviceDesk.duplicates.distance'), key: 'distance', render: (_, d) => t('serviceDesk.duplicates.meters', { value: d.distanceM }) },
    { title: t('serviceDesk.duplicates.apart'), key: 'apart', render: (_, d) => t(d.minutesApart < 0 ? 'serviceDesk.duplicates.earlier' : 'serviceDesk.duplicates.later', { value: minutes(d.minutesApart) }) },
    { title: t('serviceDesk.team'), key: 'team', render: (_, d) => d.orgUnitName ?? t('serviceDesk.cityDesk') },
    { title: t('serviceDesk.description'), dataIndex: 'description', ellipsis: true },
    { title: '', key: 'followers', render: (_, d) => (d.followers > 0 ? <Tag color="purple">{t('serviceDesk.duplicates.followers', { count: d.followers })}</Tag> : null) },
    {
      title: '',
      key: 'merge',
      render: (_, d) =>
        mayMerge ? (
          <Button size="small" onClick={() => onMerge(d)} data-testid={`merge-into-${d.trackingCode}`}>
            {t('serviceDesk.actions.merge')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card size="small" title={t('serviceDesk.duplicates.title')} extra={data && <Typography.Text type="secondary">{t('serviceDesk.duplicates.rule', data)}</Typography.Text>} data-testid="desk-duplicates">
      {q.isError && <Alert type="error" showIcon message={errorText(t, q.error)} />}
      {data?.noLocation && <Alert type="warning" showIcon message={t('serviceDesk.duplicates.noLocation')} />}
      {data?.truncated && <Alert type="info" showIcon message={t('serviceDesk.duplicates.truncated')} />}
      <Table<DuplicateItem> rowKey="id" size="small" loading={q.isPending} columns={columns} dataSource={data?.items ?? []} pagination={false} locale={{ emptyText: t('serviceDesk.duplicates.none') }} scroll={{ x: 'max-content' }} />
    </Card>
  );
}

function Selected({ item, onStep, onMerge }: { item: RequestItem; onStep: (a: StepKind, version: number) => void; onMerge: (d: DuplicateItem) => void }) {
  const { t } = useTranslation();
  // The steps the caller may take come with the detail (the server's rule, the same as on the detail page).
  const detail = useRequestDetail(item.id);
  const actions = new Set<string>(detail.data?.actions ?? []);
  const steps = DESK_STEPS.filter((a) => actions.has(a));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="desk-selected" data-code={item.trackingCode}>
      <Card
        size="small"
        title={
          <Space>
            <span>{item.trackingCode}</span>
            <Tag>{t(`serviceDesk.states.${item.state}`)}</Tag>
            {item.isDemo && <Tag>{t('serviceDesk.demo')}</Tag>}
          </Space>
        }
        extra={<Link to={`/service/requests/${item.id}`}>{t('serviceDesk.openDetail')}</Link>}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('serviceDesk.category')}>{item.categoryName}</Descriptions.Item>
          <Descriptions.Item label={t('serviceDesk.team')}>
            {item.orgUnitName ?? t('serviceDesk.cityDesk')}（{t(`serviceDesk.routedBy.${item.routedBy}`)}）
          </Descriptions.Item>
          <Descriptions.Item label={t('serviceDesk.source')}>{t(`serviceDesk.sources.${item.source}`)}</Descriptions.Item>
          <Descriptions.Item label={t('serviceDesk.submittedAt')}>{bj(item.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('serviceDesk.address')}>{item.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('serviceDesk.contact')}>{[item.contactName, item.contactPhone].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('serviceDesk.description')} span={2}>
            {item.description}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap>
          {steps.map((a) => (
            <Button key={a} type={a === 'accept' ? 'primary' : 'default'} danger={a === 'reject'} onClick={() => onStep(a, detail.data?.version ?? item.version)} data-testid={`desk-step-${a}`}>
              {stepLabel(t, a)}
            </Button>
          ))}
        </Space>
      </Card>
      <Duplicates subject={item} onMerge={onMerge} />
    </Space>
  );
}

export default function DeskPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'dispatched' ? 'dispatched' : 'submitted';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useRequestList({ state: tab, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const settings = useDuplicateSettings();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const selected = items.find((r) => r.id === selectedId) ?? null;
  const dups = useDuplicates(selected?.id ?? null);
  const [stepping, setStepping] = useState<{ action: StepKind; version: number; duplicateOf?: DuplicateItem } | null>(null);
  const [editing, setEditing] = useState(false);
  const config = usePlatformConfig();
  const crs: TileCrs = config.data?.tileCrs ?? 'wgs84';
  const tiles = useMemo(() => ({ url: config.data?.tileUrl ?? null, attribution: config.data?.tileAttribution ?? null, crs }), [config.data, crs]);
  const [map, setMap] = useState<L.Map | null>(null);
  const onReady = useCallback((m: L.Map | null) => setMap(m), []);
  const labels = useMemo(() => ({ subject: t('serviceDesk.map.subject'), duplicate: t('serviceDesk.map.duplicate'), other: t('serviceDesk.map.other') }), [t]);
  useOverlays(map, crs, items, selected, dups.data, setSelectedId, labels);
  const now = Date.now();

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
    { title: t('serviceDesk.code'), dataIndex: 'trackingCode', render: (v: string, r) => <span data-testid={`desk-row-${v}`}>{v}{r.isDemo && <Tag style={{ marginLeft: 4 }}>{t('serviceDesk.demo')}</Tag>}</span> },
    { title: t('serviceDesk.category'), dataIndex: 'categoryName' },
    { title: t('serviceDesk.team'), key: 'team', render: (_, r) => r.orgUnitName ?? <Typography.Text type="warning">{t('serviceDesk.cityDesk')}</Typography.Text> },
    { title: t('serviceDesk.age'), key: 'age', render: (_, r) => ageText(t, r.submittedAt, now) },
    { title: t('serviceDesk.due'), key: 'due', render: (_, r) => <DueTag flag={r.dueFlag} /> },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="desk-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('serviceDesk.title')}
        </Typography.Title>
        {settings.data?.mayChange && (
          <Button onClick={() => setEditing(true)} data-testid="dup-settings">
            {t('serviceDesk.duplicates.settings')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('serviceDesk.hint')}
      </Typography.Paragraph>
      <Segmented<Tab>
        value={tab}
        onChange={(v) => {
          setSelectedId(null);
          set('tab', v === 'submitted' ? undefined : v);
        }}
        options={TABS.map((k) => ({ value: k, label: t(`serviceDesk.tabs.${k}`) }))}
        data-testid="desk-tabs"
      />
      {list.isError && <Alert type="error" showIcon message={errorText(t, list.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Table<RequestItem>
            data-testid="desk-table"
            rowKey="id"
            size="small"
            loading={list.isFetching}
            columns={columns}
            dataSource={items}
            locale={{ emptyText: t('serviceDesk.empty') }}
            scroll={{ x: 'max-content' }}
            rowClassName={(r) => (r.id === selectedId ? 'ant-table-row-selected' : '')}
            onRow={(r) => ({ onClick: () => setSelectedId(r.id), style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t('serviceDesk.total', { count: n }), onChange: (p) => set('page', p > 1 ? String(p) : undefined) }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <div data-testid="desk-map" data-selected={selected?.trackingCode ?? ''} data-duplicates={(dups.data?.items ?? []).length}>
            <GeoMap data={undefined} styleFor={() => ({})} tiles={tiles} height={420} fitToData={false} onMapReady={onReady} testId="desk-geo-map" />
          </div>
        </Col>
      </Row>
      {selected ? (
        <Selected item={selected} onStep={(action, version) => setStepping({ action, version })} onMerge={(d) => setStepping({ action: 'merge', version: selected.version, duplicateOf: d })} />
      ) : (
        <Empty description={t('serviceDesk.selectHint')} />
      )}
      <StepModal
        target={selected && stepping ? { ...selected, version: stepping.version } : null}
        action={stepping?.action ?? null}
        duplicateOf={stepping?.duplicateOf ?? null}
        onClose={() => setStepping(null)}
        onDone={() => setSelectedId(null)}
      />
      <SettingsModal open={editing} onClose={() => setEditing(false)} />
    </Space>
  );
}
