import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Modal, Progress, Radio, Result, Space, Statistic, Steps, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { XlsxFilePicker } from '../../../shared/ui/XlsxFilePicker';
import { useTranslation } from 'react-i18next';
import { errorText, issueText } from '../../../shared/api/errors';
import { FIELDS } from '../fields';
import { LEDGER_KEY, startImport, templateUrl, useImportJob, type ImportIssue, type ImportMode, type Ledger } from '../api';

/** Upload → progress (polling the import job) → report with the row/column problems. */
export function ImportWizard({ ledger, open, onClose }: { ledger: Ledger; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [importId, setImportId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const job = useImportJob(importId);
  const j = job.data;
  const finished = !!j && (j.status === 'done' || j.status === 'failed');
  const step = !importId ? 0 : finished ? 2 : 1;

  const reset = () => {
    setImportId(null);
    setError(null);
    setFile(null);
  };
  const close = () => {
    reset();
    setMode('all_or_nothing');
    if (importId) void qc.invalidateQueries({ queryKey: LEDGER_KEY });
    onClose();
  };

  const upload = async () => {
    if (!file) {
      setError(t('ledger.importer.chooseFirst'));
      return;
    }
    setError(null);
    setUploading(true);
    try {
      const r = await startImport(ledger, file, mode);
      setImportId(r.importId);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setUploading(false);
    }
  };

  const nothingImported = finished && j.status === 'done' && j.mode === 'all_or_nothing' && j.issues.length > 0;

  return (
    <Modal title={t('ledger.importer.title', { ledger: t(`ledger.titles.${ledger}`) })} open={open} onCancel={close} width={860} footer={null} destroyOnHidden>
      <div data-testid="ledger-import-wizard">
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 16 }}
          items={[{ title: t('ledger.importer.stepUpload') }, { title: t('ledger.importer.stepProgress') }, { title: t('ledger.importer.stepReport') }]}
        />
        {step === 0 && (
          <Form layout="vertical">
            <Form.Item label={t('ledger.importer.mode')}>
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} data-testid="ledger-import-mode">
                <Space orientation="vertical">
                  <Radio value="all_or_nothing" data-testid="ledger-import-mode-all">
                    {t('ledger.importer.allOrNothing')} <Typography.Text type="secondary">（{t('ledger.importer.allOrNothingHint')}）</Typography.Text>
                  </Radio>
                  <Radio value="valid_only" data-testid="ledger-import-mode-valid">
                    {t('ledger.importer.validOnly')} <Typography.Text type="secondary">（{t('ledger.importer.validOnlyHint')}）</Typography.Text>
                  </Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
            <Form.Item label={t('ledger.importer.file')} required extra={t('ledger.importer.templateHint')}>
              <Space>
                <XlsxFilePicker file={file} onChange={setFile} label={t('ledger.importer.choose')} />
                <Button type="link" icon={<DownloadOutlined />} href={templateUrl(ledger)} download>
                  {t('ledger.templateBtn')}
                </Button>
              </Space>
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Button type="primary" loading={uploading} onClick={() => void upload()} data-testid="ledger-import-upload">
              {t('ledger.importer.upload')}
            </Button>
          </Form>
        )}
        {step >= 1 && (
          <div data-testid="ledger-import-progress-block" style={{ marginBottom: 16 }}>
            <Progress
              data-testid="ledger-import-progress"
              data-progress={j?.progress ?? 0}
              percent={j?.progress ?? 0}
              status={j?.status === 'failed' ? 'exception' : finished ? 'success' : 'active'}
            />
            <Typography.Text type="secondary">
              {!j || j.status === 'queued' ? t('ledger.importer.queued') : t(finished ? 'ledger.importer.processed' : 'ledger.importer.processing', { processed: j.processedRows, total: j.totalRows })}
            </Typography.Text>
            {job.isError && <Alert type="error" showIcon title={errorText(t, job.error)} />}
          </div>
        )}
        {step === 2 && j && (
          <div data-testid="ledger-import-report">
            {j.status === 'failed' ? (
              // The job's own error is English for API readers; the issues below say what went wrong in the user's language.
              <Result status="error" title={t('ledger.importer.failed')} subTitle={i18n.language === 'en' ? (j.error ?? undefined) : undefined} />
            ) : nothingImported ? (
              <Alert type="error" showIcon title={t('ledger.importer.nothingImported')} data-testid="ledger-import-nothing" />
            ) : (
              <Alert type={j.issues.length ? 'warning' : 'success'} showIcon title={t('ledger.importer.doneOk')} />
            )}
            <Space size={48} style={{ margin: '16px 0' }}>
              <Statistic title={t('ledger.importer.created')} value={j.created} data-testid="ledger-import-created" />
              <Statistic title={t('ledger.importer.skipped')} value={j.skipped} data-testid="ledger-import-skipped" />
              <Statistic title={t('ledger.importer.issues', { count: j.issues.length })} value={j.issues.length} />
            </Space>
            {j.issues.length > 0 && (
              <Table<ImportIssue>
                data-testid="ledger-import-issues"
                size="small"
                rowKey={(r) => `${r.row}:${r.column}:${r.field}:${r.message}`}
                dataSource={j.issues}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: t('ledger.importer.row'), dataIndex: 'row', key: 'row', width: 70 },
                  { title: t('ledger.importer.column'), dataIndex: 'column', key: 'column', width: 80 },
                  {
                    title: t('ledger.importer.field'),
                    dataIndex: 'field',
                    key: 'field',
                    width: 160,
                    render: (f: string) => {
                      const def = FIELDS[ledger].find((d) => d.name === f);
                      return def ? t(`ledger.fields.${def.label}`) : f === 'team' ? t('ledger.unit') : f;
                    },
                  },
                  { title: t('ledger.importer.message'), key: 'message', render: (_: unknown, r: ImportIssue) => issueText(r) },
                ]}
              />
            )}
            <Space style={{ marginTop: 16 }}>
              <Button onClick={reset}>{t('ledger.importer.again')}</Button>
              <Button type="primary" onClick={close} data-testid="ledger-import-close">
                {t('ledger.importer.close')}
              </Button>
            </Space>
          </div>
        )}
      </div>
    </Modal>
  );
}
