import { useMemo } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText, fieldErrors } from '../../../shared/api/errors';
import { useStandards } from '../../../shared/catalog';
import { useOrgUnits } from '../../../shared/org';
import { useCreateCampaign } from '../api';
import { validValues } from '../../../shared/forms';

interface Values {
  name: string;
  versionId: string;
  unitIds: string[];
  period: [Dayjs, Dayjs];
  passPct: number;
  basicPct: number;
}

export function CreateCampaignModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const standards = useStandards();
  const units = useOrgUnits(open);
  const create = useCreateCampaign();

  const versions = (standards.data?.items ?? []).flatMap((s) =>
    s.versions.filter((v) => v.status === 'published').map((v) => ({ value: v.id, label: `${s.name.split(' — ')[0]} · ${v.label}` })),
  );
  // Teams grouped by their district: pick a district to take all its teams.
  const treeData = useMemo(() => {
    const all = units.data?.items ?? [];
    return all
      .filter((u) => u.kind === 'district' && !u.validTo)
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((d) => ({
        title: d.name,
        value: d.id,
        key: d.id,
        children: all
          .filter((u) => u.kind === 'team' && u.parentId === d.id && !u.validTo)
          .sort((a, b) => a.code.localeCompare(b.code))
          .map((u) => ({ title: u.name, value: u.id, key: u.id })),
      }))
      .filter((d) => d.children.length > 0);
  }, [units.data]);
  const districtIds = new Set(treeData.map((d) => d.value));

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      const r = await create.mutateAsync({
        name: v.name,
        versionId: v.versionId,
        unitIds: v.unitIds.filter((id) => !districtIds.has(id)),
        startDate: v.period[0].format('YYYY-MM-DD'),
        dueDate: v.period[1].format('YYYY-MM-DD'),
        passPct: v.passPct,
        basicPct: v.basicPct,
      });
      message.success(t('assessment.created'));
      form.resetFields();
      onCreated(r.id);
    } catch (e) {
      const f = fieldErrors(e, ['name', 'versionId', 'unitIds', 'passPct', 'basicPct'] as const);
      if (f.length) form.setFields(f);
      message.error(errorText(t, e));
    }
  };

  return (
    <Modal
      title={t('assessment.create')}
      open={open}
      onOk={() => void submit()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ passPct: 80, basicPct: 65 }} data-testid="campaign-form">
        <Form.Item name="name" label={t('assessment.name')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="versionId" label={t('assessment.version')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={versions} loading={standards.isPending} />
        </Form.Item>
        <Form.Item name="unitIds" label={t('assessment.teams')} rules={[{ required: true, message: t('common.required') }]}>
          <TreeSelect
            treeData={treeData}
            treeCheckable
            showCheckedStrategy={TreeSelect.SHOW_CHILD}
            treeDefaultExpandAll
            maxTagCount={6}
            loading={units.isPending}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="period" label={`${t('assessment.startDate')} – ${t('assessment.dueDate')}`} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="passPct" label={t('assessment.passPct')} rules={[{ required: true, message: t('common.required') }]} style={{ flex: 1 }}>
            <InputNumber min={1} max={100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="basicPct"
            label={t('assessment.basicPct')}
            dependencies={['passPct']}
            rules={[
              { required: true, message: t('common.required') },
              ({ getFieldValue }) => ({
                validator: (_, v: number) =>
                  v === undefined || v <= (getFieldValue('passPct') as number) ? Promise.resolve() : Promise.reject(new Error(`≤ ${getFieldValue('passPct')}`)),
              }),
            ]}
            style={{ flex: 1 }}
          >
            <InputNumber min={0} max={100} style={{ width: '100%' }} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
