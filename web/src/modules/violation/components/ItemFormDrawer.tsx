import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Checkbox, Col, Divider, Drawer, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { api, ApiError } from '../../../shared/api/client';
import { errorText, issueText } from '../../../shared/api/errors';
import { rowIssues, useLaws, useSaveItem, type Item, type RowIssue } from '../api';
import { BAND_LEVELS, formValues, issuePath, saveBody, toUnits, type FineBasis, type ItemFormValues } from '../form';

const PARTY_TYPES = ['individual', 'business', 'organization'] as const;
const PENALTY_KINDS = ['warning', 'fine', 'confiscation', 'suspension', 'closure'] as const;
const FINE_BASES = ['amount', 'multiple', 'unstated'] as const;

interface Props {
  versionId: string;
  /** The item edited; null: a new item. */
  item: Item | null;
  open: boolean;
  onClose: () => void;
  onSaved: (item: Item) => void;
}

/** One citation: the law chosen from the laws known to the catalogue (its version date filled in), article and quoted text. */
function LawFields({ name, title, laws }: { name: 'violated' | 'penaltyBasis'; title: string; laws: { law: string; version: string }[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ItemFormValues>();
  const required: Rule[] = [{ required: true, whitespace: true, message: t('violation.form.required') }];
  const names = useMemo(() => [...new Set(laws.map((l) => l.law))], [laws]);
  return (
    <>
      <Divider titlePlacement="start" plain>
        {title}
      </Divider>
      <Row gutter={12}>
        <Col span={16}>
          <Form.Item name={[name, 'law']} label={t('violation.form.law')} rules={required}>
            <Select
              showSearch
              options={names.map((n) => ({ value: n, label: n }))}
              onChange={(law: string) => {
                // The latest text of the chosen law the catalogue knows; an older one can still be typed.
                const latest = laws.filter((l) => l.law === law).map((l) => l.version).sort().at(-1);
                if (latest) form.setFieldValue([name, 'version'], latest);
              }}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={[name, 'version']} label={t('violation.form.lawVersion')} rules={[...required, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
            <Input placeholder="YYYY-MM-DD" maxLength={10} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={[name, 'article']} label={t('violation.form.article')} rules={required}>
        <Input maxLength={60} placeholder={t('violation.form.articlePlaceholder')} />
      </Form.Item>
      <Form.Item name={[name, 'quote']} label={t('violation.form.quote')} extra={t('violation.form.quoteHint')} rules={required}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </>
  );
}

/**
 * The drawer that adds or edits an item of a draft: every field of the item; the server checks it (bands inside the
 * statutory range, rising, …) and each problem is shown on its field. A concurrent change by someone else (409)
 * reloads the item into the form.
 */
export function ItemFormDrawer({ versionId, item, open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemFormValues>();
  const laws = useLaws(open);
  const save = useSaveItem();
  const [revision, setRevision] = useState<string | null>(item?.revision ?? null);
  const [problems, setProblems] = useState<{ count: number; unplaced: RowIssue[]; error: string | null }>({ count: 0, unplaced: [], error: null });
  const kinds = Form.useWatch(['statutory', 'kinds'], form) ?? [];
  const basis: FineBasis = Form.useWatch(['statutory', 'fineBasis'], form) ?? 'amount';
  const hasFine = kinds.includes('fine');
  const unit = basis === 'multiple' ? t('violation.form.unitPercent') : t('violation.form.unitYuan');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(formValues(item));
    setRevision(item?.revision ?? null);
    setProblems({ count: 0, unplaced: [], error: null });
  }, [open, item, form]);

  const amountRule = (required: boolean): Rule => ({
    validator: (_, value: string | undefined) => {
      const v = toUnits(value, basis);
      if (v === undefined) return Promise.reject(new Error(basis === 'multiple' ? t('violation.form.invalidPercent') : t('violation.form.invalidAmount')));
      if (v === null && required) return Promise.reject(new Error(t('violation.form.required')));
      return Promise.resolve();
    },
  });
  const required: Rule[] = [{ required: true, whitespace: true, message: t('violation.form.required') }];
  const requiredList: Rule[] = [{ required: true, type: 'array', min: 1, message: t('violation.form.required') }];

  async function submit() {
    if (!(await form.validateFields().then(() => true, () => false))) return;
    // Every value, also of fields not shown now (a hidden band amount is simply not sent).
    const values = form.getFieldsValue(true) as ItemFormValues;
    setProblems({ count: 0, unplaced: [], error: null });
    const code = (item?.code ?? values.code).trim();
    try {
      const saved = await save.mutateAsync({ versionId, code, body: saveBody(values, item ? revision : null) });
      message.success(t('violation.form.saved'));
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'conflict.stale_version' && item) {
        // Someone else changed (or deleted) the item: load what is stored now instead of overwriting it.
        try {
          const fresh = await api.get<Item>(`/api/violation/items/${item.id}`);
          form.setFieldsValue(formValues(fresh));
          setRevision(fresh.revision);
          setProblems({ count: 0, unplaced: [], error: t('violation.form.stale') });
          message.warning(t('violation.form.stale')); // the alert is at the top of the form, maybe scrolled away
        } catch (reload) {
          setProblems({ count: 0, unplaced: [], error: errorText(t, reload) });
        }
        return;
      }
      const issues = rowIssues(e);
      const placed = new Map<string, { name: (string | number)[]; errors: string[] }>();
      const unplaced: RowIssue[] = [];
      for (const i of issues) {
        const path = issuePath(i.field);
        if (!path) {
          unplaced.push(i);
          continue;
        }
        const key = path.join('.');
        placed.set(key, { name: path, errors: [...(placed.get(key)?.errors ?? []), issueText(i)] });
      }
      // issuePath returns only paths of this form's fields.
      form.setFields([...placed.values()] as Parameters<typeof form.setFields>[0]);
      setProblems({ count: issues.length, unplaced, error: issues.length ? null : errorText(t, e) });
      if (placed.size) form.scrollToField([...placed.values()][0]!.name as Parameters<typeof form.scrollToField>[0], { block: 'center' });
    }
  }

  return (
    <Drawer
      size={820}
      open={open}
      onClose={onClose}
      title={item ? t('violation.form.editTitle', { code: item.code }) : t('violation.form.addTitle')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('violation.form.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()} data-testid="violation-item-save">
            {t('violation.form.save')}
          </Button>
        </Space>
      }
    >
      <div data-testid="violation-item-form">
        {problems.error && <Alert style={{ marginBottom: 12 }} type="warning" showIcon message={problems.error} data-testid="violation-item-error" />}
        {problems.count > 0 && (
          <Alert
            style={{ marginBottom: 12 }}
            type="error"
            showIcon
            data-testid="violation-item-error"
            message={t('violation.form.hasErrors', { count: problems.count })}
            description={problems.unplaced.length ? problems.unplaced.map((i) => <div key={`${i.field}:${i.code}`}>{issueText(i)}</div>) : undefined}
          />
        )}
        {laws.error && <Alert style={{ marginBottom: 12 }} type="error" message={errorText(t, laws.error)} />}
        <Form form={form} name="violation-item" layout="vertical" requiredMark={false} initialValues={formValues(item)}>
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item name="code" label={t('violation.code')} rules={[...required, { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: t('fieldErrors.violation_code_format') }]}>
                <Input maxLength={32} disabled={!!item} />
              </Form.Item>
            </Col>
            <Col span={18}>
              <Form.Item name="name" label={t('violation.name')} rules={required}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="partyTypes" label={t('violation.partyTypes')} rules={requiredList}>
            <Checkbox.Group options={PARTY_TYPES.map((p) => ({ value: p, label: t(`violation.party.${p}`) }))} />
          </Form.Item>
          <LawFields name="violated" title={t('violation.violated')} laws={laws.data?.items ?? []} />
          <LawFields name="penaltyBasis" title={t('violation.penaltyBasis')} laws={laws.data?.items ?? []} />

          <Divider titlePlacement="start" plain>
            {t('violation.statutory')}
          </Divider>
          <Form.Item name={['statutory', 'kinds']} label={t('violation.kinds')} rules={requiredList}>
            <Checkbox.Group options={PENALTY_KINDS.map((k) => ({ value: k, label: t(`violation.kind.${k}`) }))} />
          </Form.Item>
          {hasFine && (
            <>
              <Form.Item name={['statutory', 'fineBasis']} label={t('violation.form.fineBasis')}>
                <Radio.Group options={FINE_BASES.map((b) => ({ value: b, label: t(`violation.form.basis.${b}`) }))} optionType="button" />
              </Form.Item>
              {basis === 'multiple' && (
                <Form.Item name={['statutory', 'multipleOf']} label={t('violation.form.multipleOf')} rules={required}>
                  <Input maxLength={100} placeholder={t('violation.form.multipleOfPlaceholder')} />
                </Form.Item>
              )}
              {basis !== 'unstated' && (
                <Row gutter={12}>
                  <Col span={12}>
                    <Form.Item name={['statutory', 'fineMin']} label={t('violation.form.fineMin')} extra={t('violation.form.noBound')} rules={[amountRule(false)]}>
                      <Input suffix={unit} inputMode="decimal" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name={['statutory', 'fineMax']} label={t('violation.form.fineMax')} extra={t('violation.form.noBound')} rules={[amountRule(false)]}>
                      <Input suffix={unit} inputMode="decimal" />
                    </Form.Item>
                  </Col>
                </Row>
              )}
            </>
          )}
          <Form.Item name={['statutory', 'orders']} label={t('violation.orders')}>
            <Input maxLength={500} />
          </Form.Item>

          <Divider titlePlacement="start" plain>
            {t('violation.bands')}
          </Divider>
          {BAND_LEVELS.map((level, i) => (
            <div key={level} data-testid={`violation-band-${level}`}>
              <Typography.Text strong>{t(`violation.level.${level}`)}</Typography.Text>
              <Form.Item name={['bands', i, 'level']} hidden>
                <Input />
              </Form.Item>
              {hasFine && (
                <Row gutter={12}>
                  <Col span={12}>
                    <Form.Item name={['bands', i, 'fineMin']} label={t('violation.form.bandMin')} rules={[amountRule(true)]}>
                      <Input suffix={unit} inputMode="decimal" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name={['bands', i, 'fineMax']} label={t('violation.form.bandMax')} rules={[amountRule(true)]}>
                      <Input suffix={unit} inputMode="decimal" />
                    </Form.Item>
                  </Col>
                </Row>
              )}
              <Form.Item name={['bands', i, 'conditions']} label={t('violation.conditions')} rules={required}>
                <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
            </div>
          ))}

          <Divider titlePlacement="start" plain>
            {t('violation.firstOffence')}
          </Divider>
          <Form.Item name="firstOffenceExemption" extra={t('violation.form.firstOffenceHint')}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </Form>
      </div>
    </Drawer>
  );
}
