import { useMemo, useState } from 'react';
import { Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { descendantIds, useOrgUnits, type OrgUnit } from '../../../shared/org';
import { useMe } from '../../../shared/session';
import { ENDED_STATES, PARTY_KINDS, useOfficers, useViolationSearch, type CaseState, type ViolationItem } from '../api';
import { yuan } from '../format';

const STATE_COLORS: Partial<Record<CaseState, string>> = {
  lead: 'gold',
  checked: 'orange',
  investigating: 'blue',
  investigated: 'blue',
  notified: 'cyan',
  hearing_requested: 'purple',
  hearing_scheduled: 'purple',
  heard: 'purple',
  in_review: 'magenta',
  reviewed: 'magenta',
  discussed: 'geekblue',
  decided: 'volcano',
  executing: 'orange',
  court_enforcement: 'red',
  executed: 'green',
};

export function StateTag({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  return (
    <Tag color={ENDED_STATES.includes(state) ? 'default' : (STATE_COLORS[state] ?? 'blue')} data-testid="case-state">
      {t(`case.states.${state}`)}
    </Tag>
  );
}

/** The units the user may see (own unit and below), teams only or with the districts / city above them. */
export function useCaseUnits() {
  const me = useMe().data;
  const units = useOrgUnits();
  return useMemo(() => {
    const all = units.data?.items ?? [];
    const own = me?.orgUnitId;
    const below = own ? descendantIds(all, own) : new Set<string>();
    const visible = all.filter((u) => below.has(u.id) && (u.kind === 'team' || u.kind === 'district' || u.kind === 'detachment' || u.kind === 'bureau'));
    const teams = visible.filter((u) => u.kind === 'team').sort((a, b) => a.code.localeCompare(b.code));
    const ownUnit = all.find((u) => u.id === own);
    return { loading: units.isPending, teams, visible: visible.sort((a, b) => a.code.localeCompare(b.code)), own: ownUnit, ownTeamId: ownUnit?.kind === 'team' ? ownUnit.id : undefined };
  }, [units.data, units.isPending, me?.orgUnitId]);
}

export function UnitSelect({ value, onChange, teamsOnly, allowClear, id, placeholder }: { value?: string | undefined; onChange?: (v: string | undefined) => void; teamsOnly?: boolean; allowClear?: boolean; id: string; placeholder?: string }) {
  const scope = useCaseUnits();
  const list: OrgUnit[] = teamsOnly ? scope.teams : scope.visible;
  return (
    <Select
      id={id}
      data-testid={id}
      style={{ width: 240 }}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      loading={scope.loading}
      value={value}
      placeholder={placeholder}
      options={list.map((u) => ({ value: u.id, label: u.name }))}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
    />
  );
}

/**
 * Two officers of the case's team, each with a 执法证 valid on the step's date: the others are listed but cannot be
 * chosen (the server refuses them by name anyway).
 */
export function OfficerPicker({ unitId, onDate, value, onChange, id }: { unitId: string | undefined; onDate: string | undefined; value?: string[]; onChange?: (v: string[]) => void; id: string }) {
  const { t } = useTranslation();
  const officers = useOfficers(unitId, onDate);
  // 协管员 are never named on a step: left out. Officers with a valid 执法证 first; the others shown, not choosable.
  const persons = (officers.data?.items ?? []).filter((o) => o.kind === 'officer').sort((a, b) => Number(b.certificateValid) - Number(a.certificateValid));
  const options = persons.map((o) => {
    const note = !o.certificateValid ? t('case.detail.officerInvalid') : o.certificateExpiresOn ? t('case.officerPicker.expires', { date: o.certificateExpiresOn }) : '';
    return { value: o.personId, label: `${o.name}${o.certificateNo ? `（${o.certificateNo}）` : ''}`, disabled: !o.certificateValid, title: note, note };
  });
  return (
    <Select
      id={id}
      data-testid={id}
      mode="multiple"
      maxCount={2}
      loading={officers.isPending && !!unitId}
      value={value}
      onChange={(v: string[]) => onChange?.(v)}
      placeholder={t('case.officerPicker.placeholder')}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      optionRender={(o) => (
        <Space>
          <span>{o.data.label}</span>
          {o.data.note && <Typography.Text type={o.data.disabled ? 'danger' : 'secondary'}>{o.data.note}</Typography.Text>}
        </Space>
      )}
    />
  );
}

/** A 违法行为 of the published catalogue, found by name or code; reports the chosen item (for its bands). */
export function ViolationPicker({ value, onChange, onItem, id }: { value?: string; onChange?: (code: string | undefined) => void; onItem?: (item: ViolationItem | undefined) => void; id: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useDebounced(q, 250);
  const items = useViolationSearch(query);
  const [known, setKnown] = useState<Map<string, ViolationItem>>(new Map());
  const list = items.data?.items ?? [];
  return (
    <Select
      id={id}
      data-testid={id}
      style={{ width: 360 }}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      loading={items.isFetching}
      placeholder={t('case.simple.violationPlaceholder')}
      options={list.map((i) => ({ value: i.code, label: `${i.name}（${i.code}）` }))}
      onChange={(code: string | undefined) => {
        const item = list.find((i) => i.code === code) ?? (code ? known.get(code) : undefined);
        if (item) setKnown((m) => new Map(m).set(item.code, item));
        onChange?.(code ?? undefined);
        onItem?.(item);
      }}
    />
  );
}

/** The fine range of each band of an item, for the band select. */
export function bandOptions(t: TFunction, item: ViolationItem | undefined) {
  const levels = item?.bands.length ? item.bands : [];
  // Bands are in fen except for a fine stated as a multiple (per-mille of a base): those show the level only.
  const fixed = !!item && item.statutory.fineBasis !== 'multiple';
  return levels.map((b) => ({
    value: b.level,
    label: fixed ? `${t(`case.bands.${b.level}`)}（${t('case.simple.bandRange', { min: yuan(b.fineMin), max: yuan(b.fineMax) })}）` : t(`case.bands.${b.level}`),
  }));
}

/** The party's fields (name paths under `party`). */
export function PartyFields({ required }: { required: boolean }) {
  const { t } = useTranslation();
  const rules = required ? [{ required: true, message: t('fieldErrors.required') }] : [];
  return (
    <>
      <Form.Item name={['party', 'kind']} label={t('case.fields.partyKind')} rules={rules}>
        <Select id="case-party-kind" data-testid="case-party-kind" options={PARTY_KINDS.map((k) => ({ value: k, label: t(`case.partyKinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name={['party', 'name']} label={t('case.fields.partyName')} rules={rules}>
        <Input data-testid="case-party-name" maxLength={200} />
      </Form.Item>
      <Form.Item name={['party', 'idNumber']} label={t('case.fields.idNumber')}>
        <Input data-testid="case-party-id" maxLength={40} />
      </Form.Item>
      <Form.Item name={['party', 'phone']} label={t('case.fields.phone')}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name={['party', 'address']} label={t('case.fields.address')}>
        <Input maxLength={300} />
      </Form.Item>
    </>
  );
}

/** Today in Asia/Shanghai (YYYY-MM-DD). */
export const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** `HH:MM` on the step's date in Beijing as an ISO time; a leaving time before the arrival is past midnight. */
export function onSiteInterval(onDate: string, from: string | undefined, to: string | undefined): { startedAt: string; endedAt: string } | null {
  if (!from || !to) return null;
  const start = new Date(`${onDate}T${from}:00+08:00`);
  let end = new Date(`${onDate}T${to}:00+08:00`);
  if (end <= start) end = new Date(end.getTime() + 86_400_000);
  return { startedAt: start.toISOString(), endedAt: end.toISOString() };
}

/** 到场/离场 time inputs (HH:MM, Beijing) of an on-site step: both or neither. */
export function OnSiteFields() {
  const { t } = useTranslation();
  const both = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }, other: string) => ({ validator: (_: unknown, v?: string) => (!v === !getFieldValue(other) ? Promise.resolve() : Promise.reject(new Error(t('case.fields.onSiteBoth')))) });
  return (
    <Space wrap>
      <Form.Item name="startedAt" label={t('case.fields.startedAt')} tooltip={t('case.fields.onSiteHint')} dependencies={['endedAt']} rules={[(f) => both(f, 'endedAt')]}>
        <Input type="time" style={{ width: 140 }} data-testid="case-started-at" />
      </Form.Item>
      <Form.Item name="endedAt" label={t('case.fields.endedAt')} dependencies={['startedAt']} rules={[(f) => both(f, 'startedAt')]}>
        <Input type="time" style={{ width: 140 }} data-testid="case-ended-at" />
      </Form.Item>
    </Space>
  );
}
