import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { errorText, fieldErrors } from '../../../shared/api/errors';
import { useUpdateOrgUnit, type OrgUnit } from '../api';

interface Values {
  name: string;
  shortName?: string;
  note?: string;
  validTo?: Dayjs | null;
}

const FIELDS = ['name', 'shortName', 'note', 'validTo'] as const;

/** Edit a unit's descriptive fields; optimistic concurrency through `version`. */
export function OrgEditForm({
  unit,
  onRefresh,
  onSaved,
}: {
  unit: OrgUnit;
  onRefresh: () => void;
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateOrgUnit();
  const [stale, setStale] = useState(false);

  const onFinish = (v: Values) => {
    setStale(false);
    update.mutate(
      {
        id: unit.id,
        body: {
          version: unit.version,
          name: v.name.trim(),
          shortName: v.shortName?.trim() || null,
          note: v.note?.trim() || null,
          validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
        },
      },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onSaved?.();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.code === 'conflict.stale_version') {
            setStale(true);
            message.error(errorText(t, e));
            return;
          }
          const fields = fieldErrors(e, FIELDS);
          if (fields.length) form.setFields(fields);
          message.error(errorText(t, e));
        },
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="org-edit-form"
      initialValues={{
        name: unit.name,
        shortName: unit.shortName ?? '',
        note: unit.note ?? '',
        validTo: unit.validTo ? dayjs(unit.validTo) : null,
      }}
      onFinish={onFinish}
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('errors.conflict.stale_version')}
          action={
            <Button size="small" onClick={onRefresh}>
              {t('common.refresh')}
            </Button>
          }
        />
      )}
      <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="shortName" label={t('org.shortName')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="validTo" label={t('org.validTo')}>
        <DatePicker allowClear placeholder={t('org.openEnded')} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('org.note')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
