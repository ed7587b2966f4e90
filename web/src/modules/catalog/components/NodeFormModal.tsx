import { useEffect } from 'react';
import { App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText, fieldErrors } from '../../../shared/api/errors';
import { useSaveNode, type CatalogNode, type SaveNodeBody } from '../api';
import { validValues } from '../../../shared/forms';

type Values = SaveNodeBody & { code: string };
const FIELDS = ['code', 'parentCode', 'title', 'text', 'points', 'method', 'rule', 'evidence', 'isVeto', 'appliesTo', 'guidance', 'changeReason'] as const;

/** Add (node = null, parent given) or edit a node of a draft version. */
export function NodeFormModal({
  versionId,
  open,
  node,
  parentCode,
  onClose,
}: {
  versionId: string;
  open: boolean;
  node: CatalogNode | null;
  parentCode: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveNode(versionId);
  const method = Form.useWatch('method', form);

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      node
        ? { ...node, changeReason: node.changeReason }
        : { code: parentCode ? `${parentCode}.` : '', parentCode, title: '', text: null, points: null, method: null, rule: null, evidence: null, isVeto: false, appliesTo: 'team', guidance: null },
    );
  }, [open, node, parentCode, form]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const { code, ...body } = v;
    const blank = (s: string | null | undefined) => (s && s.trim() ? s : null);
    try {
      await save.mutateAsync({
        code: code.trim(),
        body: {
          parentCode: blank(body.parentCode),
          title: body.title,
          text: blank(body.text),
          points: body.points ?? null,
          method: body.method ?? null,
          rule: blank(body.rule),
          evidence: blank(body.evidence),
          isVeto: !!body.isVeto,
          appliesTo: body.appliesTo,
          guidance: blank(body.guidance),
          changeReason: blank(body.changeReason),
        },
      });
      message.success(t('catalog.saved'));
      onClose();
    } catch (e) {
      const f = fieldErrors(e, FIELDS);
      if (f.length) form.setFields(f);
      message.error(errorText(t, e));
    }
  };

  return (
    <Modal
      title={node ? `${t('catalog.editNode')} · ${node.code}` : t('catalog.addNode')}
      open={open}
      onOk={() => void submit()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      width={680}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="node-form">
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="code" label={t('catalog.code')} rules={[{ required: true, message: t('common.required') }]} style={{ flex: 1 }}>
            <Input disabled={!!node} />
          </Form.Item>
          <Form.Item name="parentCode" label={t('catalog.parentCode')} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="points" label={t('catalog.points')} style={{ width: 110 }}>
            <InputNumber min={0} max={10000} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="title" label={t('catalog.itemTitle')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="text" label={t('catalog.text')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={4000} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="method" label={t('catalog.method')} style={{ flex: 1 }}>
            <Select
              allowClear
              options={(['pass_fail', 'graded', 'computed'] as const).map((m) => ({ value: m, label: t(`catalog.methods.${m}`) }))}
            />
          </Form.Item>
          <Form.Item name="appliesTo" label={t('catalog.appliesTo')} style={{ flex: 1 }}>
            <Select options={(['team', 'department', 'all'] as const).map((m) => ({ value: m, label: t(`catalog.applies.${m}`) }))} />
          </Form.Item>
          <Form.Item name="isVeto" label={t('catalog.veto')} valuePropName="checked" style={{ width: 110 }}>
            <Checkbox />
          </Form.Item>
        </div>
        {method === 'computed' && (
          <Form.Item name="rule" label={t('catalog.rule')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        )}
        <Form.Item name="evidence" label={t('catalog.evidence')}>
          <Input />
        </Form.Item>
        <Form.Item name="guidance" label={t('catalog.guidance')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="changeReason" label={t('catalog.changeReason')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
