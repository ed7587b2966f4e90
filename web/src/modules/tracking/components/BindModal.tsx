import { useEffect, useMemo } from 'react';
import { Alert, App, DatePicker, Form, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { formErrors } from '../errors';
import { useLedgerList, type Asset, type Person } from '../../../shared/ledger';
import { useBindDevice, type Device } from '../api';
import { validValues } from '../../../shared/forms';

interface Values {
  target: 'person' | 'asset';
  personId?: string;
  assetId?: string;
  validFrom?: Dayjs | null;
}

export const assetLabel = (a: Pick<Asset, 'plate' | 'serial' | 'model'>): string => [a.plate, a.model, a.serial].filter(Boolean).join(' · ');

/** Bind a device to an officer or a vehicle of its team from a moment on (closes the current binding then). */
export function BindModal({ device, onClose }: { device: Device | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const bind = useBindDevice();
  const target = Form.useWatch('target', form) ?? (device?.kind === 'vehicle_terminal' ? 'asset' : 'person');
  const unit = device?.orgUnitId ?? undefined;
  const persons = useLedgerList<Person>('persons', { orgUnitId: unit, status: 'active', limit: 1000 }, !!device && !!unit);
  const vehicles = useLedgerList<Asset>('assets', { orgUnitId: unit, type: 'vehicle', limit: 1000 }, !!device && !!unit);

  useEffect(() => {
    if (!device) return;
    form.resetFields();
    form.setFieldsValue({ target: device.kind === 'vehicle_terminal' ? 'asset' : 'person', validFrom: null });
  }, [device, form]);

  const personOptions = useMemo(
    () => (persons.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.position ? ` · ${p.position}` : ''}` })),
    [persons.data],
  );
  const vehicleOptions = useMemo(() => (vehicles.data?.items ?? []).map((a) => ({ value: a.id, label: assetLabel(a) })), [vehicles.data]);

  const submit = async () => {
    if (!device) return;
    const v = await validValues(form);
    if (!v) return;
    const body = {
      ...(v.target === 'person' ? { personId: v.personId } : { assetId: v.assetId }),
      ...(v.validFrom ? { validFrom: v.validFrom.toISOString() } : {}),
    };
    try {
      await bind.mutateAsync({ id: device.id, body });
      message.success(t('tracking.devices.bound'));
      onClose();
    } catch (e) {
      const f = formErrors(t, e, ['personId', 'assetId', 'validFrom'] as const);
      if (f.length) form.setFields(f);
      message.error(errorText(t, e));
    }
  };

  return (
    <Modal
      open={!!device}
      title={device ? t('tracking.devices.bindTitle', { name: device.name }) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('tracking.devices.bind')}
      okButtonProps={{ 'data-testid': 'tracking-bind-save' }}
      confirmLoading={bind.isPending}
      destroyOnHidden
    >
      {device?.binding && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('tracking.devices.rebindHint', { who: device.binding.personName ?? device.binding.assetLabel ?? '—' })}
        />
      )}
      <Form form={form} layout="vertical" data-testid="tracking-bind-form">
        <Form.Item name="target" label={t('tracking.devices.bindTarget')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'person', label: t('tracking.devices.toPerson') },
              { value: 'asset', label: t('tracking.devices.toVehicle') },
            ]}
          />
        </Form.Item>
        {target === 'person' ? (
          <Form.Item name="personId" label={t('tracking.devices.person')} rules={[{ required: true, message: t('common.required') }]}>
            <Select id="tracking-bind-person" showSearch={{ optionFilterProp: 'label' }} loading={persons.isFetching} options={personOptions} />
          </Form.Item>
        ) : (
          <Form.Item name="assetId" label={t('tracking.devices.vehicle')} rules={[{ required: true, message: t('common.required') }]}>
            <Select id="tracking-bind-vehicle" showSearch={{ optionFilterProp: 'label' }} loading={vehicles.isFetching} options={vehicleOptions} />
          </Form.Item>
        )}
        <Form.Item name="validFrom" label={t('tracking.devices.validFrom')} extra={t('tracking.devices.validFromHint')}>
          <DatePicker id="tracking-bind-from" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
