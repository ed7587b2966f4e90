import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/api/errors';
import { hasPermission, useMe } from '../../shared/session';
import { sha256Of, useBodyCameras, useCaseSteps, useEvidenceActions, useTeamOfficers, type CaseStep, type ClipLink, type CaseDetail } from './api';
import { bjSpan, fromBjLocal } from './format';

/**
 * 执法记录仪 on the case: the officers' steps with the clips linked to each (automatically by officer and time, or by
 * hand), whether a step needing 全程音像记录 (查封/扣押) is covered, and registering a clip.
 */
export function ClipsSection({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const canHandle = hasPermission(me.data, 'case.handle');
  const steps = useCaseSteps(c.id, c.version);
  const cameras = useBodyCameras(c.orgUnitId);
  const officers = useTeamOfficers(c.orgUnitId);
  const [registering, setRegistering] = useState(false);
  const cameraName = (id: string) => cameras.data?.find((d) => d.id === id)?.name ?? '—';
  const officerName = (id: string) => officers.data?.find((o) => o.personId === id)?.name ?? '—';

  const clipText = (l: ClipLink) => `${bjSpan(l.clip.startAt, l.clip.endAt)} · ${officerName(l.clip.officerId)} · ${cameraName(l.clip.deviceId)}`;
  const columns: ColumnsType<CaseStep> = [
    {
      title: t('caseEvidence.steps.step'),
      key: 'step',
      width: 170,
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <span>{t(`case.actions.${s.action}`, { defaultValue: s.action })}</span>
          <Typography.Text type="secondary">{s.onDate}</Typography.Text>
        </Space>
      ),
    },
    { title: t('caseEvidence.steps.time'), key: 'time', width: 190, render: (_, s) => (s.startedAt && s.endedAt ? bjSpan(s.startedAt, s.endedAt) : '—') },
    { title: t('caseEvidence.steps.officers'), key: 'officers', width: 140, render: (_, s) => s.officers.map((o) => o.name).join('、') },
    {
      title: t('caseEvidence.steps.recording'),
      key: 'recording',
      width: 220,
      render: (_, s) => {
        if (!s.recording) return <Typography.Text type="secondary">{t('caseEvidence.steps.notRequired')}</Typography.Text>;
        if (s.recording.covered)
          return (
            <Tag color="green" data-testid="evidence-step-covered">
              {t('caseEvidence.steps.covered')}
            </Tag>
          );
        if (s.recording.problem === 'no_time')
          return (
            <Tag color="orange" data-testid="evidence-step-no-time">
              {t('caseEvidence.steps.noTime')}
            </Tag>
          );
        return (
          <Tag color="red" data-testid="evidence-step-gaps">
            {t('caseEvidence.steps.gaps', { gaps: s.recording.gaps.map((g) => bjSpan(g.from, g.to)).join('、') })}
          </Tag>
        );
      },
    },
    {
      title: t('caseEvidence.steps.clips'),
      key: 'clips',
      render: (_, s) =>
        s.clips.length === 0 ? (
          <Typography.Text type="secondary">{t('caseEvidence.steps.none')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={2} data-testid="evidence-step-clips">
            {s.clips.map((l) => (
              <Space key={l.clip.id} size={4} wrap>
                <span>{clipText(l)}</span>
                <Tag>{t(`caseEvidence.clips.how.${l.how}`)}</Tag>
                <Tag color={l.clip.fileStored ? 'blue' : undefined}>{l.clip.fileStored ? t('caseEvidence.clips.stored') : t('caseEvidence.clips.hashOnly')}</Tag>
                <Typography.Text code copyable={{ text: l.clip.sha256 }}>
                  {l.clip.sha256.slice(0, 12)}
                </Typography.Text>
              </Space>
            ))}
          </Space>
        ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('caseEvidence.steps.title')}
      extra={
        canHandle && (
          <Button onClick={() => setRegistering(true)} data-testid="evidence-clip-open">
            {t('caseEvidence.clips.register')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('caseEvidence.steps.note')}</Typography.Text>
        {steps.isError && <Alert type="error" showIcon title={errorText(t, steps.error)} />}
        <Table<CaseStep> rowKey="eventId" size="small" loading={steps.isPending} dataSource={steps.data?.items ?? []} columns={columns} pagination={false} scroll={{ x: 1000 }} locale={{ emptyText: t('caseEvidence.steps.empty') }} data-testid="evidence-steps" />
      </Space>
      {registering && <RegisterClipModal c={c} onClose={() => setRegistering(false)} />}
    </Card>
  );
}

interface ClipValues {
  deviceId: string;
  officerId: string;
  start: string;
  end: string;
  sha256: string;
}

function RegisterClipModal({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { registerClip, uploadClipFile } = useEvidenceActions(c.id);
  const cameras = useBodyCameras(c.orgUnitId);
  const officers = useTeamOfficers(c.orgUnitId);
  const [form] = Form.useForm<ClipValues>();
  const [file, setFile] = useState<File | null>(null);
  const [hashing, setHashing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const required = [{ required: true, message: t('fieldErrors.required') }];

  const pick = async (f: File | null) => {
    setFile(f);
    if (!f) return;
    setHashing(true);
    try {
      form.setFieldValue('sha256', await sha256Of(f));
      await form.validateFields(['sha256']);
    } finally {
      setHashing(false);
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const clip = await registerClip.mutateAsync({ deviceId: v.deviceId, officerId: v.officerId, startAt: fromBjLocal(v.start), endAt: fromBjLocal(v.end), sha256: v.sha256.trim().toLowerCase() });
      if (file) await uploadClipFile.mutateAsync({ id: clip.id, file });
      message.success(t('caseEvidence.clips.done'));
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  const noCameras = cameras.isSuccess && cameras.data.length === 0;
  return (
    <Modal
      open
      title={t('caseEvidence.clips.registerTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('caseEvidence.clips.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={registerClip.isPending || uploadClipFile.isPending || hashing}
      okButtonProps={{ disabled: noCameras, ...({ 'data-testid': 'evidence-clip-submit' } as Record<`data-${string}`, string>) }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ officerId: c.officers[0]?.personId }} data-testid="evidence-clip-form">
        {noCameras && <Alert type="warning" showIcon title={t('caseEvidence.clips.noCameras')} style={{ marginBottom: 12 }} />}
        <Form.Item name="deviceId" label={t('caseEvidence.clips.camera')} rules={required}>
          <Select id="evidence-clip-camera" loading={cameras.isPending} options={(cameras.data ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.identifier}）` }))} />
        </Form.Item>
        <Form.Item name="officerId" label={t('caseEvidence.clips.officer')} rules={required}>
          <Select id="evidence-clip-officer" showSearch={{ optionFilterProp: 'label' }} loading={officers.isPending} options={(officers.data ?? []).map((o) => ({ value: o.personId, label: o.name }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="start" label={t('caseEvidence.clips.start')} rules={required}>
            <Input type="datetime-local" data-testid="evidence-clip-start" />
          </Form.Item>
          <Form.Item
            name="end"
            label={t('caseEvidence.clips.end')}
            dependencies={['start']}
            rules={[...required, ({ getFieldValue }) => ({ validator: (_, v: string | undefined) => (!v || !getFieldValue('start') || v > (getFieldValue('start') as string) ? Promise.resolve() : Promise.reject(new Error(t('caseEvidence.clips.endAfterStart')))) })]}
          >
            <Input type="datetime-local" data-testid="evidence-clip-end" />
          </Form.Item>
        </Space>
        <Form.Item label={t('caseEvidence.clips.file')} help={hashing ? t('caseEvidence.clips.computing') : t('caseEvidence.clips.fileHint')}>
          <input type="file" accept=".mp4,video/mp4" onChange={(ev) => void pick(ev.target.files?.[0] ?? null)} data-testid="evidence-clip-file" />
        </Form.Item>
        <Form.Item name="sha256" label={t('caseEvidence.clips.sha256')} rules={[...required, { pattern: /^\s*[0-9a-fA-F]{64}\s*$/, message: t('caseEvidence.clips.shaPattern') }]}>
          <Input maxLength={70} style={{ fontFamily: 'monospace' }} data-testid="evidence-clip-sha" />
        </Form.Item>
        {!!error && <Alert type="error" showIcon title={errorText(t, error)} data-testid="evidence-clip-error" />}
      </Form>
    </Modal>
  );
}
