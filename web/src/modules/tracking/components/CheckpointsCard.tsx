import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import L from 'leaflet';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { formErrors } from '../errors';
import { fromDisplayLatLng } from '../../../shared/map/crs';
import { hasPermission, useMe } from '../../../shared/session';
import { useCheckpoints, useCreateCheckpoint, useDeleteCheckpoint, type Checkpoint } from '../api';
import { formatLatLon } from '../format';
import { escapeHtml, TeamMap, type MapContext } from './TeamMap';
import { useTrackingScope } from './TeamSelect';
import { validValues } from '../../../shared/forms';

interface Values {
  name: string;
  lat: number;
  lon: number;
  radiusM: number;
}

/** 巡查点 of a team: the places patrols must visit (list, map, add, delete). Click the map to add one there. */
export function CheckpointsCard({ teamId }: { teamId: string | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const scope = useTrackingScope();
  const list = useCheckpoints(teamId);
  const create = useCreateCheckpoint();
  const remove = useDeleteCheckpoint();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<Values>();
  const actions = list.data?.actions ?? [];
  const canCreate = actions.includes('create');
  // Whoever may add a team's checkpoints may remove them (tracking.duty), unless the server says otherwise per list.
  const canDelete = actions.includes('delete') || (canCreate && hasPermission(me, 'tracking.duty'));
  const items = list.data?.items ?? [];

  const openAdd = (lat?: number, lon?: number) => {
    const team = teamId ? scope.byId.get(teamId) : undefined;
    form.resetFields();
    form.setFieldsValue({
      radiusM: 50,
      lat: lat ?? team?.centerLat ?? undefined,
      lon: lon ?? team?.centerLon ?? undefined,
    });
    setAdding(true);
  };

  // ---- map: the checkpoints as circles; a click opens the add dialog at that place ----
  const [ctx, setCtx] = useState<MapContext | null>(null);
  const openAddRef = useRef(openAdd);
  openAddRef.current = openAdd;
  const canCreateRef = useRef(canCreate);
  canCreateRef.current = canCreate;
  useEffect(() => {
    if (!ctx) return;
    const onClick = (e: L.LeafletMouseEvent) => {
      if (!canCreateRef.current) return;
      const [lat, lon] = fromDisplayLatLng(e.latlng.lat, e.latlng.lng, ctx.crs);
      openAddRef.current(Math.round(lat * 1e6) / 1e6, Math.round(lon * 1e6) / 1e6);
    };
    ctx.map.on('click', onClick);
    return () => {
      ctx.map.off('click', onClick);
    };
  }, [ctx]);
  useEffect(() => {
    if (!ctx) return;
    const group = L.layerGroup().addTo(ctx.map);
    for (const c of items) {
      L.circle(ctx.ll(c.lat, c.lon), { radius: c.radiusM, color: c.active ? '#389e0d' : '#8c8c8c', weight: 2, fillOpacity: 0.2, pane: 'tracks' })
        .bindTooltip(`${escapeHtml(c.name)} · ${Math.round(c.radiusM)} m`, { direction: 'top' })
        .addTo(group);
    }
    return () => {
      group.remove();
    };
  }, [ctx, items]);

  const submit = async () => {
    if (!teamId) return;
    const v = await validValues(form);
    if (!v) return;
    try {
      await create.mutateAsync({ orgUnitId: teamId, name: v.name.trim(), lat: v.lat, lon: v.lon, radiusM: v.radiusM });
      message.success(t('tracking.checkpoints.created'));
      setAdding(false);
    } catch (e) {
      const f = formErrors(t, e, ['name', 'lat', 'lon', 'radiusM'] as const);
      if (f.length) form.setFields(f);
      message.error(errorText(t, e));
    }
  };

  return (
    <Card
      size="small"
      title={t('tracking.checkpoints.title')}
      data-testid="tracking-checkpoints"
      extra={
        canCreate && (
          <Button icon={<PlusOutlined />} onClick={() => openAdd()} disabled={!teamId} data-testid="tracking-checkpoint-add">
            {t('tracking.checkpoints.add')}
          </Button>
        )
      }
    >
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Table<Checkpoint>
            data-testid="tracking-checkpoints-table"
            size="small"
            rowKey="id"
            loading={list.isFetching}
            dataSource={items}
            pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
            locale={{ emptyText: t('tracking.checkpoints.empty') }}
            onRow={(c) => ({ onClick: () => ctx?.map.flyTo(ctx.ll(c.lat, c.lon), 17, { duration: 0.4 }), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('tracking.checkpoints.name'),
                dataIndex: 'name',
                key: 'name',
                render: (v: string, c) => (
                  <Space size={4}>
                    {v}
                    {!c.active && <Tag>{t('tracking.checkpoints.inactive')}</Tag>}
                  </Space>
                ),
              },
              { title: t('tracking.checkpoints.position'), key: 'pos', width: 190, render: (_, c) => formatLatLon(c.lat, c.lon) },
              { title: t('tracking.checkpoints.radius'), dataIndex: 'radiusM', key: 'r', width: 90, render: (v: number) => `${Math.round(v)} m` },
              {
                title: '',
                key: 'actions',
                width: 70,
                render: (_, c) =>
                  canDelete && (
                    <Popconfirm title={t('tracking.checkpoints.deleteConfirm')} onConfirm={() => remove.mutate(c.id, { onError: (e) => message.error(errorText(t, e)) })}>
                      <Button type="link" size="small" danger onClick={(e) => e.stopPropagation()} data-testid="tracking-checkpoint-delete">
                        {t('tracking.delete')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <TeamMap teamId={teamId} height={320} onMap={setCtx} testId="tracking-checkpoints-map" />
          {canCreate && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tracking.checkpoints.mapHint')}
            </Typography.Text>
          )}
        </Col>
      </Row>
      <Modal
        open={adding}
        title={t('tracking.checkpoints.add')}
        onCancel={() => setAdding(false)}
        onOk={() => void submit()}
        okText={t('common.save')}
        okButtonProps={{ 'data-testid': 'tracking-checkpoint-save' }}
        confirmLoading={create.isPending}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('tracking.checkpoints.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input id="tracking-checkpoint-name" maxLength={60} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="lat" label={t('tracking.checkpoints.lat')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber id="tracking-checkpoint-lat" min={-90} max={90} step={0.0001} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="lon" label={t('tracking.checkpoints.lon')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber id="tracking-checkpoint-lon" min={-180} max={180} step={0.0001} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="radiusM" label={t('tracking.checkpoints.radius')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber id="tracking-checkpoint-radius" min={5} max={2000} addonAfter="m" style={{ width: 140 }} />
            </Form.Item>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tracking.checkpoints.wgsHint')}
          </Typography.Text>
        </Form>
      </Modal>
    </Card>
  );
}
