import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Form, Input, Modal, Result, Select, Space, Steps, Table } from 'antd';
import { XlsxFilePicker } from '../../../shared/ui/XlsxFilePicker';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { errorText, issueText } from '../../../shared/api/errors';
import { treeIssues, useImportWorkbook, WORKBOOK_COLUMNS, type ImportResult, type Standard, type TreeIssue } from '../api';
import { validValues } from '../../../shared/forms';

interface Values {
  standardId: string;
  label: string;
}

export function ImportWizard({ open, standards, onClose }: { open: boolean; standards: Standard[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState(0);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [issues, setIssues] = useState<TreeIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const importer = useImportWorkbook();

  const reset = () => {
    setStep(0);
    setChecked(null);
    setIssues([]);
    setError(null);
  };

  const check = async () => {
    const v = await validValues(form);
    if (!v) return;
    if (!file) {
      setError(t('catalog.importChoose'));
      return;
    }
    setError(null);
    setIssues([]);
    try {
      const r = await importer.mutateAsync({ ...v, file, dryRun: true });
      setChecked(r);
    } catch (e) {
      setChecked(null);
      setIssues(treeIssues(e));
      setError(e instanceof ApiError && e.code === 'catalog.import_invalid' ? t('catalog.importInvalid', { count: treeIssues(e).length }) : errorText(t, e));
    }
    setStep(1);
  };

  const confirm = async () => {
    const v = form.getFieldsValue();
    if (!file) return;
    try {
      const r = await importer.mutateAsync({ ...v, file, dryRun: false });
      message.success(t('catalog.importDone'));
      setStep(2);
      if (r.version) {
        onClose();
        reset();
        void navigate(`/catalog/versions/${r.version.id}`);
      }
    } catch (e) {
      setIssues(treeIssues(e));
      setError(errorText(t, e));
    }
  };

  const close = () => {
    reset();
    setFile(null);
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      title={t('catalog.importTitle')}
      open={open}
      onCancel={close}
      width={820}
      footer={null}
      destroyOnHidden
    >
      <div data-testid="import-wizard">
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 16 }}
          items={[{ title: t('catalog.stepUpload') }, { title: t('catalog.stepCheck') }, { title: t('catalog.stepDone') }]}
        />
        <Form form={form} layout="vertical" style={{ display: step === 0 ? undefined : 'none' }} initialValues={{ standardId: standards[0]?.id }}>
          <Form.Item name="standardId" label={t('catalog.importStandard')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={standards.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Form.Item name="label" label={t('catalog.importLabel')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={60} data-testid="import-label" />
          </Form.Item>
          <Form.Item label={t('catalog.importFile')} required>
            <XlsxFilePicker file={file} onChange={setFile} label={t('catalog.importChoose')} testId="import-choose" />
          </Form.Item>
          {error && step === 0 && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" onClick={() => void check()} loading={importer.isPending} data-testid="import-check">
            {t('catalog.importCheck')}
          </Button>
        </Form>
        {step === 1 && (
          <div data-testid="import-report">
            {checked ? (
              <Alert
                type="success"
                showIcon
                title={t('catalog.importValid', { nodes: checked.nodes, items: checked.items, points: checked.totalPoints })}
              />
            ) : (
              <Alert type="error" showIcon title={error} />
            )}
            {issues.length > 0 && (
              <Table<TreeIssue>
                data-testid="import-issues"
                style={{ marginTop: 12 }}
                size="small"
                rowKey={(r) => `${r.row}:${r.field}:${r.message}`}
                dataSource={issues}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: t('catalog.row'), dataIndex: 'row', key: 'row', width: 70 },
                  {
                    title: t('catalog.column'),
                    dataIndex: 'field',
                    key: 'field',
                    width: 130,
                    render: (f: string) => {
                      const c = WORKBOOK_COLUMNS[f];
                      return c ? `${c.letter} · ${c.header}` : f;
                    },
                  },
                  { title: t('catalog.code'), dataIndex: 'nodeCode', key: 'nodeCode', width: 90 },
                  { title: t('catalog.message'), key: 'message', render: (_: unknown, r: TreeIssue) => issueText(r) },
                ]}
              />
            )}
            <Space style={{ marginTop: 16 }}>
              <Button onClick={reset}>{t('catalog.stepUpload')}</Button>
              {checked && (
                <Button type="primary" onClick={() => void confirm()} loading={importer.isPending} data-testid="import-confirm">
                  {t('catalog.importConfirm')}
                </Button>
              )}
            </Space>
          </div>
        )}
        {step === 2 && <Result status="success" title={t('catalog.importDone')} />}
      </div>
    </Modal>
  );
}
