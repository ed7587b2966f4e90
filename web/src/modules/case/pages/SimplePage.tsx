import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { fieldErrors } from '../../../shared/api/errors';
import { useCaseActions, type PartyInput, type PenaltyKind, type SimpleBody, type ViolationItem } from '../api';
import { caseErrorText, citationText, refusalRule, yuan, yuanToFen } from '../format';
import { bandOptions, OfficerPicker, onSiteInterval, OnSiteFields, PartyFields, shanghaiToday, UnitSelect, useCaseUnits, ViolationPicker } from '../components/common';

/** 第五十一条: only a fine within the limit or a warning may be decided on the spot. */
const SIMPLE_KINDS = ['warning', 'fine'] as const satisfies readonly PenaltyKind[];

interface Values {
  orgUnitId?: string;
  party: PartyInput;
  violationCode: string;
  band: string;
  penaltyKinds: PenaltyKind[];
  fineYuan?: string;
  officerIds: string[];
  actDate: string;
  actPlace: string;
  summary: string;
  paidOnSpot?: boolean;
  startedAt?: string;
  endedAt?: string;
}

/** 当场处罚 (简易程序): one screen; a refusal names the rule in force on the act date, quoted. */
export default function SimplePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const scope = useCaseUnits();
  const { simple } = useCaseActions();
  const [form] = Form.useForm<Values>();
  const [item, setItem] = useState<ViolationItem | undefined>();
  const chooseTeam = !scope.ownTeamId;
  const chosenTeam = Form.useWatch('orgUnitId', form);
  const teamId = chooseTeam ? chosenTeam : scope.ownTeamId;
  const actDate = Form.useWatch('actDate', form) ?? shanghaiToday();
  const kinds = Form.useWatch('penaltyKinds', form);
  const required = [{ required: true, message: t('fieldErrors.required') }];

  const submit = async (v: Values) => {
    const fine = v.penaltyKinds.includes('fine');
    const body: SimpleBody = {
      ...(chooseTeam && v.orgUnitId ? { orgUnitId: v.orgUnitId } : {}),
      actDate: v.actDate,
      actPlace: v.actPlace.trim(),
      summary: v.summary.trim(),
      party: { kind: v.party.kind, name: v.party.name.trim(), ...(v.party.idNumber?.trim() ? { idNumber: v.party.idNumber.trim() } : {}), ...(v.party.phone?.trim() ? { phone: v.party.phone.trim() } : {}), ...(v.party.address?.trim() ? { address: v.party.address.trim() } : {}) },
      violation: { code: v.violationCode, band: v.band },
      penalty: { kinds: v.penaltyKinds, fineFen: fine ? (yuanToFen(v.fineYuan) ?? 0) : 0 },
      officerIds: v.officerIds,
      ...(fine && v.paidOnSpot ? { paidOnSpot: true } : {}),
      ...(onSiteInterval(v.actDate, v.startedAt, v.endedAt) ?? {}),
    };
    try {
      const c = await simple.mutateAsync(body);
      message.success(t('case.simple.created', { number: c.caseNo ?? '' }));
      navigate(`/cases/${c.id}`);
    } catch (e) {
      form.setFields(fieldErrors(e, ['actDate', 'actPlace', 'summary', 'officerIds', 'paidOnSpot', 'startedAt', 'endedAt'] as const));
    }
  };

  const statutory = item?.statutory.fineBasis === 'amount' && item.statutory.fineMin !== null && item.statutory.fineMax !== null ? t('case.simple.bandRange', { min: yuan(item.statutory.fineMin), max: yuan(item.statutory.fineMax) }) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('case.simple.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('case.simple.hint')}</Typography.Paragraph>
      <Card>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ actDate: shanghaiToday(), penaltyKinds: ['fine'], party: { kind: 'individual' } }} data-testid="case-simple-form">
          <Row gutter={24}>
            <Col xs={24} lg={12}>
              {chooseTeam && (
                <Form.Item name="orgUnitId" label={t('case.fields.team')} rules={required}>
                  <UnitSelect id="case-simple-team" teamsOnly />
                </Form.Item>
              )}
              <PartyFields required />
              <Form.Item name="actDate" label={t('case.fields.actDate')} rules={required}>
                <Input type="date" style={{ width: 200 }} data-testid="case-simple-act-date" />
              </Form.Item>
              <OnSiteFields />
              <Form.Item name="actPlace" label={t('case.fields.actPlace')} rules={required}>
                <Input maxLength={300} data-testid="case-simple-place" />
              </Form.Item>
              <Form.Item name="summary" label={t('case.fields.facts')} rules={required}>
                <Input.TextArea rows={3} maxLength={4000} data-testid="case-simple-summary" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="violationCode" label={t('case.fields.violation')} rules={required} extra={item ? `${citationText(item.penaltyBasis)}${statutory ? `；${t('case.simple.statutory', { range: statutory })}` : ''}` : undefined}>
                <ViolationPicker id="case-simple-violation" onItem={setItem} />
              </Form.Item>
              <Form.Item name="band" label={t('case.fields.band')} rules={required}>
                <Select id="case-simple-band" data-testid="case-simple-band" style={{ width: 300 }} options={bandOptions(t, item)} />
              </Form.Item>
              <Form.Item name="penaltyKinds" label={t('case.fields.penaltyKinds')} rules={required}>
                <Checkbox.Group data-testid="case-simple-kinds" options={SIMPLE_KINDS.map((k) => ({ value: k, label: t(`case.penaltyKinds.${k}`) }))} />
              </Form.Item>
              {kinds?.includes('fine') && (
                <>
                  <Form.Item name="fineYuan" label={t('case.fields.fineYuan')} rules={required}>
                    <InputNumber<string> stringMode min="0" precision={2} style={{ width: 200 }} id="case-simple-fine" data-testid="case-simple-fine" />
                  </Form.Item>
                  <Form.Item name="paidOnSpot" valuePropName="checked">
                    <Checkbox data-testid="case-simple-paid">{t('case.fields.paidOnSpot')}</Checkbox>
                  </Form.Item>
                </>
              )}
              <Form.Item name="officerIds" label={t('case.fields.officers')} rules={[...required, { validator: (_, v: string[] | undefined) => (!v || v.length === 2 ? Promise.resolve() : Promise.reject(new Error(t('errors.case.officers_two_required')))) }]}>
                <OfficerPicker id="case-simple-officers" unitId={teamId} onDate={actDate} />
              </Form.Item>
            </Col>
          </Row>
          {simple.isError && <Refusal error={simple.error} />}
          <Button type="primary" htmlType="submit" loading={simple.isPending} data-testid="case-simple-submit">
            {t('case.simple.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}

/** A refusal; outside the simple procedure's rule, the rule in force on the act date quoted. */
function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const rule = refusalRule(error);
  const reason = error instanceof ApiError ? (error.details as { reason?: unknown } | undefined)?.reason : undefined;
  const why = typeof reason === 'string' && reason.startsWith('legal.') ? t(`errors.${reason}`, { defaultValue: '' }) : '';
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="case-simple-error"
      title={error instanceof ApiError && error.code === 'case.simple_not_allowed' ? `${t('case.simple.refused')}${why ? `：${why}` : ''}` : caseErrorText(t, error)}
      description={
        rule ? (
          <div data-testid="case-simple-rule">
            <div>{t('case.simple.ruleQuoted', { citation: citationText(rule) })}</div>
            <Typography.Text italic>{rule.quote}</Typography.Text>
          </div>
        ) : undefined
      }
    />
  );
}
