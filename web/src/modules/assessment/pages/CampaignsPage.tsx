import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { hasPermission, useMe } from '../../../shared/session';
import { useCampaigns, type CampaignSummary } from '../api';
import { CreateCampaignModal } from '../components/CreateCampaignModal';

export default function CampaignsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const campaigns = useCampaigns();
  const [creating, setCreating] = useState(false);
  const canCreate = hasPermission(me, 'campaign.manage') && !!campaigns.data?.actions.includes('create');

  const columns: TableColumnsType<CampaignSummary> = [
    {
      title: t('assessment.name'),
      key: 'name',
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Space size={4} wrap>
            <Link to={`/assessment/campaigns/${c.id}`} data-testid="campaign-link">
              {c.name}
            </Link>
            <Tag color={c.status === 'active' ? 'blue' : 'default'}>{t(`assessment.${c.status === 'active' ? 'active' : 'closed'}`)}</Tag>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.standardName.split(' — ')[0]} · {c.versionLabel}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('assessment.period'), key: 'period', width: 200, render: (_, c) => `${c.startDate} ~ ${c.dueDate}` },
    { title: t('assessment.teams'), key: 'teams', width: 80, render: (_, c) => c.counts.total },
    {
      title: t('assessment.progress'),
      key: 'progress',
      width: 320,
      render: (_, c) => {
        const n = c.counts;
        const pct = (x: number) => (n.total ? Math.round((x / n.total) * 100) : 0);
        return (
          <Tooltip
            title={`${t('assessment.states.draft')} ${n.draft} · ${t('assessment.states.submitted')} ${n.submitted} · ${t('assessment.states.district_reviewed')} ${n.districtReviewed} · ${t('assessment.states.accepted')} ${n.accepted}`}
          >
            <div>
              <Progress
                percent={pct(n.accepted + n.districtReviewed + n.submitted)}
                success={{ percent: pct(n.accepted) }}
                size="small"
                format={() => `${n.accepted}/${n.total}`}
              />
              <Space size={4} wrap style={{ fontSize: 12 }}>
                <Tag>{t('assessment.states.draft')} {n.draft}</Tag>
                <Tag color="processing">{t('assessment.states.submitted')} {n.submitted}</Tag>
                <Tag color="purple">{t('assessment.states.district_reviewed')} {n.districtReviewed}</Tag>
                <Tag color="success">{t('assessment.states.accepted')} {n.accepted}</Tag>
              </Space>
            </div>
          </Tooltip>
        );
      },
    },
    {
      title: t('assessment.passCount'),
      key: 'pass',
      width: 90,
      render: (_, c) => (
        <Typography.Text strong style={{ color: '#389e0d' }}>
          {c.passCount} / {c.counts.total}
        </Typography.Text>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, c) => <Link to={`/assessment/campaigns/${c.id}`}>{t('assessment.open')}</Link>,
    },
  ];

  return (
    <Card
      size="small"
      title={t('assessment.campaigns')}
      data-testid="campaigns-page"
      extra={
        canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-create">
            {t('assessment.create')}
          </Button>
        )
      }
    >
      {campaigns.isError && <Alert type="error" showIcon title={errorText(t, campaigns.error)} />}
      <Table<CampaignSummary>
        rowKey="id"
        size="small"
        loading={campaigns.isPending}
        dataSource={campaigns.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 1000 }}
      />
      <CreateCampaignModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          void navigate(`/assessment/campaigns/${id}`);
        }}
      />
    </Card>
  );
}
