import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Card, Col, Descriptions, Empty, Grid, Input, Pagination, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { errorText } from '../../../shared/api/errors';
import { usePublicDecisions, yuan, type PublicDecision } from '../api';

/** 处罚内容 in words: 罚款 6,000 元；没收… */
function penaltyWords(t: TFunction, p: NonNullable<PublicDecision['decision']>['penalty']): string {
  return p.kinds.map((k) => (k === 'fine' ? t('publication.fine', { amount: yuan(p.fineFen) }) : t(`case.penaltyKinds.${k}`))).join('；');
}

function DecisionCard({ d }: { d: PublicDecision }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // On a phone the labels go above their values (a narrow label column would break every word).
  const wide = Grid.useBreakpoint().sm ?? false;
  const withdrawn = d.status === 'withdrawn';
  return (
    <Card
      size="small"
      data-testid="public-decision"
      title={
        <Space wrap size={4}>
          <Typography.Text strong data-testid="public-decision-no">
            {d.decisionNo}
          </Typography.Text>
          {withdrawn && (
            <Tag color="default" data-testid="public-withdrawn">
              {t('publication.statuses.withdrawn')}
            </Tag>
          )}
          {d.isDemo && <Tag color="gold">{t('publication.demo')}</Tag>}
        </Space>
      }
      extra={
        !withdrawn && (
          <Typography.Link onClick={() => setOpen(!open)} data-testid="public-details">
            {t('publication.details')}
          </Typography.Link>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 2 }}>
        {d.decision && <Descriptions.Item label={t('publication.violation')}>{d.decision.violation ?? '—'}</Descriptions.Item>}
        {d.decision && (
          <Descriptions.Item label={t('publication.penalty')}>
            <span data-testid="public-penalty">{penaltyWords(t, d.decision.penalty)}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('publication.decidedOn')}>{d.decidedOn}</Descriptions.Item>
        <Descriptions.Item label={t('publication.unit')}>{d.unitName}</Descriptions.Item>
      </Descriptions>
      {withdrawn && d.withdrawal && (
        <Alert
          type="warning"
          showIcon
          data-testid="public-withdrawal"
          title={t('publication.withdrawnNotice', { date: d.withdrawal.on })}
          description={
            <span>
              {d.withdrawal.changeKind ? `${t(`publication.changeKinds.${d.withdrawal.changeKind}`)}。` : ''}
              {t('publication.withdrawReason')}：<span data-testid="public-withdraw-reason">{d.withdrawal.reason}</span>
            </span>
          }
        />
      )}
      {open && d.decision && (
        <Descriptions size="small" column={1} bordered layout={wide ? 'horizontal' : 'vertical'} style={{ marginTop: 8 }} data-testid="public-decision-details">
          {d.decision.party && (
            <Descriptions.Item label={t('publication.party')}>
              <span data-testid="public-party">{d.decision.party.name}</span>
              {d.decision.party.creditCode && ` （${t('publication.creditCode')}：${d.decision.party.creditCode}）`}
            </Descriptions.Item>
          )}
          {d.decision.party?.address && <Descriptions.Item label={t('publication.address')}>{d.decision.party.address}</Descriptions.Item>}
          <Descriptions.Item label={t('publication.facts')}>
            <span data-testid="public-facts">{d.decision.facts}</span>
          </Descriptions.Item>
          {d.decision.basis && <Descriptions.Item label={t('publication.basis')}>{d.decision.basis}</Descriptions.Item>}
          <Descriptions.Item label={t('publication.publishedOn')}>{d.publishedOn}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

/** 行政处罚决定公示: the public page (no login, phone-sized screens first). */
export default function PublicDecisionsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const team = params.get('team') ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = usePublicDecisions({ ...(q ? { q } : {}), ...(team ? { team } : {}), page });
  const set = (key: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );
  const data = list.data;
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: '16px 12px' }}>
      <Typography.Title level={3}>{t('publication.publicTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('publication.publicIntro')}</Typography.Paragraph>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} sm={16}>
          <Input.Search id="public-search" data-testid="public-search" allowClear defaultValue={q} placeholder={t('publication.search')} onSearch={(v) => set('q', v.trim() || undefined)} />
        </Col>
        <Col xs={24} sm={8}>
          <Select
            id="public-team"
            style={{ width: '100%' }}
            allowClear
            placeholder={t('publication.allTeams')}
            value={team}
            onChange={(v: string | undefined) => set('team', v)}
            options={(data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))}
          />
        </Col>
      </Row>
      {list.isError && <Alert type="error" showIcon title={errorText(t, list.error)} />}
      {list.isPending && <Spin />}
      {data && data.items.length === 0 && <Empty description={t('publication.empty')} />}
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        {data?.items.map((d) => <DecisionCard key={d.id} d={d} />)}
      </Space>
      {data && data.total > data.pageSize && (
        <Pagination style={{ marginTop: 12 }} current={page} pageSize={data.pageSize} total={data.total} showSizeChanger={false} onChange={(p) => set('page', String(p))} />
      )}
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="public-total">
          {t('publication.total', { count: data.total })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
