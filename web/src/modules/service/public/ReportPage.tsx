import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Result, Select, Space, Spin, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { errorText, fieldErrors } from '../../../shared/api/errors';
import { FORM, submitReport, useChallenge, usePublicCategories, type Submitted } from './api';
import LocationPicker, { type Point } from './LocationPicker';

interface Values {
  category?: string;
  description?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  challengeAnswer?: string;
}

const FIELDS = ['category', 'description', 'location', 'address', 'contactName', 'contactPhone', 'challengeAnswer'] as const;
/** Refusals that come before the server spends the question: the same question may be answered again. */
const BEFORE_CHECK = /^(request\.validation|service\.photo_|service\.too_many_photos)/;

interface Photo {
  file: File;
  url: string;
}

/** 我要反映: the public report form (no login, phone first). */
export default function ReportPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const categories = usePublicCategories();
  const challenge = useChallenge();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [point, setPoint] = useState<Point | null>(null);
  const [locationError, setLocationError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<Submitted | null>(null);

  // Previews are object URLs: give them back when a photo goes or the page closes.
  useEffect(() => () => photos.forEach((p) => URL.revokeObjectURL(p.url)), [photos]);

  const svgUrl = useMemo(() => (challenge.data ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(challenge.data.svg)}` : null), [challenge.data]);
  const newQuestion = () => {
    form.setFieldValue('challengeAnswer', '');
    void challenge.refetch();
  };

  const addPhotos = (list: FileList | null) => {
    if (!list) return;
    const room = FORM.maxPhotos - photos.length;
    const added = [...list].slice(0, room).map((file) => ({ file, url: URL.createObjectURL(file) }));
    setPhotos((ps) => [...ps, ...added]);
  };
  const removePhoto = (i: number) =>
    setPhotos((ps) => {
      const p = ps[i];
      if (p) URL.revokeObjectURL(p.url);
      return ps.filter((_, j) => j !== i);
    });

  const submit = async (v: Values) => {
    setError(null);
    setLocationError(null);
    if (!point) {
      setLocationError(t('servicePublic.locationMissing'));
      return;
    }
    if (!challenge.data) return;
    setSending(true);
    try {
      const r = await submitReport(
        {
          category: v.category ?? '',
          description: v.description ?? '',
          lat: String(point.lat),
          lon: String(point.lon),
          address: v.address ?? '',
          contactName: v.contactName ?? '',
          contactPhone: v.contactPhone ?? '',
          challengeToken: challenge.data.token,
          challengeAnswer: v.challengeAnswer ?? '',
        },
        photos.map((p) => p.file),
      );
      setDone(r);
      window.scrollTo(0, 0);
    } catch (e) {
      if (!(e instanceof ApiError) || !BEFORE_CHECK.test(e.code)) newQuestion();
      if (e instanceof ApiError && e.code === 'request.validation') {
        const fields = fieldErrors(e, FIELDS);
        const loc = fields.find((f) => f.name === 'location');
        if (loc) setLocationError(loc.errors.join('；'));
        form.setFields(fields.flatMap((f) => (f.name === 'location' ? [] : [{ name: f.name, errors: f.errors }])));
        if (!fields.length) setError(errorText(t, e));
      } else if (e instanceof ApiError && e.code.startsWith('service.human_check_')) {
        form.setFields([{ name: 'challengeAnswer', errors: [errorText(t, e)] }]);
      } else if (e instanceof ApiError && e.code === 'service.location_invalid') {
        setLocationError(errorText(t, e));
      } else if (e instanceof ApiError && e.code.startsWith('service.photo_')) {
        const d = (e.details ?? {}) as { file?: string; index?: number };
        setError(t('servicePublic.photoRefused', { index: (d.index ?? 0) + 1, file: d.file ?? '', why: errorText(t, e) }));
      } else {
        setError(errorText(t, e));
      }
    } finally {
      setSending(false);
    }
  };

  if (done) {
    return (
      <div style={{ maxWidth: 560, margin: '0 auto', padding: '16px 12px' }}>
        <Result
          status="success"
          title={t('servicePublic.submittedTitle')}
          subTitle={t('servicePublic.keepCode')}
          extra={
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t('servicePublic.yourCode')}</Typography.Text>
              <Typography.Text copyable strong style={{ fontSize: 30, letterSpacing: 3, fontFamily: 'monospace' }} data-testid="report-code">
                {done.trackingCode}
              </Typography.Text>
              <Link to={`/public/report/${done.trackingCode}`} data-testid="report-progress-link">
                <Button type="primary" size="large" block>
                  {t('servicePublic.viewProgress')}
                </Button>
              </Link>
              <Button
                block
                onClick={() => {
                  setDone(null);
                  setPhotos([]);
                  setPoint(null);
                  form.resetFields();
                  newQuestion();
                }}
              >
                {t('servicePublic.reportAnother')}
              </Button>
            </Space>
          }
        />
      </div>
    );
  }

  const en = i18n.language === 'en';
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: '16px 12px 48px' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('servicePublic.reportTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('servicePublic.reportIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} disabled={sending}>
        <Form.Item name="category" label={t('servicePublic.category')} rules={[{ required: true, message: t('servicePublic.categoryPlaceholder') }]}>
          <Select
            id="report-category"
            data-testid="report-category"
            placeholder={t('servicePublic.categoryPlaceholder')}
            loading={categories.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: `${en && c.nameEn ? c.nameEn : c.name}` }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('servicePublic.description')}
          rules={[
            { required: true, message: t('fieldErrors.required') },
            { min: FORM.descriptionMin, message: t('fieldErrors.too_short', { limit: FORM.descriptionMin }) },
          ]}
        >
          <Input.TextArea id="report-description" rows={4} maxLength={FORM.descriptionMax} showCount placeholder={t('servicePublic.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('servicePublic.photos', { max: FORM.maxPhotos })} extra={t('servicePublic.photoHint')}>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}>
            {photos.map((p, i) => (
              <div key={p.url} style={{ position: 'relative', aspectRatio: '1', borderRadius: 6, overflow: 'hidden', background: '#f0f0f0' }} data-testid="report-photo">
                <img src={p.url} alt={p.file.name} style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
                <Button size="small" danger shape="circle" icon={<DeleteOutlined />} aria-label={t('servicePublic.removePhoto')} onClick={() => removePhoto(i)} style={{ position: 'absolute', top: 4, right: 4 }} data-testid="report-photo-remove" />
              </div>
            ))}
            {photos.length < FORM.maxPhotos && (
              <label style={{ aspectRatio: '1', border: '1px dashed #bbb', borderRadius: 6, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', cursor: 'pointer', color: '#666' }}>
                <PlusOutlined />
                <span style={{ fontSize: 12, marginTop: 4 }}>{t('servicePublic.addPhoto')}</span>
                <input
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  multiple
                  style={{ display: 'none' }}
                  data-testid="report-photo-input"
                  onChange={(e) => {
                    addPhotos(e.target.files);
                    e.target.value = '';
                  }}
                />
              </label>
            )}
          </div>
        </Form.Item>
        <Form.Item label={t('servicePublic.location')} required validateStatus={locationError ? 'error' : undefined} help={locationError ?? undefined}>
          <LocationPicker
            value={point}
            onChange={(p) => {
              setPoint(p);
              setLocationError(null);
            }}
          />
        </Form.Item>
        <Form.Item name="address" label={t('servicePublic.address')}>
          <Input id="report-address" maxLength={200} placeholder={t('servicePublic.addressPlaceholder')} />
        </Form.Item>
        <Card size="small" title={t('servicePublic.contact')} style={{ marginBottom: 16 }}>
          <Form.Item name="contactName" label={t('servicePublic.contactName')}>
            <Input id="report-contact-name" maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('servicePublic.contactPhone')} extra={t('servicePublic.contactHint')} style={{ marginBottom: 0 }}>
            <Input id="report-contact-phone" inputMode="tel" autoComplete="tel" maxLength={20} />
          </Form.Item>
        </Card>
        <Form.Item label={t('servicePublic.humanCheck')} required extra={t('servicePublic.humanCheckHint')}>
          <Space wrap align="center">
            {svgUrl ? <img src={svgUrl} alt={t('servicePublic.humanCheckImage')} width={200} height={64} data-testid="report-challenge" style={{ borderRadius: 4 }} /> : <Spin />}
            <Button icon={<ReloadOutlined />} onClick={newQuestion} data-testid="report-new-question">
              {t('servicePublic.newQuestion')}
            </Button>
          </Space>
          <Form.Item name="challengeAnswer" noStyle rules={[{ required: true, message: t('fieldErrors.required') }]}>
            <Input id="report-answer" inputMode="numeric" maxLength={3} placeholder={t('servicePublic.answer')} style={{ marginTop: 8, maxWidth: 200 }} autoComplete="off" />
          </Form.Item>
        </Form.Item>
        {challenge.isError && <Alert type="error" showIcon title={errorText(t, challenge.error)} style={{ marginBottom: 12 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="report-error" />}
        <Button type="primary" htmlType="submit" size="large" block loading={sending} data-testid="report-submit">
          {t('servicePublic.submit')}
        </Button>
      </Form>
    </div>
  );
}
