import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Card, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { STATES, useCampaign, type AssessmentRow } from '../api';
import { GradeTag, StateTag } from '../labels';

export default function CampaignPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const campaign = useCampaign(id);
  const [status, setStatus] = useState<string | undefined>();
  const [district, setDistrict] = useState<string | undefined>();
  const c = campaign.data;
  const rows = (c?.assessments ?? []).filter((a) => (!status || a.status === status) && (!district || a.districtName === district));
  const districts = [...new Set((c?.assessments ?? []).map((a) => a.districtName))];

  const columns: TableColumnsType<AssessmentRow> = [
    { title: t('assessment.district'), dataIndex: 'districtName', key: 'district', width: 200 },
    {
      title: t('assessment.team'),
      key: 'team',
      render: (_, a) => (
        <Link to={`/assessment/assessments/${a.id}`} data-testid="assessment-link">
          {a.orgUnitName}
        </Link>
      ),
    },
    { title: t('assessment.status'), key: 'status', width: 110, render: (_, a) => <StateTag t={t} status={a.status} /> },
    {
      title: t('assessment.answered'),
      key: 'answered',
      width: 180,
      render: (_, a) => <Progress size="small" percent={a.total ? Math.round((a.answered / a.total) * 100) : 0} format={() => `${a.answered}/${a.total}`} />,
    },
    { title: t('assessment.pct'), dataIndex: 'pct', key: 'pct', width: 90, sorter: (x, y) => x.pct - y.pct, render: (v: number) => `${v}%` },
    { title: t('assessment.grade'), key: 'grade', width: 100, render: (_, a) => <GradeTag t={t} grade={a.grade} /> },
    {
      title: t('assessment.failing'),
      dataIndex: 'failing',
      key: 'failing',
      width: 90,
      sorter: (x, y) => x.failing - y.failing,
      render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
    },
  ];

  if (campaign.isError) return <Alert type="error" showIcon title={errorText(t, campaign.error)} />;

  return (
    <Card
      size="small"
      loading={campaign.isPending}
      data-testid="campaign-page"
      title={
        <Space>
          <Link to="/assessment">
            <ArrowLeftOutlined />
          </Link>
          {c?.name}
          {c && <Tag>{c.versionLabel}</Tag>}
        </Space>
      }
      extra={
        c && (
          <Typography.Text type="secondary">
            {c.startDate} ~ {c.dueDate} · {t('assessment.passPct')} {c.passPct} · {t('assessment.basicPct')} {c.basicPct}
          </Typography.Text>
        )
      }
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder={t('assessment.filterStatus')}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={STATES.map((s) => ({ value: s, label: t(`assessment.states.${s}`) }))}
        />
        <Select allowClear placeholder={t('assessment.filterDistrict')} style={{ width: 240 }} value={district} onChange={setDistrict} options={districts.map((d) => ({ value: d, label: d }))} />
        <Typography.Text type="secondary">{t('assessment.teamsCount', { count: rows.length })}</Typography.Text>
      </Space>
      <Table<AssessmentRow> rowKey="id" size="small" dataSource={rows} columns={columns} pagination={false} scroll={{ x: 900 }} />
    </Card>
  );
}
