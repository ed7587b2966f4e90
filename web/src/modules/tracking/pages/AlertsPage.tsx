import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert as AntAlert, App, Badge, Button, Card, DatePicker, Form, Input, Modal, Segmented, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EnvironmentOutlined, HistoryOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { hasPermission, useMe } from '../../../shared/session';
import { useAcknowledgeAlert, useAlerts, useDevices, type Alert, type AlertStatus } from '../api';
import { formatDuration, formatLatLon, formatTime } from '../format';
import { AlertKindTag } from '../components/Tags';
import { TeamSelect, useTeamParam, useTrackingScope } from '../components/TeamSelect';
import { validValues } from '../../../shared/forms';

const STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'all'];
const AROUND_MS = 30 * 60_000;
/** The replay API serves at most 7 days. */
const MAX_REPLAY_MS = 7 * 86_400_000;

export default function AlertsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const scope = useTrackingScope();
  const [team, setTeam] = useTeamParam(false);
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status: AlertStatus = STATUSES.includes(rawStatus as AlertStatus) ? (rawStatus as AlertStatus) : 'open';
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const alerts = useAlerts(
    { orgUnitId: team, status, from: range?.[0].startOf('day').toISOString(), to: range?.[1].endOf('day').toISOString() },
    { refetchInterval: 30_000 },
  );
  // Which device each officer carries now: the live map and the replay open on it.
  const devices = useDevices({ orgUnitId: team, status: 'active' });
  const deviceOfPerson = useMemo(() => {
    const m = new Map<string, { id: string; orgUnitId: string | null }>();
    for (const d of devices.data?.items ?? []) if (d.binding?.personId) m.set(d.binding.personId, { id: d.id, orgUnitId: d.orgUnitId });
    return m;
  }, [devices.data]);
  const ack = useAcknowledgeAlert();
  const [acking, setAcking] = useState<Alert | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const listActions = alerts.data?.actions ?? [];
  // The server lists what may be done per list, not per alert: an open alert in the list may be acknowledged.
  const canAck = (a: Alert) => !a.acknowledgedAt && (listActions.includes('acknowledge') || hasPermission(me, 'tracking.duty'));

  const setStatus = (s: AlertStatus) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('status', s);
        return next;
      },
      { replace: true },
    );

  const submitAck = async () => {
    if (!acking) return;
    const v = await validValues(form);
    if (!v) return;
    try {
      await ack.mutateAsync({ id: acking.id, note: v.note.trim() });
      message.success(t('tracking.alerts.acknowledged'));
      setAcking(null);
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const replayHref = (a: Alert) => {
    const until = a.until ? Date.parse(a.until) : Date.now();
    const to = dayjs(Math.min(Date.now(), until + AROUND_MS));
    const from = dayjs(Math.max(Date.parse(a.since) - AROUND_MS, to.valueOf() - MAX_REPLAY_MS));
    const dev = deviceOfPerson.get(a.personId);
    const q = new URLSearchParams({ team: a.orgUnitId, from: from.toISOString(), to: to.toISOString() });
    if (dev) q.set('deviceId', dev.id);
    else q.set('mode', 'team');
    return `/tracking/replay?${q.toString()}`;
  };
  const liveHref = (a: Alert) => {
    const q = new URLSearchParams({ team: a.orgUnitId });
    const dev = deviceOfPerson.get(a.personId);
    if (dev) q.set('device', dev.id);
    return `/tracking/live?${q.toString()}`;
  };

  const columns: ColumnsType<Alert> = [
    { title: t('tracking.alerts.since'), dataIndex: 'since', key: 'since', width: 165, render: (v: string) => formatTime(v) },
    { title: t('tracking.alerts.kind'), dataIndex: 'kind', key: 'kind', width: 110, render: (_, a) => <AlertKindTag kind={a.kind} /> },
    { title: t('tracking.alerts.person'), dataIndex: 'personName', key: 'person', width: 90 },
    ...(scope.single || team ? [] : [{ title: t('tracking.team'), dataIndex: 'orgUnitName', key: 'team', width: 170 }]),
    {
      title: t('tracking.alerts.duration'),
      key: 'duration',
      width: 160,
      render: (_, a) =>
        a.until ? (
          <span>{formatDuration(t, a.durationMs)}</span>
        ) : (
          <Space size={4} data-testid="tracking-alert-ongoing">
            <Badge status="processing" color="red" />
            <Typography.Text type="danger">{t('tracking.alerts.ongoing')}</Typography.Text>
            <Typography.Text type="secondary">{formatDuration(t, Math.max(a.durationMs, Date.now() - Date.parse(a.since)))}</Typography.Text>
          </Space>
        ),
    },
    { title: t('tracking.alerts.where'), key: 'where', width: 170, render: (_, a) => formatLatLon(a.lat, a.lon) },
    {
      title: t('tracking.alerts.status'),
      key: 'ack',
      width: 210,
      render: (_, a) =>
        a.acknowledgedAt ? (
          <Space orientation="vertical" size={0} data-testid="tracking-alert-acked">
            <Typography.Text type="success">
              {t('tracking.alerts.ackBy', { name: a.acknowledgedByName ?? '—', time: formatTime(a.acknowledgedAt) })}
            </Typography.Text>
            {a.ackNote && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.ackNote}
              </Typography.Text>
            )}
          </Space>
        ) : (
          <Typography.Text type="warning">{t('tracking.alerts.unacknowledged')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_, a) => (
        <Space size={0}>
          {canAck(a) && (
            <Button
              type="link"
              size="small"
              data-testid="tracking-alert-ack"
              onClick={() => {
                form.resetFields();
                setAcking(a);
              }}
            >
              {t('tracking.alerts.acknowledge')}
            </Button>
          )}
          <Tooltip title={t('tracking.alerts.toLiveHint')}>
            <Link to={liveHref(a)}>
              <Button type="link" size="small" icon={<EnvironmentOutlined />} data-testid="tracking-alert-live">
                {t('tracking.alerts.toLive')}
              </Button>
            </Link>
          </Tooltip>
          <Tooltip title={t('tracking.alerts.toReplayHint')}>
            <Link to={replayHref(a)}>
              <Button type="link" size="small" icon={<HistoryOutlined />} data-testid="tracking-alert-replay">
                {t('tracking.alerts.toReplay')}
              </Button>
            </Link>
          </Tooltip>
        </Space>
      ),
    },
  ];

  return (
    <Card data-testid="tracking-alerts-page" title={t('tracking.alerts.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        {!scope.single && <TeamSelect id="tracking-alerts-team" value={team} onChange={setTeam} allowClear />}
        <Segmented<AlertStatus>
          data-testid="tracking-alerts-status"
          value={status}
          onChange={setStatus}
          options={STATUSES.map((s) => ({ value: s, label: t(`tracking.alerts.statuses.${s}`) }))}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
          allowEmpty={[true, true]}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          placeholder={[t('tracking.alerts.from'), t('tracking.alerts.to')]}
        />
        <Typography.Text type="secondary" data-testid="tracking-alerts-total" data-total={alerts.data ? alerts.data.items.length : ''}>
          {alerts.data ? t('tracking.alerts.total', { count: alerts.data.items.length }) : ''}
        </Typography.Text>
      </Space>
      {alerts.isError && <AntAlert type="error" showIcon title={errorText(t, alerts.error)} style={{ marginBottom: 12 }} />}
      <Table<Alert>
        data-testid="tracking-alerts-table"
        size="small"
        rowKey="id"
        loading={alerts.isFetching && !alerts.data}
        dataSource={alerts.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: t('tracking.alerts.empty') }}
        rowClassName={(a) => (a.until ? '' : 'tracking-alert-ongoing-row')}
      />
      <Modal
        open={!!acking}
        title={t('tracking.alerts.ackTitle')}
        onCancel={() => setAcking(null)}
        onOk={() => void submitAck()}
        okText={t('tracking.alerts.acknowledge')}
        okButtonProps={{ 'data-testid': 'tracking-ack-submit' }}
        confirmLoading={ack.isPending}
        forceRender
      >
        {acking && (
          <AntAlert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={`${t(`tracking.alertKinds.${acking.kind}`)} · ${acking.personName} · ${formatTime(acking.since)}`}
          />
        )}
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={t('tracking.alerts.note')} rules={[{ required: true, whitespace: true, message: t('tracking.alerts.noteRequired') }]}>
            <Input.TextArea id="tracking-ack-note" rows={3} maxLength={500} placeholder={t('tracking.alerts.notePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
