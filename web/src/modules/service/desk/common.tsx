/**
 * What the dispatch desk and the team inbox share: the step form (the fields each workflow step needs), the age and
 * due-flag cells, the current teams. The server decides whether a step is allowed; these only ask for its fields.
 */
import { useEffect, useMemo } from 'react';
import { Alert, App as AntApp, Form, Input, Modal, Select, Tag, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { errorText } from '../../../shared/api/errors';
import { useOrgUnits } from '../../../shared/org';
import { useServiceSteps, type ActionBody, type StaffAction } from './api';

/** The steps these screens offer, and what each asks for. */
export type StepKind = 'accept' | 'redispatch' | 'return' | 'reject' | 'merge' | 'start' | 'handle' | 'reply' | 'suspend' | 'resume';
const NEEDS: Record<StepKind, { team?: 'optional' | 'required'; reason?: true; note?: true; text?: true }> = {
  accept: { team: 'optional' },
  redispatch: { team: 'required', reason: true },
  return: { reason: true },
  reject: { reason: true },
  merge: { reason: true },
  start: {},
  handle: { note: true },
  reply: { text: true },
  suspend: { reason: true },
  resume: {},
};

/** Label of a step: the desk's words for its steps, the inbox's for the team's. */
export function stepLabel(t: TFunction, action: StepKind): string {
  return ['accept', 'redispatch', 'return', 'reject', 'merge'].includes(action) ? t(`serviceDesk.actions.${action}`) : t(`serviceInbox.actions.${action}`);
}
function doneText(t: TFunction, action: StepKind): string {
  return ['accept', 'redispatch', 'return', 'reject', 'merge'].includes(action) ? t(`serviceDesk.done.${action}`) : t(`serviceInbox.done.${action}`);
}

/** Current street teams (the dispatch targets), by code. */
export function useTeams() {
  const units = useOrgUnits();
  const teams = useMemo(() => (units.data?.items ?? []).filter((u) => u.kind === 'team' && !u.validTo).sort((a, b) => a.code.localeCompare(b.code)), [units.data]);
  return { teams, loading: units.isPending };
}

export interface StepTarget {
  id: string;
  version: number;
  trackingCode: string;
  orgUnitId: string | null;
  orgUnitName: string | null;
}

/**
 * One step as a form. `merge` names the target (`duplicateOfId`); `accept` proposes the routed team and requires a
 * team only when the report lies outside every area.
 */
export function StepModal({ target, action, duplicateOf, onClose, onDone }: { target: StepTarget | null; action: StepKind | null; duplicateOf?: { id: string; trackingCode: string } | null; onClose: () => void; onDone?: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { step } = useServiceSteps();
  const { teams, loading } = useTeams();
  const [form] = Form.useForm<{ teamId?: string; reason?: string; note?: string; text?: string }>();
  const open = !!target && !!action;
  const needs = action ? NEEDS[action] : {};
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form, target?.id, action]);
  if (!target || !action) return null;
  const teamRequired = needs.team === 'required' || (needs.team === 'optional' && !target.orgUnitId);
  const submit = async () => {
    const v = await form.validateFields();
    const body: ActionBody = { version: target.version };
    if (v.teamId && v.teamId !== (action === 'accept' ? target.orgUnitId : null)) body.teamId = v.teamId;
    if (needs.reason) body.reason = v.reason!.trim();
    if (needs.note) body.note = v.note!.trim();
    if (needs.text) body.text = v.text!.trim();
    if (action === 'merge' && duplicateOf) body.duplicateOfId = duplicateOf.id;
    try {
      await step.mutateAsync({ id: target.id, action: action as StaffAction, body });
      message.success(doneText(t, action));
      onDone?.();
      onClose();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const title = action === 'merge' && duplicateOf ? t('serviceDesk.form.mergeInto', { code: duplicateOf.trackingCode }) : `${stepLabel(t, action)} · ${target.trackingCode}`;
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={submit} okText={t('serviceDesk.form.ok')} cancelText={t('serviceDesk.form.cancel')} confirmLoading={step.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'step-ok' } as ButtonProps}>
      <Form form={form} layout="vertical" data-testid={`step-form-${action}`}>
        {action === 'merge' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('serviceDesk.form.mergeHint')} />}
        {needs.team && (
          <Form.Item
            name="teamId"
            label={t('serviceDesk.form.team')}
            initialValue={action === 'accept' ? (target.orgUnitId ?? undefined) : undefined}
            rules={teamRequired ? [{ required: true, message: t('serviceDesk.form.teamRequired') }] : []}
            extra={action === 'accept' && target.orgUnitName ? t('serviceDesk.form.teamRouted', { team: target.orgUnitName }) : undefined}
          >
            <Select
              id="step-team"
              data-testid="step-team"
              showSearch={{ optionFilterProp: 'label' }}
              loading={loading}
              options={teams.filter((u) => action !== 'redispatch' || u.id !== target.orgUnitId).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        {needs.reason && (
          <Form.Item name="reason" label={action === 'suspend' ? t('serviceInbox.form.reason') : t('serviceDesk.form.reason')} rules={[{ required: true, whitespace: true, message: t(action === 'suspend' ? 'serviceInbox.form.reasonRequired' : 'serviceDesk.form.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="step-reason" />
          </Form.Item>
        )}
        {needs.note && (
          <Form.Item name="note" label={t('serviceInbox.form.note')} rules={[{ required: true, whitespace: true, message: t('serviceInbox.form.noteRequired') }]}>
            <Input.TextArea rows={4} maxLength={4000} data-testid="step-note" />
          </Form.Item>
        )}
        {needs.text && (
          <Form.Item name="text" label={t('serviceInbox.form.text')} rules={[{ required: true, whitespace: true, message: t('serviceInbox.form.textRequired') }]}>
            <Input.TextArea rows={4} maxLength={4000} data-testid="step-text" />
          </Form.Item>
        )}
        {!needs.team && !needs.reason && !needs.note && !needs.text && <Typography.Text>{title}</Typography.Text>}
      </Form>
    </Modal>
  );
}

/** "35 分钟" / "5 小时" / "3 天" since `iso` at `now`. */
export function ageText(t: TFunction, iso: string, now: number): string {
  const min = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (min < 60) return t('serviceDesk.ageMinutes', { count: min });
  if (min < 48 * 60) return t('serviceDesk.ageHours', { count: Math.floor(min / 60) });
  return t('serviceDesk.ageDays', { count: Math.floor(min / 1440) });
}

export function DueTag({ flag }: { flag: 'overdue' | 'due_soon' | null }) {
  const { t } = useTranslation();
  if (!flag) return <Tag data-testid="due-none">{t('serviceDesk.dueFlags.none')}</Tag>;
  return (
    <Tag color={flag === 'overdue' ? 'red' : 'orange'} data-testid={`due-${flag}`}>
      {t(`serviceDesk.dueFlags.${flag}`)}
    </Tag>
  );
}

/** "2026-05-04 10:00" in Beijing from an ISO instant. */
export function bj(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 16);
}
