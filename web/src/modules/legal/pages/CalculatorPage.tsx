import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { useCalculate, useRulesInForce, useSteps, type CalculateBody, type CalculateResult, type Rule } from '../api';
import { citationText, stepText, yuan } from '../explain';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const PENALTY_KINDS = ['fine', 'warning', 'confiscation', 'suspension', 'revocation', 'closure'] as const;

interface FormValues {
  start: string;
  onDate?: string;
  partyType?: 'individual' | 'organization';
  penaltyKind?: string;
  amountYuan?: number;
  paidOn?: string;
  endDate?: string;
  aggravated?: boolean;
  extended?: boolean;
}

/** 期限计算器: a rule (found by law, article or words) or a procedure step, the inputs it needs, the answer explained. */
export default function CalculatorPage() {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<'rule' | 'step'>('step');
  const [q, setQ] = useState('');
  const query = useDebounced(q, 250);
  const rules = useRulesInForce(undefined, query);
  const steps = useSteps();
  const [ruleId, setRuleId] = useState<string | undefined>();
  const [step, setStep] = useState<string | undefined>();
  const [form] = Form.useForm<FormValues>();
  const calc = useCalculate();
  const en = i18n.language === 'en';
  const title = (r: { titleZh: string; titleEn: string }) => (en ? r.titleEn : r.titleZh);

  // What the chosen rule needs: its kind decides the extra inputs.
  const chosen: Rule | undefined = mode === 'rule' ? rules.data?.items.find((r) => r.id === ruleId) : undefined;
  const stepRuleId = steps.data?.items.find((s) => s.step === step)?.ruleId;
  const kind = chosen?.kind ?? (stepRuleId ? kindOfStep(stepRuleId) : 'period');

  const submit = (v: FormValues) => {
    const body: CalculateBody = {
      ...(mode === 'rule' ? { ruleId } : { step }),
      start: v.start,
      ...(v.onDate ? { onDate: v.onDate } : {}),
      ...(v.partyType ? { partyType: v.partyType } : {}),
      ...(v.penaltyKind ? { penaltyKind: v.penaltyKind } : {}),
      ...(v.amountYuan !== undefined && v.amountYuan !== null ? { amountFen: Math.round(v.amountYuan * 100) } : {}),
      ...(v.paidOn ? { paidOn: v.paidOn } : {}),
      ...(v.endDate ? { endDate: v.endDate } : {}),
      ...(v.aggravated ? { aggravated: true } : {}),
      ...(v.extended ? { extended: true } : {}),
    };
    calc.mutate(body);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('legal.calculator.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('legal.calculator.hint')}</Typography.Paragraph>
      <Card>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ start: today() }} style={{ maxWidth: 720 }}>
          <Form.Item>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} data-testid="calc-mode">
              <Radio.Button value="step">{t('legal.calculator.byStep')}</Radio.Button>
              <Radio.Button value="rule">{t('legal.calculator.byRule')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          {mode === 'step' ? (
            <Form.Item label={t('legal.calculator.step')} required>
              <Select
                id="legal-calc-step"
                data-testid="calc-step"
                value={step}
                onChange={setStep}
                options={(steps.data?.items ?? []).map((s) => ({ value: s.step, label: t(`legal.steps.${s.step}`, { defaultValue: title(s) }) }))}
              />
            </Form.Item>
          ) : (
            <Form.Item label={t('legal.calculator.rule')} required>
              <Select
                id="legal-calc-rule"
                data-testid="calc-rule"
                showSearch
                filterOption={false}
                onSearch={setQ}
                value={ruleId}
                onChange={setRuleId}
                placeholder={t('legal.calculator.rulePlaceholder')}
                loading={rules.isFetching}
                options={(rules.data?.items ?? []).map((r) => ({ value: r.id, label: `${title(r)} — ${citationText({ law: r.law, article: r.article, ...(r.paragraph ? { paragraph: r.paragraph } : {}) })}` }))}
              />
            </Form.Item>
          )}
          <Form.Item name="start" label={t('legal.calculator.start')} extra={t(`legal.calculator.startHints.${kind}`)} rules={[{ required: true }]}>
            <Input type="date" data-testid="calc-start" />
          </Form.Item>
          {kind === 'period' && (
            <>
              <Form.Item name="onDate" label={t('legal.calculator.onDate')} extra={t('legal.calculator.onDateHint')}>
                <Input type="date" data-testid="calc-on-date" />
              </Form.Item>
              <Form.Item name="extended" valuePropName="checked">
                <Checkbox>{t('legal.calculator.extended')}</Checkbox>
              </Form.Item>
            </>
          )}
          {kind === 'amount_threshold' && (
            <>
              <Form.Item name="partyType" label={t('legal.calculator.partyType')} rules={[{ required: true }]}>
                <Radio.Group data-testid="calc-party">
                  <Radio value="individual">{t('legal.partyTypes.individual')}</Radio>
                  <Radio value="organization">{t('legal.partyTypes.organization')}</Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item name="penaltyKind" label={t('legal.calculator.penaltyKind')} rules={[{ required: true }]}>
                <Select data-testid="calc-penalty-kind" options={PENALTY_KINDS.map((k) => ({ value: k, label: t(`legal.penaltyKinds.${k}`) }))} />
              </Form.Item>
              <Form.Item name="amountYuan" label={t('legal.calculator.amount')}>
                <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="calc-amount" />
              </Form.Item>
            </>
          )}
          {kind === 'rate_cap' && (
            <>
              <Form.Item name="amountYuan" label={t('legal.calculator.fine')} rules={[{ required: true }]}>
                <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="calc-amount" />
              </Form.Item>
              <Form.Item name="paidOn" label={t('legal.calculator.paidOn')}>
                <Input type="date" />
              </Form.Item>
            </>
          )}
          {kind === 'limitation' && (
            <>
              <Form.Item name="onDate" label={t('legal.calculator.discoveredOn')}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="endDate" label={t('legal.calculator.endDate')}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="aggravated" valuePropName="checked">
                <Checkbox>{t('legal.calculator.aggravated')}</Checkbox>
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit" loading={calc.isPending} disabled={mode === 'rule' ? !ruleId : !step} data-testid="calc-submit">
            {t('legal.calculator.compute')}
          </Button>
        </Form>
      </Card>
      {calc.isError && <Alert type="error" showIcon message={errorText(t, calc.error)} data-testid="calc-error" />}
      {calc.data && <ResultCard result={calc.data} />}
    </Space>
  );
}

/** The shipped step → rule map (legal.calculator.ts PROCEDURE_STEPS): the kind of input a step needs. */
function kindOfStep(ruleId: string): string {
  if (ruleId === 'xzcf.simple_procedure') return 'amount_threshold';
  if (ruleId === 'xzcf.late_fee') return 'rate_cap';
  if (ruleId === 'xzcf.limitation') return 'limitation';
  return 'period';
}

function ResultCard({ result }: { result: CalculateResult }) {
  const { t, i18n } = useTranslation();
  const r = result.rule;
  const dueMeaning = result.explanation.find((s) => s.kind === 'due');
  return (
    <Card title={t('legal.calculator.result')} data-testid="calc-result">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {result.outcome === 'calendar_missing' && <Alert type="warning" showIcon message={t('legal.calculator.calendarMissing', { years: result.missingYears.join('、') })} data-testid="calc-missing" />}
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('legal.calculator.rule')}>
            {i18n.language === 'en' ? r.titleEn : r.titleZh} {!r.verified && <Tag color="orange">{t('legal.rules.unverified')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('legal.calculator.article')}>{citationText({ law: r.law, article: r.article, ...(r.paragraph ? { paragraph: r.paragraph } : {}) })}</Descriptions.Item>
          <Descriptions.Item label={t('legal.calculator.quote')}>
            <Typography.Text italic data-testid="calc-quote">
              {r.quote}
            </Typography.Text>
          </Descriptions.Item>
          {result.due && (
            <Descriptions.Item label={t(dueMeaning?.kind === 'due' && dueMeaning.meaning === 'earliest_day' ? 'legal.calculator.earliest' : 'legal.calculator.due')}>
              <Typography.Text strong data-testid="calc-due">
                {result.due}
              </Typography.Text>
            </Descriptions.Item>
          )}
          {result.workingDaysLeft !== null && (
            <Descriptions.Item label={t('legal.calculator.workingDaysLeft')}>
              <span data-testid="calc-left">{result.workingDaysLeft >= 0 ? t('legal.calculator.workingDaysLeftValue', { count: result.workingDaysLeft }) : t('legal.calculator.overdue', { count: -result.workingDaysLeft })}</span>
            </Descriptions.Item>
          )}
          {(result.outcome === 'allowed' || result.outcome === 'refused') && (
            <Descriptions.Item label={t('legal.steps.simple_procedure')}>
              <Tag color={result.outcome === 'allowed' ? 'green' : 'red'} data-testid="calc-allowed">
                {t(result.outcome === 'allowed' ? 'legal.calculator.allowed' : 'legal.calculator.refused')}
              </Tag>
              {result.refusal && <Typography.Text type="danger">{t(`errors.${result.refusal.code}`, { defaultValue: '' })}</Typography.Text>}
            </Descriptions.Item>
          )}
          {result.feeFen !== null && (
            <Descriptions.Item label={t('legal.calculator.lateFee')}>
              <span data-testid="calc-fee">{t('legal.calculator.lateFeeValue', { amount: yuan(result.feeFen) })}</span>
            </Descriptions.Item>
          )}
          {result.lastDay && (
            <Descriptions.Item label={t('legal.calculator.lastDay')}>
              {result.lastDay} <Tag color={result.outcome === 'barred' ? 'red' : 'green'}>{t(result.outcome === 'barred' ? 'legal.calculator.barred' : 'legal.calculator.notBarred')}</Tag>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Title level={5}>{t('legal.calculator.explanation')}</Typography.Title>
        <Timeline data-testid="calc-steps" items={result.explanation.map((s, i) => ({ key: i, color: s.kind === 'skip' ? 'gray' : s.kind === 'calendar_missing' ? 'red' : 'blue', children: stepText(t, s) }))} />
      </Space>
    </Card>
  );
}
