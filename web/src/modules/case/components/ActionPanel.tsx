import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../shared/api/errors';
import { BAND_LEVELS, CASE_KEY, EVIDENCE_OUTCOMES, OUTCOMES, PENALTY_KINDS, SERVICE_METHODS, useCaseActions, useOfficers, type ActionBody, type CaseAction, type CaseDetail, type DecisionOutcome, type EvidenceOutcome, type PenaltyKind, type ServiceMethod, type ViolationItem } from '../api';
import { caseErrorText, isStale, yuan, yuanToFen } from '../format';
import { bandOptions, OfficerPicker, onSiteInterval, OnSiteFields, shanghaiToday, ViolationPicker } from './common';

/** What each step asks for beyond its date and (except 法制审核) the two officers; the server checks it again. */
type Field = 'reason' | 'reasonOptional' | 'check' | 'investigation' | 'penalty' | 'statement' | 'hearing' | 'minutes' | 'review' | 'discussion' | 'decide' | 'serve' | 'payment' | 'court' | 'seize' | 'seizureId' | 'seizureOutcome' | 'evidence' | 'evidenceId' | 'evidenceOutcome';
const FIELDS: Record<CaseAction, readonly Field[]> = {
  check: ['check'],
  approve_filing: [],
  reject_filing: ['reason'],
  seize: ['seize'],
  extend_seizure: ['seizureId', 'reason'],
  release_seizure: ['seizureId', 'seizureOutcome'],
  register_evidence: ['evidence'],
  decide_evidence: ['evidenceId', 'evidenceOutcome'],
  close_investigation: ['investigation', 'penalty'],
  notify: ['penalty'],
  record_statement: ['statement'],
  waive_hearing: [],
  request_hearing: [],
  schedule_hearing: ['hearing'],
  hold_hearing: ['minutes'],
  submit_review: [],
  legal_review: ['review'],
  collective_discussion: ['discussion'],
  extend_decision: ['reason'],
  decide: ['decide', 'penalty', 'reasonOptional'],
  serve: ['serve'],
  serve_by_notice: ['reason'],
  urge: [],
  apply_court: [],
  record_court_result: ['court'],
  record_payment: ['payment'],
  file_record: [],
  close: [],
  archive: [],
  withdraw: ['reason'],
};
/**
 * Steps done on the spot: the form asks when the officers arrived and left (Beijing time), so that body-cam clips
 * and the officers' trajectories can be matched to the step (issue 12).
 */
const ON_SITE: readonly CaseAction[] = ['check', 'seize', 'register_evidence', 'release_seizure', 'serve'];
/** 法制审核 is done by the legal reviewer, not by the case's two officers. */
const NO_OFFICERS: readonly CaseAction[] = ['legal_review'];

interface Values {
  onDate: string;
  startedAt?: string;
  endedAt?: string;
  officerIds?: string[];
  reason?: string;
  proposal?: 'file' | 'not_file';
  findings?: string;
  report?: string;
  violationCode?: string;
  band?: string;
  penaltyKinds?: PenaltyKind[];
  fineYuan?: string;
  outsideBandReason?: string;
  major?: boolean;
  publicInterest?: boolean;
  complex?: boolean;
  statutoryReview?: boolean;
  waived?: boolean;
  statement?: string;
  hearingOn?: string;
  chairPersonId?: string;
  minutes?: string;
  approved?: boolean;
  opinion?: string;
  conclusion?: string;
  participants?: string[];
  outcome?: DecisionOutcome;
  method?: ServiceMethod;
  consent?: boolean;
  amountYuan?: string;
  result?: string;
  seizureKind?: 'seal' | 'detain';
  items?: string;
  place?: string;
  seizureId?: string;
  seizureOutcome?: 'released' | 'confiscated' | 'destroyed';
  evidenceId?: string;
  evidenceOutcome?: EvidenceOutcome;
}

const FORM_FIELDS = ['onDate', 'startedAt', 'endedAt', 'officerIds', 'reason', 'proposal', 'findings', 'report', 'band', 'fineYuan', 'outsideBandReason', 'statement', 'hearingOn', 'chairPersonId', 'minutes', 'approved', 'opinion', 'conclusion', 'participants', 'outcome', 'method', 'consent', 'amountYuan', 'result', 'seizureKind', 'items', 'place', 'seizureId', 'seizureOutcome', 'evidenceId', 'evidenceOutcome'] as const;

/** The current step: the actions the API says the caller may take now, one form each. */
export function ActionPanel({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<CaseAction | undefined>(undefined);
  // Kept here, not in the form: the form is rebuilt for the reloaded version and the notice must outlive it.
  const [staleAt, setStaleAt] = useState<number | null>(null);
  const action = chosen && c.actions.includes(chosen) ? chosen : c.actions[0];
  return (
    <Card title={t('case.detail.currentStep')} data-testid="case-step">
      {!action ? (
        <Typography.Text type="secondary" data-testid="case-no-actions">
          {t('case.detail.noActions')}
        </Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {staleAt !== null && <Alert type="warning" showIcon closable={{ onClose: () => setStaleAt(null) }} title={t('case.detail.reloaded')} data-testid="case-stale" />}
          <Radio.Group value={action} onChange={(e) => setChosen(e.target.value as CaseAction)} optionType="button" data-testid="case-actions">
            {c.actions.map((a) => (
              <Radio.Button key={a} value={a} data-testid={`case-action-${a}`}>
                {t(`case.actions.${a}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
          {/* A fresh form per action and per version: a reloaded case never keeps the stale inputs. */}
          <ActionForm key={`${action}:${c.version}`} c={c} action={action} onStale={() => setStaleAt(Date.now())} onDone={() => setStaleAt(null)} />
        </Space>
      )}
    </Card>
  );
}

function ActionForm({ c, action, onStale, onDone }: { c: CaseDetail; action: CaseAction; onStale: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { act } = useCaseActions();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [item, setItem] = useState<ViolationItem | undefined>();
  const fields = FIELDS[action];
  const has = (f: Field) => fields.includes(f);
  const needsOfficers = !NO_OFFICERS.includes(action);
  const onDate = Form.useWatch('onDate', form) ?? shanghaiToday();
  const waived = Form.useWatch('waived', form);
  const outcome = Form.useWatch('outcome', form);
  const method = Form.useWatch('method', form);
  const kinds = Form.useWatch('penaltyKinds', form);
  const persons = useOfficers(has('hearing') ? c.orgUnitId : undefined, onDate);
  const required = [{ required: true, message: t('fieldErrors.required') }];
  const penaltyDefault = action === 'decide' ? (c.facts.notice?.penalty ?? c.proposedPenalty) : action === 'notify' ? c.proposedPenalty : (c.proposedPenalty ?? null);
  const held = c.seizures.filter((s) => !s.endedOn);
  // 先行登记保存 awaiting its 处理决定 (第五十六条: within seven working days).
  const preserved = (c.facts.evidence ?? []).filter((e) => !e.decidedOn);

  const initial: Partial<Values> = {
    onDate: shanghaiToday(),
    ...(c.officers.length === 2 ? { officerIds: c.officers.map((o) => o.personId) } : {}),
    ...(penaltyDefault ? { penaltyKinds: penaltyDefault.kinds, fineYuan: penaltyDefault.fineFen ? yuan(penaltyDefault.fineFen).replace(/,/g, '') : undefined } : {}),
    ...(c.violation ? { violationCode: c.violation.code, band: c.violation.band ?? undefined } : {}),
    ...(action === 'decide' ? { outcome: 'penalty' as const } : {}),
    ...(action === 'check' ? { proposal: 'file' as const } : {}),
    ...(action === 'record_payment' ? { amountYuan: yuan(c.fineFen).replace(/,/g, '') } : {}),
    ...(action === 'serve' ? { method: 'direct' as const } : {}),
    ...(held.length === 1 ? { seizureId: held[0]!.id } : {}),
    ...(preserved.length === 1 ? { evidenceId: preserved[0]!.id } : {}),
  };

  const submit = async (v: Values) => {
    setError(null);
    const body: ActionBody = { version: c.version, onDate: v.onDate };
    if (needsOfficers && v.officerIds) body.officerIds = v.officerIds;
    const interval = ON_SITE.includes(action) ? onSiteInterval(v.onDate, v.startedAt, v.endedAt) : null;
    if (interval) Object.assign(body, interval);
    const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
    const reason = text(v.reason);
    if (reason) body.reason = reason;
    if (has('check')) Object.assign(body, { proposal: v.proposal, findings: text(v.findings) });
    if (has('penalty') && (action !== 'decide' || v.outcome === 'penalty')) {
      const ks = v.penaltyKinds ?? [];
      const fineFen = ks.includes('fine') ? (yuanToFen(v.fineYuan) ?? 0) : 0;
      if (ks.length) body.penalty = { kinds: ks, fineFen };
    }
    if (has('investigation')) {
      Object.assign(body, { report: text(v.report), major: !!v.major, publicInterest: !!v.publicInterest, complex: !!v.complex, statutoryReview: !!v.statutoryReview });
      if (v.violationCode) body.violation = { code: v.violationCode, ...(v.band ? { band: v.band } : {}) };
    }
    const outside = text(v.outsideBandReason);
    if (outside && (has('investigation') || has('decide'))) body.outsideBandReason = outside;
    if (has('statement')) Object.assign(body, v.waived ? { waived: true } : { statement: text(v.statement) });
    if (has('hearing')) Object.assign(body, { hearingOn: v.hearingOn, chairPersonId: v.chairPersonId });
    if (has('minutes')) body.minutes = text(v.minutes);
    if (has('review')) Object.assign(body, { approved: v.approved, opinion: text(v.opinion) });
    if (has('discussion')) Object.assign(body, { conclusion: text(v.conclusion), participants: (v.participants ?? []).map((p) => p.trim()).filter(Boolean) });
    if (has('decide')) body.outcome = v.outcome;
    if (has('serve')) Object.assign(body, { method: v.method, ...(v.method === 'electronic' ? { consent: !!v.consent } : {}) });
    if (has('payment')) body.amountFen = yuanToFen(v.amountYuan) ?? undefined;
    if (has('court')) body.result = text(v.result);
    if (has('seize')) Object.assign(body, { seizureKind: v.seizureKind, items: text(v.items), ...(text(v.place) ? { place: text(v.place) } : {}) });
    if (has('evidence')) Object.assign(body, { items: text(v.items), ...(text(v.place) ? { place: text(v.place) } : {}) });
    if (has('evidenceId')) body.evidenceId = v.evidenceId;
    if (has('evidenceOutcome')) body.evidenceOutcome = v.evidenceOutcome;
    if (has('seizureId')) body.seizureId = v.seizureId;
    if (has('seizureOutcome')) body.seizureOutcome = v.seizureOutcome;
    try {
      await act.mutateAsync({ id: c.id, action, body });
      onDone();
      message.success(t('case.detail.done', { action: t(`case.actions.${action}`) }));
    } catch (e) {
      if (isStale(e)) {
        // Someone else moved the case: show theirs and ask again (the form is rebuilt for the new version).
        message.warning(t('case.detail.stale'));
        onStale();
        await qc.invalidateQueries({ queryKey: CASE_KEY });
        return;
      }
      setError(e);
      form.setFields(fieldErrors(e, FORM_FIELDS));
    }
  };

  const penaltyFields = (
    <>
      <Form.Item name="penaltyKinds" label={t('case.fields.penaltyKinds')} rules={action === 'decide' && outcome !== 'penalty' ? [] : required}>
        <Checkbox.Group data-testid="case-penalty-kinds" options={PENALTY_KINDS.map((k) => ({ value: k, label: t(`case.penaltyKinds.${k}`) }))} />
      </Form.Item>
      {kinds?.includes('fine') && (
        <Form.Item name="fineYuan" label={t('case.fields.fineYuan')} rules={[...required, { validator: (_, v) => (v === undefined || v === null || v === '' || yuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('fieldErrors.invalid')))) }]}>
          <InputNumber<string> stringMode min="0" precision={2} style={{ width: 200 }} id="case-fine" data-testid="case-fine" />
        </Form.Item>
      )}
    </>
  );

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} style={{ maxWidth: 760 }} data-testid={`case-form-${action}`}>
      <Form.Item name="onDate" label={t('case.fields.onDate')} rules={required}>
        <Input type="date" style={{ width: 200 }} data-testid="case-on-date" />
      </Form.Item>
      {ON_SITE.includes(action) && <OnSiteFields />}
      {needsOfficers && (
        <Form.Item name="officerIds" label={t('case.fields.officers')} rules={[...required, { validator: (_, v: string[] | undefined) => (!v || v.length === 2 ? Promise.resolve() : Promise.reject(new Error(t('errors.case.officers_two_required')))) }]}>
          <OfficerPicker id="case-officers" unitId={c.orgUnitId} onDate={onDate} />
        </Form.Item>
      )}
      {has('check') && (
        <>
          <Form.Item name="proposal" label={t('case.fields.proposal')} rules={required}>
            <Radio.Group data-testid="case-proposal" options={(['file', 'not_file'] as const).map((p) => ({ value: p, label: t(`case.proposals.${p}`) }))} />
          </Form.Item>
          <Form.Item name="findings" label={t('case.fields.findings')} rules={required}>
            <Input.TextArea rows={3} maxLength={4000} data-testid="case-findings" />
          </Form.Item>
        </>
      )}
      {has('investigation') && (
        <>
          <Form.Item name="report" label={t('case.fields.report')} rules={required}>
            <Input.TextArea rows={4} maxLength={8000} data-testid="case-report" />
          </Form.Item>
          <Form.Item name="violationCode" label={t('case.fields.violation')} rules={required}>
            <ViolationPicker id="case-violation" onItem={setItem} />
          </Form.Item>
          <Form.Item name="band" label={t('case.fields.band')} rules={required}>
            <Select id="case-band" data-testid="case-band" style={{ width: 260 }} options={item ? bandOptions(t, item) : BAND_LEVELS.map((b) => ({ value: b, label: t(`case.bands.${b}`) }))} />
          </Form.Item>
        </>
      )}
      {has('decide') && (
        <Form.Item name="outcome" label={t('case.fields.outcome')} rules={required}>
          <Radio.Group data-testid="case-outcome" options={OUTCOMES.map((o) => ({ value: o, label: t(`case.outcomes.${o}`) }))} />
        </Form.Item>
      )}
      {has('penalty') && (action !== 'decide' || outcome === 'penalty') && penaltyFields}
      {(has('investigation') || (has('decide') && outcome === 'penalty')) && (
        <Form.Item name="outsideBandReason" label={t('case.fields.outsideBandReason')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="case-outside-band" />
        </Form.Item>
      )}
      {has('investigation') && (
        <Space wrap>
          {(['major', 'publicInterest', 'complex', 'statutoryReview'] as const).map((k) => (
            <Form.Item key={k} name={k} valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox data-testid={`case-${k}`}>{t(`case.fields.${k}`)}</Checkbox>
            </Form.Item>
          ))}
        </Space>
      )}
      {(has('reason') || (has('reasonOptional') && outcome && outcome !== 'penalty')) && (
        <Form.Item name="reason" label={t('case.fields.reason')} rules={required}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="case-reason" />
        </Form.Item>
      )}
      {has('statement') && (
        <>
          <Form.Item name="waived" valuePropName="checked">
            <Checkbox data-testid="case-waived">{t('case.fields.waived')}</Checkbox>
          </Form.Item>
          {!waived && (
            <Form.Item name="statement" label={t('case.fields.statement')} rules={required}>
              <Input.TextArea rows={3} maxLength={8000} data-testid="case-statement" />
            </Form.Item>
          )}
        </>
      )}
      {has('hearing') && (
        <>
          <Form.Item name="hearingOn" label={t('case.fields.hearingOn')} rules={required}>
            <Input type="date" style={{ width: 200 }} data-testid="case-hearing-on" />
          </Form.Item>
          <Form.Item name="chairPersonId" label={t('case.fields.chair')} rules={required}>
            <Select
              id="case-chair"
              data-testid="case-chair"
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 300 }}
              loading={persons.isPending}
              options={(persons.data?.items ?? []).filter((p) => p.kind === 'officer').map((p) => ({ value: p.personId, label: p.name }))}
            />
          </Form.Item>
        </>
      )}
      {has('minutes') && (
        <Form.Item name="minutes" label={t('case.fields.minutes')} rules={required}>
          <Input.TextArea rows={4} maxLength={8000} data-testid="case-minutes" />
        </Form.Item>
      )}
      {has('review') && (
        <>
          <Form.Item name="approved" label={t('case.fields.approved')} rules={required}>
            <Radio.Group
              data-testid="case-approved"
              options={[
                { value: true, label: t('case.review.approve') },
                { value: false, label: t('case.review.return') },
              ]}
            />
          </Form.Item>
          <Form.Item name="opinion" label={t('case.fields.opinion')} rules={required}>
            <Input.TextArea rows={4} maxLength={8000} data-testid="case-opinion" />
          </Form.Item>
        </>
      )}
      {has('discussion') && (
        <>
          <Form.Item name="conclusion" label={t('case.fields.conclusion')} rules={required}>
            <Input.TextArea rows={3} maxLength={8000} data-testid="case-conclusion" />
          </Form.Item>
          <Form.Item name="participants" label={t('case.fields.participants')} rules={[...required, { validator: (_, v: string[] | undefined) => (!v || v.length >= 3 ? Promise.resolve() : Promise.reject(new Error(t('fieldErrors.min_items', { limit: 3 })))) }]}>
            <Select mode="tags" data-testid="case-participants" open={false} tokenSeparators={[',', '，', '、', ' ']} />
          </Form.Item>
        </>
      )}
      {has('serve') && (
        <>
          <Form.Item name="method" label={t('case.fields.method')} rules={required}>
            <Select id="case-method" data-testid="case-method" style={{ width: 200 }} options={SERVICE_METHODS.map((m) => ({ value: m, label: t(`case.serviceMethods.${m}`) }))} />
          </Form.Item>
          {method === 'electronic' && (
            <Form.Item name="consent" valuePropName="checked">
              <Checkbox data-testid="case-consent">{t('case.fields.consent')}</Checkbox>
            </Form.Item>
          )}
        </>
      )}
      {has('payment') && (
        <Form.Item name="amountYuan" label={t('case.fields.amountYuan')} rules={required}>
          <InputNumber<string> stringMode min="0" precision={2} style={{ width: 200 }} id="case-amount" data-testid="case-amount" />
        </Form.Item>
      )}
      {has('court') && (
        <Form.Item name="result" label={t('case.fields.result')} rules={required}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="case-result" />
        </Form.Item>
      )}
      {has('seize') && (
        <>
          <Form.Item name="seizureKind" label={t('case.fields.seizureKind')} rules={required}>
            <Radio.Group data-testid="case-seizure-kind" options={(['seal', 'detain'] as const).map((k) => ({ value: k, label: t(`case.seizureKinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="items" label={t('case.fields.items')} rules={required}>
            <Input.TextArea rows={2} maxLength={4000} data-testid="case-items" />
          </Form.Item>
          <Form.Item name="place" label={t('case.fields.place')}>
            <Input maxLength={300} />
          </Form.Item>
        </>
      )}
      {has('seizureId') && (
        <Form.Item name="seizureId" label={t('case.fields.seizure')} rules={required}>
          <Select id="case-seizure" data-testid="case-seizure" options={held.map((s) => ({ value: s.id, label: `${t(`case.seizureKinds.${s.kind}`)}：${s.items}（${s.startOn}）` }))} />
        </Form.Item>
      )}
      {has('seizureOutcome') && (
        <Form.Item name="seizureOutcome" label={t('case.fields.seizureOutcome')} rules={required}>
          <Radio.Group options={(['released', 'confiscated', 'destroyed'] as const).map((k) => ({ value: k, label: t(`case.seizureOutcomes.${k}`) }))} />
        </Form.Item>
      )}
      {has('evidence') && (
        <>
          <Form.Item name="items" label={t('case.fields.evidenceItems')} rules={required}>
            <Input.TextArea rows={2} maxLength={4000} data-testid="case-items" />
          </Form.Item>
          <Form.Item name="place" label={t('case.fields.place')}>
            <Input maxLength={300} data-testid="case-place" />
          </Form.Item>
        </>
      )}
      {has('evidenceId') && (
        <Form.Item name="evidenceId" label={t('case.fields.evidence')} rules={required}>
          <Select id="case-evidence" data-testid="case-evidence" options={preserved.map((e) => ({ value: e.id, label: t('case.detail.evidence.option', { items: e.items, date: e.on }) }))} />
        </Form.Item>
      )}
      {has('evidenceOutcome') && (
        <Form.Item name="evidenceOutcome" label={t('case.fields.evidenceOutcome')} rules={required}>
          <Radio.Group data-testid="case-evidence-outcome" options={EVIDENCE_OUTCOMES.map((k) => ({ value: k, label: t(`case.evidenceOutcomes.${k}`) }))} />
        </Form.Item>
      )}
      {!!error && <Alert type="error" showIcon title={caseErrorText(t, error)} style={{ marginBottom: 12 }} data-testid="case-action-error" />}
      <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="case-submit">
        {t('case.detail.submit')}
      </Button>
    </Form>
  );
}

