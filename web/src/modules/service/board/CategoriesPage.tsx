import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { errorText, fieldErrors } from '../../../shared/api/errors';
import { useCreateCategory, useDeleteCategory, useSaveWorkingHours, useServiceCategories, useUpdateCategory, useWorkingHours, type Category } from './api';

const CATEGORY_FIELDS = ['code', 'name', 'nameEn', 'bigClass', 'acceptHours', 'handleHours', 'replyHours', 'sortOrder'] as const;
type CategoryForm = { code: string; name: string; nameEn?: string; bigClass: string; acceptHours: number; handleHours: number; replyHours: number; sortOrder?: number };
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** The bureau's working periods: HH:MM, each ending after it starts, in order and not overlapping (checked here and by the server). */
function WorkingHoursCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const hours = useWorkingHours();
  const save = useSaveWorkingHours();
  const [form] = Form.useForm<{ periods: { start: string; end: string }[] }>();
  const editable = hours.data?.actions.includes('edit') ?? false;
  useEffect(() => {
    if (hours.data) form.setFieldsValue({ periods: hours.data.periods });
  }, [hours.data, form]);

  const onFinish = async (v: { periods: { start: string; end: string }[] }) => {
    if (!hours.data) return;
    try {
      await save.mutateAsync({ expectedVersion: hours.data.version, periods: v.periods });
      void message.success(t('serviceCategories.hours.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.issues.length) {
        // periods.1.start → ['periods', 1, 'start'] on the form.
        const path = (field: string) => field.replace(/^\/?(body[./])?/, '').split(/[./]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as ['periods', number, 'start' | 'end'];
        form.setFields(e.issues.map((i) => ({ name: path(i.field), errors: [t(i.code === 'minimum' ? 'serviceCategories.hours.overlap' : i.code === 'not_after_start' ? 'serviceCategories.hours.endAfterStart' : 'serviceCategories.hours.format')] })));
      } else void message.error(errorText(t, e));
    }
  };

  return (
    <Card
      size="small"
      data-testid="hours-card"
      title={
        <Space>
          {t('serviceCategories.hours.title')}
          {hours.data?.isDefault && (
            <Tag color="gold" data-testid="hours-default">
              {t('serviceCategories.hours.default')}
            </Tag>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('serviceCategories.hours.intro')}</Typography.Paragraph>
      {hours.isError && <Alert type="error" showIcon title={errorText(t, hours.error)} />}
      <Form form={form} layout="inline" onFinish={onFinish} disabled={!editable}>
        <Form.List name="periods">
          {(fields, { add, remove }) => (
            <Space orientation="vertical">
              {fields.map((f, n) => (
                <Space key={f.key} align="baseline" data-testid={`period-${n}`}>
                  <span>{t('serviceCategories.hours.period', { n: n + 1 })}</span>
                  <Form.Item
                    name={[f.name, 'start']}
                    rules={[{ required: true, pattern: HHMM, message: t('serviceCategories.hours.format') }]}
                  >
                    <Input aria-label={`${t('serviceCategories.hours.period', { n: n + 1 })} ${t('serviceCategories.hours.start')}`} placeholder="08:30" style={{ width: 90 }} data-testid={`period-${n}-start`} />
                  </Form.Item>
                  <span>—</span>
                  <Form.Item
                    name={[f.name, 'end']}
                    dependencies={[['periods', f.name, 'start']]}
                    rules={[
                      { required: true, pattern: HHMM, message: t('serviceCategories.hours.format') },
                      ({ getFieldValue }) => ({
                        validator: (_, end: string) => {
                          const start = getFieldValue(['periods', f.name, 'start']) as string | undefined;
                          return !start || !end || !HHMM.test(start) || !HHMM.test(end) || minutes(end) > minutes(start) ? Promise.resolve() : Promise.reject(new Error(t('serviceCategories.hours.endAfterStart')));
                        },
                      }),
                      ({ getFieldValue }) => ({
                        validator: () => {
                          const prev = n > 0 ? (getFieldValue(['periods', fields[n - 1]!.name, 'end']) as string | undefined) : undefined;
                          const start = getFieldValue(['periods', f.name, 'start']) as string | undefined;
                          return !prev || !start || !HHMM.test(prev) || !HHMM.test(start) || minutes(start) >= minutes(prev) ? Promise.resolve() : Promise.reject(new Error(t('serviceCategories.hours.overlap')));
                        },
                      }),
                    ]}
                  >
                    <Input aria-label={`${t('serviceCategories.hours.period', { n: n + 1 })} ${t('serviceCategories.hours.end')}`} placeholder="12:00" style={{ width: 90 }} data-testid={`period-${n}-end`} />
                  </Form.Item>
                  {editable && fields.length > 1 && (
                    <Button size="small" onClick={() => remove(f.name)} data-testid={`period-${n}-remove`}>
                      {t('serviceCategories.hours.remove')}
                    </Button>
                  )}
                </Space>
              ))}
              {editable && (
                <Space>
                  {fields.length < 6 && (
                    <Button onClick={() => add({ start: '', end: '' })} data-testid="period-add">
                      {t('serviceCategories.hours.add')}
                    </Button>
                  )}
                  <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="hours-save">
                    {t('serviceCategories.hours.save')}
                  </Button>
                </Space>
              )}
            </Space>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

/** Create or edit one category (the code only when creating: hotline mappings and Open311 name it). */
function CategoryModal({ open, category, onClose }: { open: boolean; category: Category | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryForm>();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (category) form.setFieldsValue({ ...category, nameEn: category.nameEn ?? undefined });
  }, [open, category, form]);

  const onOk = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      if (category) await update.mutateAsync({ id: category.id, body: { expectedVersion: category.version, name: v.name, nameEn: v.nameEn || null, bigClass: v.bigClass, acceptHours: v.acceptHours, handleHours: v.handleHours, replyHours: v.replyHours, sortOrder: v.sortOrder, active: category.active } });
      else await create.mutateAsync({ code: v.code, name: v.name, nameEn: v.nameEn || null, bigClass: v.bigClass, acceptHours: v.acceptHours, handleHours: v.handleHours, replyHours: v.replyHours, sortOrder: v.sortOrder });
      void message.success(t('serviceCategories.saved'));
      onClose();
    } catch (e) {
      const fields = fieldErrors(e, CATEGORY_FIELDS);
      if (fields.length) form.setFields(fields);
      else setError(errorText(t, e));
    }
  };

  const hoursRule = { required: true, type: 'integer' as const, min: 1, max: 480 };
  return (
    <Modal
      open={open}
      title={category ? t('serviceCategories.editTitle', { code: category.code }) : t('serviceCategories.createTitle')}
      onOk={() => void onOk()}
      onCancel={onClose}
      okText={t('serviceCategories.save')}
      cancelText={t('serviceCategories.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'category-save' } as React.ComponentProps<typeof Button>}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="category-error" />}
      <Form form={form} layout="vertical" initialValues={{ acceptHours: 1, handleHours: 8, replyHours: 16, sortOrder: 0 }}>
        <Form.Item name="code" label={t('serviceCategories.code')} extra={t('serviceCategories.codeHint')} rules={[{ required: !category, max: 20 }]}>
          <Input disabled={!!category} data-testid="category-code" />
        </Form.Item>
        <Form.Item name="name" label={t('serviceCategories.name')} rules={[{ required: true, max: 40 }]}>
          <Input data-testid="category-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('serviceCategories.nameEn')} rules={[{ max: 80 }]}>
          <Input data-testid="category-name-en" />
        </Form.Item>
        <Form.Item name="bigClass" label={t('serviceCategories.bigClass')} rules={[{ required: true, max: 20 }]}>
          <Input data-testid="category-big-class" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="acceptHours" label={t('serviceCategories.acceptHours')} rules={[hoursRule]}>
            <InputNumber min={1} max={480} precision={0} data-testid="category-accept" />
          </Form.Item>
          <Form.Item name="handleHours" label={t('serviceCategories.handleHours')} rules={[hoursRule]}>
            <InputNumber min={1} max={480} precision={0} data-testid="category-handle" />
          </Form.Item>
          <Form.Item name="replyHours" label={t('serviceCategories.replyHours')} rules={[hoursRule]}>
            <InputNumber min={1} max={480} precision={0} data-testid="category-reply" />
          </Form.Item>
        </Space>
        <Form.Item name="sortOrder" label={t('serviceCategories.sortOrder')}>
          <InputNumber min={0} max={100000} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 类别与时限: the report categories with their accept / handle / reply limits, and the bureau's working hours. */
export default function ServiceCategoriesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useServiceCategories();
  const update = useUpdateCategory();
  const remove = useDeleteCategory();
  const [editing, setEditing] = useState<{ open: boolean; category: Category | null }>({ open: false, category: null });
  const canEdit = list.data?.actions.includes('edit') ?? false;

  const setActive = async (c: Category, active: boolean) => {
    try {
      await update.mutateAsync({ id: c.id, body: { expectedVersion: c.version, name: c.name, nameEn: c.nameEn, bigClass: c.bigClass, acceptHours: c.acceptHours, handleHours: c.handleHours, replyHours: c.replyHours, sortOrder: c.sortOrder, active } });
      void message.success(t('serviceCategories.saved'));
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };
  const onDelete = async (c: Category) => {
    try {
      await remove.mutateAsync(c.id);
      void message.success(t('serviceCategories.deleted'));
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };

  const hoursCell = (h: number) => t('serviceCategories.hoursShort', { hours: h });
  const columns: ColumnsType<Category> = [
    { title: t('serviceCategories.code'), dataIndex: 'code' },
    {
      title: t('serviceCategories.name'),
      key: 'name',
      render: (_, c) => (
        <Space size={4} wrap>
          {c.name}
          {c.localDefault && (
            <Tooltip title={t('serviceCategories.localDefaultHint')}>
              <Tag color="gold" data-testid="category-local-default">
                {t('serviceCategories.localDefault')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: t('serviceCategories.bigClass'), dataIndex: 'bigClass' },
    { title: t('serviceCategories.acceptHours'), key: 'accept', align: 'right', render: (_, c) => hoursCell(c.acceptHours) },
    { title: t('serviceCategories.handleHours'), key: 'handle', align: 'right', render: (_, c) => hoursCell(c.handleHours) },
    { title: t('serviceCategories.replyHours'), key: 'reply', align: 'right', render: (_, c) => hoursCell(c.replyHours) },
    { title: t('serviceCategories.status'), key: 'active', render: (_, c) => <Tag color={c.active ? 'green' : 'default'}>{t(c.active ? 'serviceCategories.active' : 'serviceCategories.inactive')}</Tag> },
    { title: t('serviceCategories.requestCount'), dataIndex: 'requestCount', align: 'right' },
    ...(canEdit
      ? [
          {
            title: t('serviceCategories.actions'),
            key: 'actions',
            render: (_: unknown, c: Category) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => setEditing({ open: true, category: c })} data-testid="category-edit">
                  {t('serviceCategories.edit')}
                </Button>
                {c.active ? (
                  <Popconfirm title={t('serviceCategories.deactivateConfirm', { name: c.name })} onConfirm={() => setActive(c, false)} okText={t('serviceCategories.deactivate')} cancelText={t('serviceCategories.cancel')}>
                    <Button size="small" data-testid="category-deactivate">
                      {t('serviceCategories.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => void setActive(c, true)} data-testid="category-activate">
                    {t('serviceCategories.activate')}
                  </Button>
                )}
                {c.requestCount === 0 ? (
                  <Popconfirm title={t('serviceCategories.deleteConfirm', { name: c.name })} onConfirm={() => onDelete(c)} okText={t('serviceCategories.delete')} cancelText={t('serviceCategories.cancel')} okButtonProps={{ danger: true }}>
                    <Button size="small" danger data-testid="category-delete">
                      {t('serviceCategories.delete')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Tooltip title={t('serviceCategories.inUseHint')}>
                    <Button size="small" danger disabled>
                      {t('serviceCategories.delete')}
                    </Button>
                  </Tooltip>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('serviceCategories.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('serviceCategories.intro')}</Typography.Paragraph>
      <WorkingHoursCard />
      {list.isError && <Alert type="error" showIcon title={errorText(t, list.error)} />}
      {canEdit && (
        <div>
          <Button type="primary" onClick={() => setEditing({ open: true, category: null })} data-testid="category-create">
            {t('serviceCategories.create')}
          </Button>
        </div>
      )}
      <Table<Category> data-testid="categories-table" rowKey="id" size="middle" loading={list.isFetching} columns={columns} dataSource={list.data?.items ?? []} pagination={false} scroll={{ x: 'max-content' }} />
      <CategoryModal open={editing.open} category={editing.category} onClose={() => setEditing({ open: false, category: null })} />
    </Space>
  );
}
