import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, Form, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../shared/api/errors';
import { BAND_LEVELS, CASE_SOURCES, useCaseActions, type CaseSource, type LeadBody, type PartyInput, type ViolationItem } from '../api';
import { caseErrorText } from '../format';
import { bandOptions, PartyFields, shanghaiToday, UnitSelect, useCaseUnits, ViolationPicker } from '../components/common';

interface Values {
  orgUnitId?: string;
  source: CaseSource;
  sourceRef?: string;
  actDate: string;
  onDate: string;
  actPlace: string;
  summary: string;
  partyKnown?: boolean;
  party?: Partial<PartyInput>;
  violationKnown?: boolean;
  violationCode?: string;
  band?: string;
}

/** 线索登记: a lead from a patrol, complaint, referral, report or 数字城管 (协管员 may register it too). */
export default function LeadPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const scope = useCaseUnits();
  const { createLead } = useCaseActions();
  const [form] = Form.useForm<Values>();
  const [item, setItem] = useState<ViolationItem | undefined>();
  const partyKnown = Form.useWatch('partyKnown', form);
  const violationKnown = Form.useWatch('violationKnown', form);
  const required = [{ required: true, message: t('fieldErrors.required') }];
  // A team member registers for their own team; a district or city user chooses the team.
  const chooseTeam = !scope.ownTeamId;

  const submit = async (v: Values) => {
    const p = v.party;
    const body: LeadBody = {
      ...(chooseTeam && v.orgUnitId ? { orgUnitId: v.orgUnitId } : {}),
      source: v.source,
      ...(v.sourceRef?.trim() ? { sourceRef: v.sourceRef.trim() } : {}),
      actDate: v.actDate,
      onDate: v.onDate,
      actPlace: v.actPlace.trim(),
      summary: v.summary.trim(),
      ...(v.partyKnown && p?.kind && p.name?.trim()
        ? { party: { kind: p.kind, name: p.name.trim(), ...(p.idNumber?.trim() ? { idNumber: p.idNumber.trim() } : {}), ...(p.phone?.trim() ? { phone: p.phone.trim() } : {}), ...(p.address?.trim() ? { address: p.address.trim() } : {}) } }
        : {}),
      ...(v.violationKnown && v.violationCode ? { violation: { code: v.violationCode, ...(v.band ? { band: v.band } : {}) } } : {}),
    };
    try {
      const c = await createLead.mutateAsync(body);
      message.success(t('case.lead.created', { number: c.leadNo ?? '' }));
      navigate(`/cases/${c.id}`);
    } catch (e) {
      form.setFields(fieldErrors(e, ['orgUnitId', 'source', 'sourceRef', 'actDate', 'onDate', 'actPlace', 'summary'] as const));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('case.lead.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('case.lead.hint')}</Typography.Paragraph>
      <Card>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ source: 'patrol', actDate: shanghaiToday(), onDate: shanghaiToday() }} style={{ maxWidth: 720 }} data-testid="case-lead-form">
          {chooseTeam && (
            <Form.Item name="orgUnitId" label={t('case.fields.team')} rules={required}>
              <UnitSelect id="case-lead-team" teamsOnly />
            </Form.Item>
          )}
          <Space wrap size="large">
            <Form.Item name="source" label={t('case.fields.source')} rules={required}>
              <Select id="case-lead-source" data-testid="case-lead-source" style={{ width: 180 }} options={CASE_SOURCES.map((s) => ({ value: s, label: t(`case.sources.${s}`) }))} />
            </Form.Item>
            <Form.Item name="sourceRef" label={t('case.fields.sourceRef')}>
              <Input maxLength={100} style={{ width: 220 }} data-testid="case-lead-source-ref" />
            </Form.Item>
          </Space>
          <Space wrap size="large">
            <Form.Item name="actDate" label={t('case.fields.foundOn')} rules={required}>
              <Input type="date" style={{ width: 180 }} data-testid="case-lead-act-date" />
            </Form.Item>
            <Form.Item name="onDate" label={t('case.fields.registeredOn')} rules={required}>
              <Input type="date" style={{ width: 180 }} data-testid="case-lead-on-date" />
            </Form.Item>
          </Space>
          <Form.Item name="actPlace" label={t('case.fields.actPlace')} rules={required}>
            <Input maxLength={300} data-testid="case-lead-place" />
          </Form.Item>
          <Form.Item name="summary" label={t('case.fields.summary')} rules={required}>
            <Input.TextArea rows={4} maxLength={4000} data-testid="case-lead-summary" />
          </Form.Item>
          <Form.Item name="partyKnown" valuePropName="checked">
            <Checkbox data-testid="case-lead-party-known">{t('case.lead.partyKnown')}</Checkbox>
          </Form.Item>
          {partyKnown && <PartyFields required />}
          <Form.Item name="violationKnown" valuePropName="checked">
            <Checkbox data-testid="case-lead-violation-known">{t('case.lead.violationKnown')}</Checkbox>
          </Form.Item>
          {violationKnown && (
            <Space wrap size="large">
              <Form.Item name="violationCode" label={t('case.fields.violation')} rules={required}>
                <ViolationPicker id="case-lead-violation" onItem={setItem} />
              </Form.Item>
              <Form.Item name="band" label={t('case.fields.band')}>
                <Select id="case-lead-band" allowClear style={{ width: 240 }} options={item ? bandOptions(t, item) : BAND_LEVELS.map((b) => ({ value: b, label: t(`case.bands.${b}`) }))} />
              </Form.Item>
            </Space>
          )}
          {createLead.isError && <Alert type="error" showIcon title={caseErrorText(t, createLead.error)} style={{ marginBottom: 12 }} data-testid="case-lead-error" />}
          <Button type="primary" htmlType="submit" loading={createLead.isPending} data-testid="case-lead-submit">
            {t('case.lead.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
