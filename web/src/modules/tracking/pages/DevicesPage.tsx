import { useState } from 'react';
import { App, Badge, Button, Card, Input, Popconfirm, Result, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CarOutlined, LinkOutlined, PlusOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { hasPermission, useMe } from '../../../shared/session';
import { useDevices, useResetAuthCode, useUpdateDevice, type Device, type DeviceStatus } from '../api';
import { isStale } from '../errors';
import { formatTime } from '../format';
import { BindModal } from '../components/BindModal';
import { DeviceDrawer } from '../components/DeviceDrawer';
import { DeviceFormModal, type DeviceFormMode } from '../components/DeviceFormModal';
import { DemoTag, DeviceKindTag, OnlineBadge } from '../components/Tags';
import { TeamSelect, useTeamParam, useTrackingScope } from '../components/TeamSelect';

type Tab = 'all' | DeviceStatus;
const TABS: readonly Tab[] = ['all', 'active', 'unassigned', 'disabled'];

export default function DevicesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const scope = useTrackingScope();
  const [team, setTeam] = useTeamParam(false);
  const [tab, setTab] = useState<Tab>('all');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  // Unassigned devices have no team yet: that tab lists them all (in the user's scope).
  const filter = { orgUnitId: tab === 'unassigned' ? undefined : team, status: tab === 'all' ? undefined : tab, q: q || undefined };
  const list = useDevices(filter);
  const unassigned = useDevices({ status: 'unassigned' });
  const update = useUpdateDevice();
  const resetAuthCode = useResetAuthCode();
  const [form, setForm] = useState<DeviceFormMode | null>(null);
  const [binding, setBinding] = useState<Device | null>(null);
  const [drawer, setDrawer] = useState<string | null>(null);

  const listActions = list.data?.actions ?? [];
  const canManage = hasPermission(me, 'tracking.manage');
  // Devices carry no per-item actions: whoever manages tracking manages every device the list shows (it is scoped).
  const can = (_d: Device, _action: string) => canManage;

  const resetCode = async (d: Device) => {
    try {
      await resetAuthCode.mutateAsync(d.id);
      message.success(t('tracking.devices.authCodeResetMsg'));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const setStatus = async (d: Device, status: 'active' | 'disabled') => {
    try {
      await update.mutateAsync({ id: d.id, body: { version: d.version, status } });
      message.success(status === 'disabled' ? t('tracking.devices.disabledMsg') : t('tracking.devices.enabledMsg'));
    } catch (e) {
      message.error(isStale(e) ? t('tracking.staleHint') : errorText(t, e));
    }
  };

  const columns: ColumnsType<Device> = [
      {
        title: t('tracking.devices.identifier'),
        dataIndex: 'identifier',
        key: 'identifier',
        // A JT/T 808 terminal number has up to 20 digits: one line, never broken in the middle of the number.
        width: 210,
        render: (v: string) => (
          <Typography.Text code style={{ whiteSpace: 'nowrap' }} data-testid="tracking-device-identifier">
            {v}
          </Typography.Text>
        ),
      },
      {
        title: t('tracking.devices.name'),
        key: 'name',
        width: 180,
        render: (_, d) => (
          <>
            <Typography.Link onClick={() => setDrawer(d.id)} data-testid="tracking-device-name">
              {d.name}
            </Typography.Link>
            <DemoTag isDemo={d.isDemo} />
          </>
        ),
      },
      { title: t('tracking.devices.kind'), dataIndex: 'kind', key: 'kind', width: 120, render: (_, d) => <DeviceKindTag kind={d.kind} /> },
      { title: t('tracking.devices.protocol'), dataIndex: 'protocol', key: 'protocol', width: 100, render: (v: string) => t(`tracking.protocols.${v}`, { defaultValue: v }) },
      ...(scope.single || (team && tab !== 'unassigned') ? [] : [{ title: t('tracking.team'), dataIndex: 'orgUnitName', key: 'team', width: 180, render: (v: string | null) => v ?? '—' }]),
      {
        title: t('tracking.devices.boundTo'),
        key: 'binding',
        width: 150,
        render: (_, d) =>
          d.binding ? (
            <span data-testid="tracking-device-binding">
              {d.binding.personName ? <UserOutlined /> : <CarOutlined />} {d.binding.personName ?? d.binding.assetLabel ?? '—'}
            </span>
          ) : (
            <Typography.Text type="secondary">{t('tracking.devices.notBound')}</Typography.Text>
          ),
      },
      {
        title: t('tracking.devices.status'),
        key: 'status',
        width: 100,
        render: (_, d) => (
          <Space size={4}>
            {d.status === 'active' ? <OnlineBadge online={d.online} /> : null}
            {d.status !== 'active' && (
              <Tag color={d.status === 'unassigned' ? 'orange' : undefined} data-testid="tracking-device-status" data-status={d.status}>
                {t(`tracking.statuses.${d.status}`)}
              </Tag>
            )}
          </Space>
        ),
      },
      { title: t('tracking.devices.lastSeen'), dataIndex: 'lastSeenAt', key: 'lastSeen', width: 170, render: (v: string | null) => formatTime(v) },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 230,
        render: (_, d) => (
          <Space size={0} wrap>
            {d.status === 'unassigned' && can(d, 'assign') && (
              <Button type="link" size="small" onClick={() => setForm({ kind: 'assign', device: d })} data-testid="tracking-device-assign">
                {t('tracking.devices.assign')}
              </Button>
            )}
            {d.status !== 'unassigned' && can(d, 'edit') && (
              <Button type="link" size="small" onClick={() => setForm({ kind: 'edit', device: d })} data-testid="tracking-device-edit">
                {t('common.edit')}
              </Button>
            )}
            {d.status === 'active' && can(d, 'bind') && (
              <Button type="link" size="small" icon={<LinkOutlined />} onClick={() => setBinding(d)} data-testid="tracking-device-bind">
                {t('tracking.devices.bind')}
              </Button>
            )}
            <Button type="link" size="small" onClick={() => setDrawer(d.id)} data-testid="tracking-device-history">
              {t('tracking.devices.history')}
            </Button>
            {d.protocol === 'jt808' && d.hasAuthCode && can(d, 'resetAuthCode') && (
              <Popconfirm title={t('tracking.devices.authCodeResetConfirm')} onConfirm={() => void resetCode(d)}>
                <Button type="link" size="small" data-testid="tracking-device-reset-code">
                  {t('tracking.devices.authCodeReset')}
                </Button>
              </Popconfirm>
            )}
            {d.status === 'active' && can(d, 'disable') && (
              <Popconfirm title={t('tracking.devices.disableConfirm')} onConfirm={() => void setStatus(d, 'disabled')}>
                <Button type="link" size="small" danger data-testid="tracking-device-disable">
                  {t('tracking.devices.disable')}
                </Button>
              </Popconfirm>
            )}
            {d.status === 'disabled' && can(d, 'enable') && (
              <Button type="link" size="small" onClick={() => void setStatus(d, 'active')} data-testid="tracking-device-enable">
                {t('tracking.devices.enable')}
              </Button>
            )}
          </Space>
        ),
      },
  ];

  const unassignedCount = unassigned.data?.items.length ?? 0;

  return (
    <Card
      data-testid="tracking-devices-page"
      title={t('tracking.devices.title')}
      extra={
        listActions.includes('create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ kind: 'create' })} data-testid="tracking-device-create">
            {t('tracking.devices.create')}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={TABS.map((k) => ({
          key: k,
          label: (
            <span data-testid={`tracking-devices-tab-${k}`}>
              {t(`tracking.devices.tabs.${k}`)}
              {k === 'unassigned' && unassignedCount > 0 && <Badge count={unassignedCount} size="small" style={{ marginInlineStart: 6 }} />}
            </span>
          ),
        }))}
      />
      {tab === 'unassigned' && (
        <Typography.Paragraph type="secondary" data-testid="tracking-unassigned-hint">
          {t('tracking.devices.unassignedHint')}
        </Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        {!scope.single && tab !== 'unassigned' && <TeamSelect id="tracking-devices-team" value={team} onChange={setTeam} allowClear />}
        <Input.Search
          data-testid="tracking-devices-q"
          allowClear
          style={{ width: 260 }}
          placeholder={t('tracking.devices.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Typography.Text type="secondary" data-testid="tracking-devices-total" data-total={list.data ? list.data.items.length : ''}>
          {list.data ? t('tracking.devices.total', { count: list.data.items.length }) : ''}
        </Typography.Text>
        <Tooltip title={t('tracking.devices.onlineHint')}>
          <Typography.Text type="secondary">
            {list.data ? t('tracking.live.onlineCount', { count: list.data.items.filter((d) => d.online).length }) : ''}
          </Typography.Text>
        </Tooltip>
      </Space>
      {list.isError ? (
        <Result status="error" subTitle={errorText(t, list.error)} />
      ) : (
        <Table<Device>
          data-testid="tracking-devices-table"
          size="small"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        />
      )}
      <DeviceFormModal mode={form} defaultTeamId={team ?? scope.ownTeamId} onClose={() => setForm(null)} />
      <BindModal device={binding} onClose={() => setBinding(null)} />
      <DeviceDrawer deviceId={drawer} canManage={canManage} onClose={() => setDrawer(null)} />
    </Card>
  );
}
