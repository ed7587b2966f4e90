import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useCreateOpen311Key, useOpen311Keys, useRevokeOpen311Key, type ApiKey, type CreatedKey } from './api';

const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** 新建密钥: who holds it and its hourly limit; the answer carries the key, shown once in the next dialog. */
function CreateDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (c: CreatedKey) => void }) {
  const { t } = useTranslation();
  const create = useCreateOpen311Key();
  const [form] = Form.useForm<{ name: string; hourlyLimit: number }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      onCreated(await create.mutateAsync({ name: v.name.trim(), hourlyLimit: v.hourlyLimit }));
    } catch {
      // shown below
    }
  };
  return (
    <Modal open title={t('serviceOpen311.create')} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={create.isPending} okButtonProps={{ id: 'open311-create-ok' }}>
      <Form form={form} layout="vertical" initialValues={{ hourlyLimit: 60 }}>
        <Form.Item name="name" label={t('serviceOpen311.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}>
          <Input placeholder={t('serviceOpen311.namePlaceholder')} id="open311-name" />
        </Form.Item>
        <Form.Item name="hourlyLimit" label={t('serviceOpen311.hourlyLimit')} extra={t('serviceOpen311.hourlyLimitHint')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} id="open311-limit" />
        </Form.Item>
      </Form>
      {create.isError && <Alert type="error" showIcon title={errorText(t, create.error)} />}
    </Modal>
  );
}

/** 开放接口 (Open311 GeoReport v2): the endpoint, its jurisdiction and the API keys (service.manage). */
export default function Open311Page() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const keys = useOpen311Keys();
  const revoke = useRevokeOpen311Key();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const endpoint = `${window.location.origin}${keys.data?.endpoint ?? '/open311/v2'}`;

  const columns: ColumnsType<ApiKey> = [
    { title: t('serviceOpen311.name'), dataIndex: 'name', key: 'name' },
    { title: t('serviceOpen311.keyPrefix'), dataIndex: 'keyPrefix', key: 'keyPrefix', render: (v: string) => <code>{v}…</code> },
    { title: t('serviceOpen311.hourlyLimit'), dataIndex: 'hourlyLimit', key: 'hourlyLimit', align: 'right' },
    { title: t('serviceOpen311.usedLastHour'), dataIndex: 'usedLastHour', key: 'usedLastHour', align: 'right' },
    { title: t('serviceOpen311.createdAt'), key: 'createdAt', render: (_, k) => `${at(k.createdAt)}${k.createdByName ? ` · ${k.createdByName}` : ''}` },
    { title: t('serviceOpen311.lastUsedAt'), key: 'lastUsedAt', render: (_, k) => (k.lastUsedAt ? at(k.lastUsedAt) : t('serviceOpen311.never')) },
    {
      title: t('serviceOpen311.status'),
      key: 'status',
      render: (_, k) =>
        k.revokedAt ? (
          <Space size={4}>
            <Tag>{t('serviceOpen311.revoked')}</Tag>
            <Typography.Text type="secondary">{t('serviceOpen311.revokedAt', { at: at(k.revokedAt) })}</Typography.Text>
          </Space>
        ) : (
          <Tag color="green">{t('serviceOpen311.active')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, k) =>
        !k.revokedAt && (
          <Popconfirm
            title={t('serviceOpen311.revokeConfirm', { name: k.name })}
            okText={t('serviceOpen311.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, className: 'open311-revoke-ok' }}
            onConfirm={async () => {
              try {
                await revoke.mutateAsync(k.id);
                message.success(t('serviceOpen311.revokedDone'));
              } catch (e) {
                message.error(errorText(t, e));
              }
            }}
          >
            <Button size="small" type="link" danger data-testid={`open311-revoke-${k.name}`}>
              {t('serviceOpen311.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="open311-page">
      <Card title={t('serviceOpen311.title')}>
        <Typography.Paragraph>{t('serviceOpen311.intro')}</Typography.Paragraph>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('serviceOpen311.endpoint')}>
            <Typography.Text copyable code data-testid="open311-endpoint">
              {endpoint}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('serviceOpen311.jurisdiction')}>
            <Typography.Text code data-testid="open311-jurisdiction">
              {keys.data?.jurisdictionId ?? ''}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <Space style={{ marginTop: 12 }}>
          <a href="/open311/v2/services.xml" target="_blank" rel="noreferrer">
            {t('serviceOpen311.tryServices')} (services.xml)
          </a>
          <a href="/open311/v2/requests.json" target="_blank" rel="noreferrer">
            {t('serviceOpen311.tryRequests')} (requests.json)
          </a>
        </Space>
      </Card>
      <Card
        title={t('serviceOpen311.keys')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="open311-create">
            {t('serviceOpen311.create')}
          </Button>
        }
      >
        {keys.isError && <Alert type="error" showIcon title={errorText(t, keys.error)} style={{ marginBottom: 12 }} />}
        <Table<ApiKey>
          rowKey="id"
          size="middle"
          loading={keys.isFetching}
          dataSource={keys.data?.items ?? []}
          columns={columns}
          locale={{ emptyText: t('serviceOpen311.empty') }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          data-testid="open311-keys"
        />
      </Card>
      {creating && (
        <CreateDialog
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated(c);
          }}
        />
      )}
      {created && (
        <Modal open title={t('serviceOpen311.createdTitle')} closable={false} maskClosable={false} footer={<Button type="primary" onClick={() => setCreated(null)} data-testid="open311-secret-close">{t('serviceOpen311.close')}</Button>}>
          <Alert type="warning" showIcon title={t('serviceOpen311.secretOnce')} style={{ marginBottom: 12 }} />
          <Typography.Text strong>{t('serviceOpen311.secret')}（{created.key.name}）</Typography.Text>
          <Typography.Paragraph copyable code data-testid="open311-secret" style={{ marginTop: 8, wordBreak: 'break-all' }}>
            {created.secret}
          </Typography.Paragraph>
        </Modal>
      )}
    </Space>
  );
}
