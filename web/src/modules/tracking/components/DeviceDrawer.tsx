import { App, Button, Descriptions, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useDevice, useUnbindDevice, type Binding } from '../api';
import { formatLatLon, formatSpeed, formatTime } from '../format';
import { DemoTag, DeviceKindTag, OnlineBadge } from './Tags';

/** One device: its details, last position and the history of who carried it. */
export function DeviceDrawer({ deviceId, canManage, onClose }: { deviceId: string | null; canManage: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const detail = useDevice(deviceId);
  const unbind = useUnbindDevice();
  const d = detail.data;

  const doUnbind = async () => {
    if (!d) return;
    try {
      await unbind.mutateAsync({ id: d.id });
      await detail.refetch();
      message.success(t('tracking.devices.unbound'));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <Drawer open={!!deviceId} onClose={onClose} size={640} title={d ? `${d.name} · ${d.identifier}` : t('tracking.devices.detail')} destroyOnHidden>
      <div data-testid="tracking-device-drawer">
        {d && (
          <>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('tracking.devices.identifier')}>
                <Typography.Text code>{d.identifier}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('tracking.devices.protocol')}>{t(`tracking.protocols.${d.protocol}`, { defaultValue: d.protocol })}</Descriptions.Item>
              <Descriptions.Item label={t('tracking.devices.kind')}>
                <DeviceKindTag kind={d.kind} />
              </Descriptions.Item>
              <Descriptions.Item label={t('tracking.devices.status')}>
                <Tag>{t(`tracking.statuses.${d.status}`, { defaultValue: d.status })}</Tag>
                <DemoTag isDemo={d.isDemo} />
              </Descriptions.Item>
              <Descriptions.Item label={t('tracking.team')}>{d.orgUnitName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('tracking.devices.online')}>
                <OnlineBadge online={d.online} />
              </Descriptions.Item>
              <Descriptions.Item label={t('tracking.devices.lastSeen')}>{formatTime(d.lastSeenAt)}</Descriptions.Item>
              <Descriptions.Item label={t('tracking.devices.lastPosition')}>
                {d.lastPosition ? `${formatLatLon(d.lastPosition.lat, d.lastPosition.lon)} · ${formatSpeed(t, d.lastPosition.speedKmh)}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('tracking.devices.note')} span={2}>
                {d.note ?? '—'}
              </Descriptions.Item>
            </Descriptions>
            <Space style={{ margin: '16px 0 8px', width: '100%', justifyContent: 'space-between' }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('tracking.devices.bindings')}
              </Typography.Title>
              <Space>
                {d.status === 'active' && (
                  <Link to={`/tracking/live?team=${d.orgUnitId ?? ''}&device=${d.id}`}>{t('tracking.alerts.toLive')}</Link>
                )}
                {canManage && d.binding && (
                  <Popconfirm title={t('tracking.devices.unbindConfirm')} onConfirm={() => void doUnbind()}>
                    <Button size="small" danger loading={unbind.isPending} data-testid="tracking-device-unbind">
                      {t('tracking.devices.unbind')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </Space>
            <Table<Binding>
              data-testid="tracking-bindings"
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={[...d.bindings].sort((a, b) => b.validFrom.localeCompare(a.validFrom))}
              locale={{ emptyText: t('tracking.devices.noBindings') }}
              columns={[
                {
                  title: t('tracking.devices.boundTo'),
                  key: 'who',
                  render: (_, b) => (b.personName ? b.personName : (b.assetLabel ?? '—')),
                },
                { title: t('tracking.devices.validFrom'), dataIndex: 'validFrom', key: 'from', width: 170, render: (v: string) => formatTime(v) },
                {
                  title: t('tracking.devices.validTo'),
                  dataIndex: 'validTo',
                  key: 'to',
                  width: 170,
                  render: (v: string | null) => (v ? formatTime(v) : <Tag color="green">{t('tracking.devices.current')}</Tag>),
                },
              ]}
            />
          </>
        )}
        {detail.isError && <Typography.Text type="danger">{errorText(t, detail.error)}</Typography.Text>}
      </div>
    </Drawer>
  );
}
