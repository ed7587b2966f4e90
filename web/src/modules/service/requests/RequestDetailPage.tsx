/**
 * 诉求详情 (/service/requests/:id): the report's facts, its point on the map, photos, the timeline, the steps the user
 * may take now (each a form asking what the step needs: a reason for 不予受理 / 改派 / 退回 / 挂起 / 合并, what was done
 * for 处置, the reply for 答复), photo upload for the owning team, and 转立案 with the linked case. The server decides
 * what is allowed (`actions`); this page only offers those.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import L from 'leaflet';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Form, Image, Input, Modal, Row, Select, Space, Spin, Tag, Timeline, Typography, Upload, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import GeoMap from '../../../shared/map/GeoMap';
import { toDisplayLatLng } from '../../../shared/map/crs';
import { usePlatformConfig, type TileCrs } from '../../../shared/hooks/usePlatformConfig';
import { errorText } from '../../../shared/api/errors';
import { useOrgUnits } from '../../../shared/org';
import { photoUrl, useServiceRequest, useServiceRequestSteps, type ServiceActionBody, type ServiceRequestDetail, type ServiceStaffAction } from '../api';

/** What each step asks for (the server checks it again). */
const NEEDS: Partial<Record<ServiceStaffAction, { team?: 'optional' | 'required'; reason?: true; note?: true; text?: true; duplicate?: true }>> = {
  accept: { team: 'optional' },
  redispatch: { team: 'required', reason: true },
  return: { reason: true },
  reject: { reason: true },
  merge: { reason: true, duplicate: true },
  handle: { note: true },
  reply: { text: true },
  suspend: { reason: true },
};
const DANGER: readonly ServiceStaffAction[] = ['reject', 'return', 'suspend'];

/** "2026-05-04 10:00" in Beijing from an ISO instant. */
export function bjTime(iso: string | null): string {
  if (!iso) return '—';
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 16);
}

export function DueFlagTag({ flag }: { flag: 'overdue' | 'due_soon' | null }) {
  const { t } = useTranslation();
  if (!flag) return null;
  return (
    <Tag color={flag === 'overdue' ? 'red' : 'orange'} data-testid={`due-flag-${flag}`}>
      {t(`serviceRequest.dueFlags.${flag}`)}
    </Tag>
  );
}

export function StateTag({ state }: { state: ServiceRequestDetail['state'] }) {
  const { t } = useTranslation();
  const color = state === 'closed' || state === 'replied' ? 'green' : state === 'rejected' || state === 'merged' ? 'default' : state === 'suspended' ? 'gold' : 'blue';
  return (
    <Tag color={color} data-testid="request-state">
      {t(`serviceRequest.states.${state}`)}
    </Tag>
  );
}

function StepForm({ request, action, onClose }: { request: ServiceRequestDetail; action: ServiceStaffAction | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { act } = useServiceRequestSteps(request.id);
  const units = useOrgUnits(!!action && !!NEEDS[action]?.team);
  const teams = useMemo(() => (units.data?.items ?? []).filter((u) => u.kind === 'team' && !u.validTo).sort((a, b) => a.code.localeCompare(b.code)), [units.data]);
  const [form] = Form.useForm<{ teamId?: string; reason?: string; note?: string; text?: string; duplicateOfId?: string }>();
  useEffect(() => {
    if (action) form.resetFields();
  }, [action, form]);
  if (!action) return null;
  const needs = NEEDS[action] ?? {};
  const teamRequired = needs.team === 'required' || (needs.team === 'optional' && !request.orgUnitId);
  const label = t(`serviceRequest.actions.${action}`);
  const submit = async () => {
    const v = await form.validateFields();
    const body: ServiceActionBody = { version: request.version };
    if (v.teamId && v.teamId !== (action === 'accept' ? request.orgUnitId : null)) body.teamId = v.teamId;
    if (needs.reason) body.reason = v.reason!.trim();
    if (needs.note) body.note = v.note!.trim();
    if (needs.text) body.text = v.text!.trim();
    if (needs.duplicate) body.duplicateOfId = v.duplicateOfId!.trim();
    try {
      await act.mutateAsync({ action, body });
      message.success(`${label} · ${t('serviceRequest.done')}`);
      onClose();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  return (
    <Modal open title={`${label} · ${request.trackingCode}`} onCancel={onClose} onOk={submit} okText={t('serviceRequest.form.submit')} cancelText={t('serviceRequest.form.cancel')} confirmLoading={act.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'step-ok' } as ButtonProps}>
      <Form form={form} layout="vertical" data-testid={`step-form-${action}`}>
        {needs.team && (
          <Form.Item name="teamId" label={t('serviceRequest.form.team')} initialValue={action === 'accept' ? (request.orgUnitId ?? undefined) : undefined} rules={teamRequired ? [{ required: true, message: t('serviceRequest.form.teamRequired') }] : []}>
            <Select data-testid="step-team" showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} options={teams.filter((u) => action !== 'redispatch' || u.id !== request.orgUnitId).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        )}
        {needs.duplicate && (
          <Form.Item name="duplicateOfId" label={t('serviceRequest.form.duplicateOf')} rules={[{ required: true, whitespace: true, message: t('serviceRequest.form.duplicateRequired') }]}>
            <Input data-testid="step-duplicate" />
          </Form.Item>
        )}
        {needs.reason && (
          <Form.Item name="reason" label={t('serviceRequest.form.reason')} rules={[{ required: true, whitespace: true, message: t('serviceRequest.form.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="step-reason" />
          </Form.Item>
        )}
        {needs.note && (
          <Form.Item name="note" label={t('serviceRequest.form.note')} rules={[{ required: true, whitespace: true, message: t('serviceRequest.form.noteRequired') }]}>
            <Input.TextArea rows={4} maxLength={4000} data-testid="step-note" />
          </Form.Item>
        )}
        {needs.text && (
          <Form.Item name="text" label={t('serviceRequest.form.text')} rules={[{ required: true, whitespace: true, message: t('serviceRequest.form.textRequired') }]}>
            <Input.TextArea rows={4} maxLength={4000} data-testid="step-text" />
          </Form.Item>
        )}
        {!needs.team && !needs.reason && !needs.note && !needs.text && <Typography.Text>{label}</Typography.Text>}
      </Form>
    </Modal>
  );
}

/** The report's point on the map (stored WGS-84, shifted to the basemap's system for display only). */
function PointMap({ lat, lon, label }: { lat: number; lon: number; label: string }) {
  const config = usePlatformConfig();
  const crs: TileCrs = config.data?.tileCrs ?? 'wgs84';
  const tiles = useMemo(() => ({ url: config.data?.tileUrl ?? null, attribution: config.data?.tileAttribution ?? null, crs }), [config.data, crs]);
  const [map, setMap] = useState<L.Map | null>(null);
  const onReady = useCallback((m: L.Map | null) => setMap(m), []);
  useEffect(() => {
    if (!map) return;
    const c = toDisplayLatLng(lat, lon, crs);
    const marker = L.circleMarker(c, { radius: 8, color: '#cf1322', fillColor: '#cf1322', fillOpacity: 1, className: 'request-point' }).bindTooltip(label).addTo(map);
    map.setView(c, 16);
    return () => {
      marker.remove();
    };
  }, [map, lat, lon, crs, label]);
  return <GeoMap data={undefined} styleFor={() => ({})} tiles={tiles} height={260} fitToData={false} onMapReady={onReady} testId="request-map" />;
}

export default function RequestDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const q = useServiceRequest(id);
  const { openCase, upload } = useServiceRequestSteps(id);
  const [action, setAction] = useState<ServiceStaffAction | null>(null);
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon message={errorText(t, q.error)} />;
  const r = q.data;
  const f = (k: string) => t(`serviceRequest.fields.${k}`);
  const confirmOpenCase = () =>
    modal.confirm({
      title: t('serviceRequest.openCase'),
      content: t('serviceRequest.openCaseConfirm'),
      okButtonProps: { 'data-testid': 'open-case-ok' } as ButtonProps,
      onOk: async () => {
        try {
          await openCase.mutateAsync({ version: r.version });
          message.success(t('serviceRequest.caseOpened'));
        } catch (e) {
          message.error(errorText(t, e));
        }
      },
    });
  const uploader = (stage: 'before' | 'after') => (
    <Upload
      accept="image/jpeg,image/png,image/webp"
      showUploadList={false}
      beforeUpload={(file) => {
        upload.mutate(
          { stage, file },
          { onSuccess: () => message.success(t('serviceRequest.uploaded')), onError: (e) => message.error(errorText(t, e)) },
        );
        return false;
      }}
    >
      <Button size="small" loading={upload.isPending} data-testid={`upload-${stage}`}>
        {t(stage === 'before' ? 'serviceRequest.uploadBefore' : 'serviceRequest.uploadAfter')}
      </Button>
    </Upload>
  );
  const dues: [string, string | null][] = [
    ['acceptDueAt', r.acceptDueAt],
    ['handleDueAt', r.handleDueAt],
    ['replyDueAt', r.replyDueAt],
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="service-request-detail">
      <Space wrap align="center">
        <Link to="/service/requests">{t('serviceRequest.back')}</Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('serviceRequest.detailTitle')} {r.trackingCode}
        </Typography.Title>
        <StateTag state={r.state} />
        <DueFlagTag flag={r.dueFlag} />
      </Space>
      <Card size="small" data-testid="request-actions">
        <Space wrap>
          {r.actions.length === 0 && !r.mayOpenCase && <Typography.Text type="secondary">{t('serviceRequest.noActions')}</Typography.Text>}
          {r.actions.map((a) => (
            <Button key={a} danger={DANGER.includes(a)} type={DANGER.includes(a) ? 'default' : 'primary'} onClick={() => setAction(a)} data-testid={`action-${a}`}>
              {t(`serviceRequest.actions.${a}`)}
            </Button>
          ))}
          {r.mayOpenCase && (
            <Button onClick={confirmOpenCase} loading={openCase.isPending} data-testid="open-case">
              {t('serviceRequest.openCase')}
            </Button>
          )}
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={f('category')}>
                {r.categoryName}（{r.categoryCode}，{r.categoryBigClass}）
              </Descriptions.Item>
              <Descriptions.Item label={f('description')}>
                <span data-testid="request-description">{r.description}</span>
              </Descriptions.Item>
              <Descriptions.Item label={f('address')}>{r.address ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={f('source')}>
                {t(`serviceRequest.sources.${r.source}`)}
                {r.externalRef ? ` · ${f('externalRef')} ${r.externalRef}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={f('contact')}>
                {[r.contactName, r.contactPhone].filter(Boolean).join(' ') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={f('team')}>
                <span data-testid="request-team">{r.orgUnitName ?? f('cityDesk')}</span>（{t(`serviceRequest.routedBy.${r.routedBy}`)}）
              </Descriptions.Item>
              <Descriptions.Item label={f('submittedAt')}>{bjTime(r.submittedAt)}</Descriptions.Item>
              {dues.map(([k, v]) => (
                <Descriptions.Item key={k} label={f(k)}>
                  {bjTime(v)}
                </Descriptions.Item>
              ))}
              {r.pausedMinutes > 0 && <Descriptions.Item label={f('pausedMinutes')}>{t('serviceRequest.minutes', { count: r.pausedMinutes })}</Descriptions.Item>}
              {r.handlingNote && (
                <Descriptions.Item label={f('handlingNote')}>
                  <span data-testid="request-note">{r.handlingNote}</span>
                </Descriptions.Item>
              )}
              {r.replyText && (
                <Descriptions.Item label={f('replyText')}>
                  <span data-testid="request-reply">{r.replyText}</span>
                </Descriptions.Item>
              )}
              {r.satisfaction && (
                <Descriptions.Item label={f('satisfaction')}>
                  {t(`serviceRequest.satisfaction.${r.satisfaction}`)}
                  {r.satisfactionComment ? `：${r.satisfactionComment}` : ''}
                </Descriptions.Item>
              )}
              {r.reopenCount > 0 && <Descriptions.Item label={f('reopenCount')}>{r.reopenCount}</Descriptions.Item>}
              {r.duplicateOfId && (
                <Descriptions.Item label={f('duplicateOf')}>
                  <Link to={`/service/requests/${r.duplicateOfId}`}>{r.duplicateOfId}</Link>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('serviceRequest.linkedCase')}>
                {r.linkedCase ? (
                  <span data-testid="linked-case">
                    <Link to={`/cases/${r.linkedCase.id}`}>{r.linkedCase.number ?? r.linkedCase.id}</Link> · {t(`case.states.${r.linkedCase.state}`, { defaultValue: r.linkedCase.state })}
                  </span>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('serviceRequest.map')}>
            {r.lat !== null && r.lon !== null ? <PointMap lat={r.lat} lon={r.lon} label={r.trackingCode} /> : <Empty description={t('serviceRequest.noLocation')} />}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('serviceRequest.photos')} extra={r.mayUploadPhotos ? <Space>{uploader('before')}{uploader('after')}</Space> : null}>
        {r.photos.length === 0 ? (
          <Typography.Text type="secondary">{t('serviceRequest.noPhotos')}</Typography.Text>
        ) : (
          <Image.PreviewGroup>
            <Space wrap>
              {r.photos.map((p) => (
                <Space key={p.id} direction="vertical" size={2} data-testid="request-photo">
                  <Image src={photoUrl(r.id, p.id)} width={120} height={90} style={{ objectFit: 'cover' }} />
                  <Typography.Text type="secondary">{t(`serviceRequest.stages.${p.stage}`)}</Typography.Text>
                </Space>
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
      </Card>
      <Card size="small" title={t('serviceRequest.timeline')}>
        <Timeline
          data-testid="request-timeline"
          items={r.timeline.map((e) => ({
            key: e.id,
            children: (
              <div data-testid={`timeline-${e.action}`}>
                <Typography.Text strong>{t(`serviceRequest.actions.${e.action}`, { defaultValue: e.action })}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {bjTime(e.at)} · {e.actorName ?? t(`serviceRequest.actorKinds.${e.actorKind}`, { defaultValue: e.actorKind })}
                  {e.orgUnitName ? ` · ${e.orgUnitName}` : ''}
                </Typography.Text>
                {e.reason && <div>{e.reason}</div>}
                {e.payload.teamName && <div>→ {e.payload.teamName}</div>}
                {e.payload.note && <div>{e.payload.note}</div>}
                {e.payload.text && <div>{e.payload.text}</div>}
                {e.payload.caseNumber && <div>{e.payload.caseNumber}</div>}
              </div>
            ),
          }))}
        />
      </Card>
      <StepForm request={r} action={action} onClose={() => setAction(null)} />
    </Space>
  );
}
