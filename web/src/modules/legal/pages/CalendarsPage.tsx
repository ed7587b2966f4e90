import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../../../shared/api/client';
import { errorText, issueText } from '../../../shared/api/errors';
import { XlsxFilePicker } from '../../../shared/ui/XlsxFilePicker';
import { exportUrl, noticeIssues, templateUrl, useCalendar, useCalendars, useLegalAdmin, type CalendarYear, type NoticeBody, type NoticeIssue } from '../api';

const KIND_COLOR: Record<string, string> = { holiday: '#ffccc7', makeup_workday: '#d9f7be', weekend: '#f0f0f0', workday: '#ffffff', missing: '#fafafa' };

/** One problem of a notice in the user's language: the notice check's reason, or a workbook cell problem. */
function issueLine(t: TFunction, i: NoticeIssue): string {
  const where = i.row ? `${t('legal.calendars.row', { row: i.row })}${i.column ? ` ${i.column}` : ''}：` : '';
  if (i.reason) return `${where}${t(`legal.noticeIssues.${i.reason}`, { ...(i.params ?? {}), defaultValue: t('fieldErrors.invalid') })}`;
  return `${where}${issueText(i)}`;
}

function ErrorBox({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const issues = noticeIssues(error);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="calendar-error"
      message={errorText(t, error)}
      description={issues.length ? <ul style={{ margin: 0, paddingLeft: 20 }}>{issues.map((i, k) => <li key={k}>{issueLine(t, i)}</li>)}</ul> : undefined}
    />
  );
}

/** 节假日日历: the years loaded, a month grid of the chosen year, and entering or importing a year's notice. */
export default function CalendarsPage() {
  const { t } = useTranslation();
  const list = useCalendars();
  const years = list.data?.items ?? [];
  const [year, setYear] = useState<number | undefined>();
  useEffect(() => {
    if (year === undefined && years.length) setYear(years[years.length - 1]!.year);
  }, [year, years]);
  const cal = useCalendar(year);
  const canManage = !!list.data?.actions.includes('create');
  const [entering, setEntering] = useState(false);
  const [importing, setImporting] = useState(false);
  const nextYear = (years.at(-1)?.year ?? new Date().getFullYear()) + 1;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('legal.calendars.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('legal.calendars.hint')}</Typography.Paragraph>
      <Card
        title={t('legal.calendars.years')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={templateUrl(nextYear)}>
              {t('legal.calendars.template')}
            </Button>
            {canManage && (
              <>
                <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="calendar-import">
                  {t('legal.calendars.import')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)} data-testid="calendar-enter">
                  {t('legal.calendars.enter')}
                </Button>
              </>
            )}
          </Space>
        }
      >
        <Table
          rowKey="year"
          size="small"
          loading={list.isLoading}
          dataSource={years}
          pagination={false}
          onRow={(r) => ({ onClick: () => setYear(r.year), style: { cursor: 'pointer', background: r.year === year ? '#e6f4ff' : undefined } })}
          columns={[
            { title: t('legal.calendars.year'), dataIndex: 'year', render: (y: number) => <Typography.Link data-testid={`calendar-year-${y}`}>{y}</Typography.Link> },
            { title: t('legal.calendars.notice'), dataIndex: 'title' },
            { title: t('legal.calendars.issuedOn'), dataIndex: 'issuedOn' },
            { title: '', key: 'counts', render: (_, r) => `${t('legal.calendars.holidays', { count: r.holidayCount })}，${t('legal.calendars.makeups', { count: r.makeupCount })}` },
            { title: '', dataIndex: 'origin', render: (o: string) => <Tag>{t(`legal.calendars.origins.${o}`)}</Tag> },
            { title: '', key: 'export', render: (_, r) => <a href={exportUrl(r.year)}>{t('legal.calendars.export')}</a> },
          ]}
        />
      </Card>
      {cal.data && <YearGrid cal={cal.data} />}
      {entering && <EnterModal defaultYear={nextYear} onClose={() => setEntering(false)} onSaved={(y) => setYear(y)} />}
      {importing && <ImportModal onClose={() => setImporting(false)} onSaved={(y) => setYear(y)} />}
    </Space>
  );
}

function YearGrid({ cal }: { cal: CalendarYear }) {
  const { t } = useTranslation();
  const byMonth = new Map<number, CalendarYear['days']>();
  for (const d of cal.days) {
    const m = Number(d.date.slice(5, 7));
    byMonth.set(m, [...(byMonth.get(m) ?? []), d]);
  }
  return (
    <Card
      title={`${cal.year} · ${cal.title}`}
      data-testid="calendar-grid"
      extra={
        <Space size={12}>
          {(['holiday', 'makeup_workday', 'weekend'] as const).map((k) => (
            <Space key={k} size={4}>
              <span style={{ display: 'inline-block', width: 12, height: 12, background: KIND_COLOR[k], border: '1px solid #d9d9d9' }} />
              {t(`legal.calendars.legend.${k}`)}
            </Space>
          ))}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('legal.calendars.source')}：{cal.source || '—'}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {[...byMonth.entries()].map(([m, days]) => {
          const lead = new Date(`${days[0]!.date}T00:00:00Z`).getUTCDay();
          return (
            <Col key={m} xs={24} sm={12} md={8} xl={6}>
              <Typography.Text strong>{t('legal.calendars.month', { month: m })}</Typography.Text>
              <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 4, fontSize: 12, textAlign: 'center' }}>
                {[0, 1, 2, 3, 4, 5, 6].map((w) => (
                  <div key={`h${w}`} style={{ color: '#8c8c8c' }}>
                    {t(`legal.calendars.weekdays.w${w}`)}
                  </div>
                ))}
                {Array.from({ length: lead }, (_, i) => (
                  <div key={`e${i}`} />
                ))}
                {days.map((d) => (
                  <div
                    key={d.date}
                    data-testid={`day-${d.date}`}
                    data-kind={d.kind}
                    title={`${d.date} ${t(`legal.calendars.legend.${d.kind}`, { defaultValue: '' })}${d.name ? ` ${d.name}` : ''}`}
                    style={{ background: KIND_COLOR[d.kind], border: '1px solid #f0f0f0', borderRadius: 2, padding: '2px 0' }}
                  >
                    {Number(d.date.slice(8))}
                    {d.kind === 'makeup_workday' && <sup>班</sup>}
                  </div>
                ))}
              </div>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}

/** Parses "2027-01-01 元旦" lines; returns the first line that does not parse. */
function parseLines(text: string, withName: boolean): { ok: true; items: { date: string; name: string }[] } | { ok: false; line: number; text: string } {
  const items: { date: string; name: string }[] = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = withName ? /^(\d{4}-\d{2}-\d{2})\s+(\S.*)$/.exec(line) : /^(\d{4}-\d{2}-\d{2})$/.exec(line);
    if (!m) return { ok: false, line: i + 1, text: line };
    items.push({ date: m[1]!, name: (m[2] ?? '').trim() });
  }
  return { ok: true, items };
}

function EnterModal({ defaultYear, onClose, onSaved }: { defaultYear: number; onClose: () => void; onSaved: (year: number) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { saveCalendar } = useLegalAdmin();
  const [form] = Form.useForm<{ year: number; title: string; issuedOn: string; source: string; holidays: string; makeups: string }>();
  const [lineError, setLineError] = useState<string | null>(null);

  const send = async (replace: boolean) => {
    const v = form.getFieldsValue();
    setLineError(null);
    const h = parseLines(v.holidays ?? '', true);
    const mk = parseLines(v.makeups ?? '', false);
    for (const r of [h, mk]) if (!r.ok) return setLineError(t('legal.calendars.lineInvalid', { line: r.line, text: r.text }));
    if (!h.ok || !mk.ok) return;
    const body: NoticeBody = { title: v.title ?? '', issuedOn: v.issuedOn, source: v.source ?? '', holidays: h.items, makeupWorkdays: mk.items.map((x) => x.date) };
    try {
      await saveCalendar.mutateAsync({ year: v.year, replace, body });
      message.success(t('legal.calendars.saved', { year: v.year }));
      onSaved(v.year);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'legal.calendar_exists') {
        const d = e.details as { title?: string };
        modal.confirm({ title: t('legal.calendars.replaceConfirm', { year: v.year, title: d.title ?? '' }), onOk: () => send(true) });
      }
    }
  };

  return (
    <Modal open title={t('legal.calendars.enter')} onCancel={onClose} onOk={() => form.validateFields().then(() => send(false))} okText={t('legal.calendars.save')} confirmLoading={saveCalendar.isPending} width={640} okButtonProps={{ 'data-testid': 'calendar-save' } as Record<`data-${string}`, string>}>
      <Form form={form} layout="vertical" initialValues={{ year: defaultYear, title: `国务院办公厅关于${defaultYear}年部分节假日安排的通知` }}>
        <Form.Item name="year" label={t('legal.calendars.year')} rules={[{ required: true }]}>
          <InputNumber min={1990} max={2200} data-testid="calendar-form-year" />
        </Form.Item>
        <Form.Item name="title" label={t('legal.calendars.noticeTitle')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('legal.calendars.issuedOn')} rules={[{ required: true }]}>
          <Input type="date" data-testid="calendar-form-issued" />
        </Form.Item>
        <Form.Item name="source" label={t('legal.calendars.source')}>
          <Input data-testid="calendar-form-source" />
        </Form.Item>
        <Form.Item name="holidays" label={t('legal.calendars.holidayLines')} extra={t('legal.calendars.holidayLinesHint')}>
          <Input.TextArea rows={6} data-testid="calendar-form-holidays" />
        </Form.Item>
        <Form.Item name="makeups" label={t('legal.calendars.makeupLines')} extra={t('legal.calendars.makeupLinesHint')}>
          <Input.TextArea rows={3} data-testid="calendar-form-makeups" />
        </Form.Item>
      </Form>
      {lineError && <Alert type="error" showIcon message={lineError} />}
      {saveCalendar.isError && !(saveCalendar.error instanceof ApiError && saveCalendar.error.code === 'legal.calendar_exists') && <ErrorBox error={saveCalendar.error} />}
    </Modal>
  );
}

function ImportModal({ onClose, onSaved }: { onClose: () => void; onSaved: (year: number) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { importCalendar } = useLegalAdmin();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);

  const send = async (replace: boolean) => {
    if (!file) return;
    try {
      const r = await importCalendar.mutateAsync({ file, replace, dryRun });
      if (r.dryRun) message.success(t('legal.calendars.checked'));
      else {
        message.success(t('legal.calendars.saved', { year: r.calendar.year }));
        onSaved(r.calendar.year);
        onClose();
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'legal.calendar_exists') {
        const d = e.details as { year?: number; title?: string };
        modal.confirm({ title: t('legal.calendars.replaceConfirm', { year: d.year ?? '', title: d.title ?? '' }), onOk: () => send(true) });
      }
    }
  };

  return (
    <Modal open title={t('legal.calendars.import')} onCancel={onClose} onOk={() => send(false)} okButtonProps={{ disabled: !file, ...({ 'data-testid': 'calendar-import-send' } as Record<`data-${string}`, string>) }} confirmLoading={importCalendar.isPending}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <XlsxFilePicker file={file} onChange={setFile} label={t('legal.calendars.file')} testId="calendar-file" />
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
          {t('legal.calendars.dryRun')}
        </Checkbox>
        {importCalendar.isError && !(importCalendar.error instanceof ApiError && importCalendar.error.code === 'legal.calendar_exists') && <ErrorBox error={importCalendar.error} />}
      </Space>
    </Modal>
  );
}
