import { useEffect, useMemo } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { formErrors, isStale } from '../errors';
import { kindLabel } from '../../../shared/labels';
import { useLedgerList, type Person } from '../../../shared/ledger';
import { useDeleteShift, useSaveShift, type Shift } from '../api';
import { useTrackingScope } from './TeamSelect';
import { validValues } from '../../../shared/forms';

export type ShiftEdit = { kind: 'new'; date: Dayjs } | { kind: 'edit'; shift: Shift };

interface Values {
  personId: string;
  areaUnitId: string;
  date: Dayjs;
  start: Dayjs;
  end: Dayjs;
  note?: string;
}

/** Create or edit (and delete) one shift: an officer on duty in an area (the team, a community or a grid). */
export function ShiftModal({ edit, teamId, canDelete, onClose }: { edit: ShiftEdit | null; teamId: string | undefined; canDelete: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const scope = useTrackingScope();
  const save = useSaveShift();
  const remove = useDeleteShift();
  const unit = edit?.kind === 'edit' ? edit.shift.orgUnitId : teamId;
  const persons = useLedgerList<Person>('persons', { orgUnitId: unit, status: 'active', limit: 1000 }, !!edit && !!unit);
  const areas = useMemo(() => scope.areasOf(unit), [scope, unit]);

  useEffect(() => {
    if (!edit) return;
    form.resetFields();
    if (edit.kind === 'new') {
      form.setFieldsValue({ date: edit.date, start: edit.date.hour(8).minute(0), end: edit.date.hour(17).minute(0), areaUnitId: unit });
    } else {
      const s = dayjs(edit.shift.startsAt);
      const e = dayjs(edit.shift.endsAt);
      form.setFieldsValue({ personId: edit.shift.personId, areaUnitId: edit.shift.areaUnitId, date: s.startOf('day'), start: s, end: e, note: edit.shift.note ?? undefined });
    }
  }, [edit, form, unit]);

  const personOptions = useMemo(() => {
    const options = (persons.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.position ? ` · ${p.position}` : ''}` }));
    // An officer no longer listed (left the team) still shows by name on an existing shift.
    if (edit?.kind === 'edit' && !options.some((o) => o.value === edit.shift.personId)) options.push({ value: edit.shift.personId, label: edit.shift.personName });
    return options;
  }, [persons.data, edit]);
  const areaOptions = areas.map((a) => ({ value: a.id, label: `${a.name}（${kindLabel(t, a.kind)}）` }));

  const submit = async () => {
    if (!edit || !unit) return;
    const v = await validValues(form);
    if (!v) return;
    const startsAt = v.date.hour(v.start.hour()).minute(v.start.minute()).second(0).millisecond(0);
    let endsAt = v.date.hour(v.end.hour()).minute(v.end.minute()).second(0).millisecond(0);
    if (!endsAt.isAfter(startsAt)) endsAt = endsAt.add(1, 'day'); // a night shift ends the next day
    const body = { personId: v.personId, areaUnitId: v.areaUnitId, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), note: v.note?.trim() ? v.note.trim() : null };
    try {
      if (edit.kind === 'edit') await save.mutateAsync({ id: edit.shift.id, version: edit.shift.version, orgUnitId: unit, body });
      else await save.mutateAsync({ orgUnitId: unit, body });
      message.success(edit.kind === 'edit' ? t('common.saved') : t('tracking.shifts.created'));
      onClose();
    } catch (e) {
      const f = formErrors(t, e, ['personId', 'areaUnitId', 'note', 'startsAt', 'endsAt'] as const).map((x) => ({
        ...x,
        name: (x.name === 'startsAt' ? 'start' : x.name === 'endsAt' ? 'end' : x.name) as keyof Values,
      }));
      if (f.length) form.setFields(f);
      if (isStale(e)) {
        message.error(t('tracking.staleHint'));
        onClose();
        return;
      }
      message.error(errorText(t, e));
    }
  };

  const doDelete = async () => {
    if (edit?.kind !== 'edit') return;
    try {
      await remove.mutateAsync({ id: edit.shift.id, version: edit.shift.version });
      message.success(t('tracking.shifts.deleted'));
      onClose();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <Modal
      open={!!edit}
      title={edit?.kind === 'edit' ? t('tracking.shifts.editTitle') : t('tracking.shifts.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          {edit?.kind === 'edit' && canDelete && (
            <Popconfirm title={t('tracking.shifts.deleteConfirm')} onConfirm={() => void doDelete()}>
              <Button danger loading={remove.isPending} data-testid="tracking-shift-delete">
                {t('tracking.delete')}
              </Button>
            </Popconfirm>
          )}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()} data-testid="tracking-shift-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" data-testid="tracking-shift-form">
        <Form.Item name="personId" label={t('tracking.shifts.person')} rules={[{ required: true, message: t('common.required') }]}>
          <Select id="tracking-shift-person" showSearch={{ optionFilterProp: 'label' }} loading={persons.isFetching} options={personOptions} />
        </Form.Item>
        <Form.Item name="areaUnitId" label={t('tracking.shifts.area')} rules={[{ required: true, message: t('common.required') }]}>
          <Select id="tracking-shift-area" showSearch={{ optionFilterProp: 'label' }} options={areaOptions} />
        </Form.Item>
        <Space size="middle" wrap>
          <Form.Item name="date" label={t('tracking.shifts.date')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker id="tracking-shift-date" allowClear={false} />
          </Form.Item>
          <Form.Item name="start" label={t('tracking.shifts.start')} rules={[{ required: true, message: t('common.required') }]}>
            <TimePicker id="tracking-shift-start" format="HH:mm" minuteStep={5} allowClear={false} needConfirm={false} />
          </Form.Item>
          <Form.Item name="end" label={t('tracking.shifts.end')} rules={[{ required: true, message: t('common.required') }]} extra={t('tracking.shifts.overnightHint')}>
            <TimePicker id="tracking-shift-end" format="HH:mm" minuteStep={5} allowClear={false} needConfirm={false} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('tracking.shifts.note')}>
          <Input.TextArea id="tracking-shift-note" rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
