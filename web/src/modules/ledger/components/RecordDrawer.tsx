import { useEffect, useMemo } from 'react';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { errorText, fieldErrors } from '../../../shared/api/errors';
import { useLedgerList, useRoomTypes, useSaveRecord, type AnyRecord, type Ledger, type Office, type Person } from '../api';
import { FIELDS, signageTypeOptions, type FieldDef } from '../fields';
import { PhotoStrip } from './PhotoStrip';
import { UnitPicker, useLedgerScope } from './UnitPicker';
import { validValues } from '../../../shared/forms';

type Values = Record<string, unknown>;

function toForm(def: FieldDef, v: unknown): unknown {
  if (def.kind === 'date') return typeof v === 'string' && v ? dayjs(v) : null;
  return v ?? undefined;
}

function fromForm(def: FieldDef, v: unknown): unknown {
  if (def.kind === 'date') return v ? (v as Dayjs).format('YYYY-MM-DD') : null;
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? null : s;
  }
  return v ?? null;
}

/** Create (no `record`) or edit a ledger record; server validation issues are shown on their fields. */
export function RecordDrawer({
  ledger,
  open,
  record,
  defaultUnitId,
  onClose,
}: {
  ledger: Ledger;
  open: boolean;
  record: AnyRecord | null;
  defaultUnitId: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveRecord(ledger);
  const scope = useLedgerScope();
  const editing = !!record;
  const fields = FIELDS[ledger];
  const unitId = Form.useWatch('orgUnitId', form) as string | undefined;
  const formUnit = record?.orgUnitId ?? unitId;

  const roomTypes = useRoomTypes(open && ledger === 'rooms');
  const needOffices = ledger === 'rooms';
  const needPersons = ledger === 'assets';
  const offices = useLedgerList<Office>('offices', { orgUnitId: formUnit, limit: 1000 }, open && needOffices && !!formUnit);
  const persons = useLedgerList<Person>('persons', { orgUnitId: formUnit, limit: 1000, status: 'active' }, open && needPersons && !!formUnit);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const initial: Values = {};
    if (record) {
      for (const f of fields) initial[f.name] = toForm(f, (record as unknown as Values)[f.name]);
      if (ledger === 'persons') initial.idNumber = undefined;
    } else {
      initial.orgUnitId = defaultUnitId;
      if (ledger === 'persons') Object.assign(initial, { kind: 'officer', status: 'active', partyMember: false, trainingHours: 0 });
      if (ledger === 'assets') initial.status = 'in_use';
      if (ledger === 'signage') initial.conforms = true;
      if (ledger === 'offices') Object.assign(initial, { independent: false, floor: 1 });
    }
    form.setFieldsValue(initial);
  }, [open, record, ledger, defaultUnitId, fields, form]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const body: Values = {};
    for (const f of fields) {
      if (!(f.name in v)) continue;
      if (editing && f.name === 'idNumber' && !v.idNumber) continue;
      const out = fromForm(f, v[f.name]);
      if (out === null && !f.nullable) continue;
      body[f.name] = out;
    }
    try {
      if (record) await save.mutateAsync({ id: record.id, body: { ...body, version: record.version } });
      else await save.mutateAsync({ body: { ...body, orgUnitId: v.orgUnitId } });
      message.success(editing ? t('ledger.saved') : t('ledger.created'));
      onClose();
    } catch (e) {
      const byField = fieldErrors(e, [...fields.map((f) => f.name), 'orgUnitId']);
      if (byField.length) form.setFields(byField);
      if (e instanceof ApiError && e.code === 'conflict.stale_version') {
        message.error(t('ledger.staleHint'));
        onClose();
        return;
      }
      message.error(errorText(t, e));
    }
  };

  const officeOptions = useMemo(() => (offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })), [offices.data]);
  const personOptions = useMemo(() => (persons.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.certificateNo ? ` · ${p.certificateNo}` : ''}` })), [persons.data]);

  const control = (f: FieldDef) => {
    const id = `ledger-${f.name}`;
    switch (f.kind) {
      case 'textarea':
        return <Input.TextArea id={id} rows={2} maxLength={f.maxLength} />;
      case 'number':
      case 'integer':
        return <InputNumber id={id} style={{ width: '100%' }} precision={f.kind === 'integer' ? 0 : undefined} />;
      case 'date':
        return <DatePicker id={id} style={{ width: '100%' }} />;
      case 'bool':
        return <Switch id={id} />;
      case 'select':
        return <Select id={id} options={f.options?.(t)} allowClear={!f.required} />;
      case 'roomType':
        return <Select id={id} loading={roomTypes.isPending} options={(roomTypes.data?.items ?? []).map((r) => ({ value: r.name, label: r.name }))} showSearch />;
      case 'signageType':
        return <Select id={id} options={signageTypeOptions()} showSearch />;
      case 'office':
        return <Select id={id} allowClear options={needOffices ? officeOptions : []} disabled={!formUnit} />;
      case 'person':
        return <Select id={id} allowClear showSearch optionFilterProp="label" options={needPersons ? personOptions : []} disabled={!formUnit} />;
      default:
        return <Input id={id} maxLength={f.maxLength} placeholder={editing && f.name === 'idNumber' ? t('ledger.idNumberEditHint') : undefined} />;
    }
  };

  return (
    <Drawer
      title={editing ? t('ledger.editTitle') : t('ledger.createTitle')}
      open={open}
      onClose={onClose}
      size={520}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()} data-testid="ledger-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" data-testid="ledger-form">
        {!editing && (
          <Form.Item name="orgUnitId" label={t('ledger.fields.orgUnitId')} rules={[{ required: true, message: t('common.required') }]} hidden={!scope.showPicker}>
            <UnitPicker value={unitId} onChange={(v) => form.setFieldValue('orgUnitId', v)} teamsOnly width="100%" id="ledger-orgUnitId" />
          </Form.Item>
        )}
        {editing && record && <Alert type="info" showIcon title={record.orgUnitName} style={{ marginBottom: 12 }} />}
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={t(`ledger.fields.${f.label}`)}
            valuePropName={f.kind === 'bool' ? 'checked' : 'value'}
            rules={[
              ...(f.required && !(editing && f.name === 'idNumber') ? [{ required: true, message: t('common.required') }] : []),
              ...(f.pattern ? [{ pattern: f.pattern, message: t('ledger.fields.' + f.label) + ' ✗' }] : []),
              ...(f.min !== undefined || f.max !== undefined ? [{ type: 'number' as const, min: f.min, max: f.max }] : []),
            ]}
          >
            {control(f)}
          </Form.Item>
        ))}
      </Form>
      {editing && record && (ledger === 'rooms' || ledger === 'signage') && 'photos' in record && (
        <PhotoStrip ledger={ledger} record={record} editable={record.actions.includes('uploadPhoto')} />
      )}
    </Drawer>
  );
}
