import { useEffect } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { formErrors, isStale } from '../errors';
import { DEVICE_KINDS, DEVICE_PROTOCOLS, useCreateDevice, useUpdateDevice, type Device, type DeviceKind, type DeviceProtocol } from '../api';
import { TeamSelect } from './TeamSelect';
import { validValues } from '../../../shared/forms';

export type DeviceFormMode = { kind: 'create' } | { kind: 'edit'; device: Device } | { kind: 'assign'; device: Device };

interface Values {
  identifier: string;
  protocol: DeviceProtocol;
  kind: DeviceKind;
  name: string;
  orgUnitId: string;
  note?: string;
}

const FIELDS = ['identifier', 'protocol', 'kind', 'name', 'orgUnitId', 'note'] as const;

/** Register a device, edit one, or assign an auto-registered (unassigned) one to a team. */
export function DeviceFormModal({ mode, defaultTeamId, onClose }: { mode: DeviceFormMode | null; defaultTeamId: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateDevice();
  const update = useUpdateDevice();
  const teamId = Form.useWatch('orgUnitId', form);
  const device = mode && mode.kind !== 'create' ? mode.device : null;

  useEffect(() => {
    if (!mode) return;
    form.resetFields();
    if (mode.kind === 'create') form.setFieldsValue({ protocol: 'osmand', kind: 'phone', orgUnitId: defaultTeamId });
    else
      form.setFieldsValue({
        identifier: mode.device.identifier,
        protocol: mode.device.protocol,
        kind: mode.device.kind,
        name: mode.device.name,
        orgUnitId: mode.device.orgUnitId ?? defaultTeamId,
        note: mode.device.note ?? undefined,
      });
  }, [mode, defaultTeamId, form]);

  const submit = async () => {
    if (!mode) return;
    const v = await validValues(form);
    if (!v) return;
    const note = v.note?.trim() ? v.note.trim() : null;
    try {
      if (mode.kind === 'create') {
        await create.mutateAsync({ identifier: v.identifier.trim(), protocol: v.protocol, kind: v.kind, name: v.name.trim(), orgUnitId: v.orgUnitId, note });
        message.success(t('tracking.devices.created'));
      } else {
        const d = mode.device;
        await update.mutateAsync({
          id: d.id,
          body: {
            version: d.version,
            name: v.name.trim(),
            kind: v.kind,
            orgUnitId: v.orgUnitId,
            note,
            ...(mode.kind === 'assign' ? { status: 'active' as const } : {}),
          },
        });
        message.success(mode.kind === 'assign' ? t('tracking.devices.assigned') : t('common.saved'));
      }
      onClose();
    } catch (e) {
      const byField = formErrors(t, e, FIELDS);
      if (byField.length) form.setFields(byField);
      if (isStale(e)) {
        message.error(t('tracking.staleHint'));
        onClose();
        return;
      }
      message.error(errorText(t, e));
    }
  };

  const title = !mode ? '' : mode.kind === 'create' ? t('tracking.devices.createTitle') : mode.kind === 'assign' ? t('tracking.devices.assignTitle') : t('tracking.devices.editTitle');

  return (
    <Modal
      open={!!mode}
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'tracking-device-save' }}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {mode?.kind === 'assign' && <Alert type="info" showIcon title={t('tracking.devices.assignHint')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" data-testid="tracking-device-form">
        <Form.Item name="identifier" label={t('tracking.devices.identifier')} tooltip={t('tracking.devices.identifierHint')} rules={[{ required: true, message: t('common.required') }]}>
          <Input id="tracking-device-identifier" maxLength={40} disabled={!!device} />
        </Form.Item>
        <Form.Item name="protocol" label={t('tracking.devices.protocol')} rules={[{ required: true, message: t('common.required') }]}>
          <Select id="tracking-device-protocol" disabled={!!device} options={DEVICE_PROTOCOLS.map((p) => ({ value: p, label: t(`tracking.protocols.${p}`) }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('tracking.devices.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select id="tracking-device-kind" options={DEVICE_KINDS.map((k) => ({ value: k, label: t(`tracking.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('tracking.devices.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input id="tracking-device-name" maxLength={60} />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('tracking.team')} rules={[{ required: true, message: t('common.required') }]}>
          <TeamSelect id="tracking-device-team" value={teamId} onChange={(v) => form.setFieldValue('orgUnitId', v)} width="100%" />
        </Form.Item>
        <Form.Item name="note" label={t('tracking.devices.note')}>
          <Input.TextArea id="tracking-device-note" rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
