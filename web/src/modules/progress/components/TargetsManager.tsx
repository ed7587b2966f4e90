import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, ApiError } from '../../../shared/api/client';
import { errorText, issueText } from '../../../shared/api/errors';
import { useOrgUnits } from '../../../shared/org';
import type { TargetList, TargetRow } from '../api';

interface FormValues {
  title: string;
  orgUnitId: string;
  dueDate: dayjs.Dayjs;
  requiredCount: number;
  aspectCode?: string | null;
  aspectMinPct?: number | null;
}

/** Create, edit and delete the dated targets of a campaign (progress.manage). */
export function TargetsManager({ campaignId, aspects }: { campaignId: string; aspects: { aspectCode: string; title: string }[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<TargetRow | 'new' | null>(null);
  const [form] = Form.useForm<FormValues>();
  const units = useOrgUnits(open);
  const targets = useQuery({
    queryKey: ['progress', 'targets', campaignId],
    queryFn: ({ signal }) => api.get<TargetList>('/api/progress/targets', { campaignId }, signal),
    enabled: open,
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['progress'] });
  };
  const save = useMutation({
    mutationFn: async (v: FormValues) => {
      const body = {
        title: v.title,
        dueDate: v.dueDate.format('YYYY-MM-DD'),
        requiredCount: v.requiredCount,
        aspectCode: v.aspectCode || null,
        aspectMinPct: v.aspectCode ? (v.aspectMinPct ?? null) : null,
      };
      if (editing === 'new') return api.post('/api/progress/targets', { ...body, campaignId, orgUnitId: v.orgUnitId });
      if (editing) return api.patch(`/api/progress/targets/${editing.id}`, { ...body, version: editing.version });
      return undefined;
    },
    onSuccess: async () => {
      message.success(t('progress.targetSaved'));
      setEditing(null);
      await refresh();
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.status === 409) {
        message.warning(t('progress.targetStale'));
        setEditing(null);
        await refresh();
        return;
      }
      if (e instanceof ApiError && e.issues.length) {
        form.setFields(e.issues.map((i) => ({ name: i.field as keyof FormValues, errors: [issueText(i)] })));
      }
      message.error(errorText(t, e));
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/progress/targets/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
    onError: (e) => message.error(errorText(t, e)),
  });
  const scopeOptions = (units.data?.items ?? []).filter((u) => ['bureau', 'detachment', 'district'].includes(u.kind)).map((u) => ({ value: u.id, label: u.name }));
  const startEdit = (row: TargetRow | 'new') => {
    setEditing(row);
    form.resetFields();
    if (row !== 'new') form.setFieldsValue({ title: row.title, orgUnitId: row.orgUnitId, dueDate: dayjs(row.dueDate), requiredCount: row.requiredCount, aspectCode: row.aspectCode, aspectMinPct: row.aspectMinPct });
    else form.setFieldsValue({ orgUnitId: scopeOptions[0]?.value });
  };

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="manage-targets">
        {t('progress.manageTargets')}
      </Button>
      <Modal open={open} title={t('progress.manageTargets')} width={820} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <Space style={{ marginBottom: 12 }}>
          {targets.data?.actions.includes('create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => startEdit('new')} data-testid="new-target">
              {t('progress.newTarget')}
            </Button>
          )}
        </Space>
        <Table<TargetRow>
          rowKey="id"
          size="small"
          pagination={false}
          loading={targets.isLoading}
          dataSource={targets.data?.items ?? []}
          columns={[
            { title: t('progress.target'), dataIndex: 'title' },
            { title: t('progress.targetScope'), dataIndex: 'orgUnitName', width: 150 },
            { title: t('progress.dueDate'), dataIndex: 'dueDate', width: 100 },
            { title: t('progress.required'), key: 'req', width: 80, render: (_, r) => `${r.requiredCount} / ${r.ofCount}` },
            {
              title: '',
              key: 'actions',
              width: 150,
              render: (_, r) => (
                <Space>
                  {r.actions.includes('update') && <Button size="small" icon={<EditOutlined />} onClick={() => startEdit(r)} />}
                  {r.actions.includes('delete') && (
                    <Popconfirm title={t('progress.deleteTargetConfirm')} onConfirm={() => remove.mutate(r.id)}>
                      <Button size="small" danger>
                        {t('progress.deleteTarget')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Modal>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('progress.newTarget') : t('progress.editTarget')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form<FormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="title" label={t('progress.target')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="orgUnitId" label={t('progress.targetScope')} rules={[{ required: true }]}>
            <Select options={scopeOptions} disabled={editing !== 'new'} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="dueDate" label={t('progress.dueDate')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="requiredCount" label={t('progress.required')} rules={[{ required: true }]}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
          </Space>
          <Space size="large" wrap>
            <Form.Item name="aspectCode" label={t('progress.targetAspect')} tooltip={t('progress.targetAspectHint')}>
              <Select allowClear style={{ minWidth: 200 }} options={aspects.map((a) => ({ value: a.aspectCode, label: `${a.aspectCode} ${a.title}` }))} />
            </Form.Item>
            <Form.Item name="aspectMinPct" label={t('progress.targetAspectMinPct')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
