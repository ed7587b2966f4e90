import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Form, Image, Input, Radio, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ApiError } from '../../../shared/api/client';
import { errorText } from '../../../shared/api/errors';
import { photoUrl, SATISFACTIONS, usePublicStatus, useRate, type PublicStatus, type Satisfaction } from './api';

const when = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

const STATE_COLOURS: Record<string, string> = { submitted: 'default', dispatched: 'processing', handling: 'processing', handled: 'cyan', replied: 'green', closed: 'success', rejected: 'error', merged: 'purple', suspended: 'warning' };

function RatingForm({ status }: { status: PublicStatus }) {
  const { t } = useTranslation();
  const rate = useRate(status.trackingCode);
  const [satisfaction, setSatisfaction] = useState<Satisfaction | null>(null);
  const [comment, setComment] = useState('');
  const [reopen, setReopen] = useState(false);
  return (
    <Card size="small" title={t('servicePublic.ratingTitle')} data-testid="rating-form">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group value={satisfaction} onChange={(e) => setSatisfaction(e.target.value as Satisfaction)} optionType="button" buttonStyle="solid" style={{ display: 'flex' }}>
          {SATISFACTIONS.map((s) => (
            <Radio.Button key={s} value={s} style={{ flex: 1, textAlign: 'center' }}>
              <span data-testid={`rating-${s}`}>{t(`servicePublic.satisfactions.${s}`)}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
        <Input.TextArea id="rating-comment" rows={3} maxLength={500} placeholder={t('servicePublic.ratingComment')} value={comment} onChange={(e) => setComment(e.target.value)} />
        {satisfaction === 'dissatisfied' && status.canReopen && (
          <Checkbox checked={reopen} onChange={(e) => setReopen(e.target.checked)} data-testid="rating-reopen">
            {t('servicePublic.reopen')}
          </Checkbox>
        )}
        {rate.isError && <Alert type="error" showIcon title={errorText(t, rate.error)} />}
        <Button
          type="primary"
          block
          disabled={!satisfaction}
          loading={rate.isPending}
          data-testid="rating-submit"
          onClick={() => satisfaction && rate.mutate({ satisfaction, ...(comment.trim() ? { comment: comment.trim() } : {}), ...(satisfaction === 'dissatisfied' && reopen ? { reopen: true } : {}) })}
        >
          {t('servicePublic.rate')}
        </Button>
      </Space>
    </Card>
  );
}

function Lookup({ initial }: { initial?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Form layout="inline" onFinish={(v: { code?: string }) => v.code?.trim() && navigate(`/public/report/${v.code.trim().toUpperCase()}`)} initialValues={{ code: initial }} style={{ marginBottom: 12 }}>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name="code" noStyle>
          <Input id="status-code" placeholder={t('servicePublic.codePlaceholder')} maxLength={20} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('servicePublic.lookup')}
        </Button>
      </Space.Compact>
    </Form>
  );
}

/** 办理进度: the status page of one report, by its tracking code (no login). */
export default function StatusPage() {
  const { t, i18n } = useTranslation();
  const { code } = useParams();
  const status = usePublicStatus(code);
  const s = status.data;
  const en = i18n.language === 'en';
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: '16px 12px 48px' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('servicePublic.statusTitle')}
      </Typography.Title>
      <Lookup key={code} initial={code} />
      {status.isPending && code && <Spin />}
      {status.isError && (status.error instanceof ApiError && status.error.status === 404 ? <Empty description={t('servicePublic.notFound')} /> : <Alert type="error" showIcon title={errorText(t, status.error)} />)}
      {s && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small">
            <Space wrap style={{ marginBottom: 8 }}>
              <Tag color={STATE_COLOURS[s.state] ?? 'default'} style={{ fontSize: 16, padding: '4px 10px' }} data-testid="status-state">
                {t(`servicePublic.states.${s.state}`, { defaultValue: t('servicePublic.states.submitted') })}
              </Tag>
              {s.isDemo && <Tag color="gold">{t('servicePublic.demo')}</Tag>}
            </Space>
            {s.mergedWithAnother && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('servicePublic.follows')} />}
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('servicePublic.trackingCode')}>
                <Typography.Text style={{ fontFamily: 'monospace' }} data-testid="status-code">
                  {s.trackingCode}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('servicePublic.category')}>{en && s.category.nameEn ? s.category.nameEn : s.category.name}</Descriptions.Item>
              <Descriptions.Item label={t('servicePublic.submittedAt')}>{when(s.submittedAt)}</Descriptions.Item>
              {s.replyDueAt && !s.reply && <Descriptions.Item label={t('servicePublic.replyDueAt')}>{when(s.replyDueAt)}</Descriptions.Item>}
              {s.address && <Descriptions.Item label={t('servicePublic.address')}>{s.address}</Descriptions.Item>}
              <Descriptions.Item label={t('servicePublic.description')}>
                <span style={{ whiteSpace: 'pre-wrap' }} data-testid="status-description">
                  {s.description}
                </span>
              </Descriptions.Item>
            </Descriptions>
            {s.photos.length > 0 && (
              <Image.PreviewGroup>
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 6 }}>
                  {s.photos.map((p) => (
                    <Image key={p.id} src={photoUrl(p.id)} alt="" style={{ aspectRatio: '1', objectFit: 'cover' }} data-testid="status-photo" />
                  ))}
                </div>
              </Image.PreviewGroup>
            )}
          </Card>
          <Card size="small" title={t('servicePublic.reply')}>
            {s.reply ? (
              <>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="status-reply">
                  {s.reply.text}
                </Typography.Paragraph>
                <Typography.Text type="secondary">{when(s.reply.at)}</Typography.Text>
              </>
            ) : (
              <Typography.Text type="secondary">{t('servicePublic.noReply')}</Typography.Text>
            )}
          </Card>
          {s.rating && (
            <Alert
              type="success"
              showIcon
              data-testid="status-rating"
              title={t('servicePublic.rated', { value: t(`servicePublic.satisfactions.${s.rating.satisfaction}`) })}
              description={s.rating.comment ?? undefined}
            />
          )}
          {s.canRate && <RatingForm status={s} />}
          <Card size="small" title={t('servicePublic.timeline')}>
            <Timeline
              data-testid="status-timeline"
              items={s.timeline.map((e, i) => ({
                key: i,
                children: (
                  <div>
                    <Typography.Text strong>{t(`servicePublic.actions.${e.action}`, { defaultValue: t(`servicePublic.states.${e.toState}`, { defaultValue: '' }) })}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary">{when(e.at)}</Typography.Text>
                    {e.reason && <div style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
          <Link to="/public/report">{t('servicePublic.reportAnother')}</Link>
        </Space>
      )}
    </div>
  );
}
