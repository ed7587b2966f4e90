import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Empty, Progress, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, FileTextOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { LazyEChart } from '../../../shared/charts/LazyEChart';
import { hasPermission, useMe } from '../../../shared/session';
import { useCampaigns } from '../../../shared/campaigns';
import { GradeTag, StateTag } from '../../../shared/ui/GradeTag';
import { reportFileUrl, useCaseDeadlineTotals, useDashboard, useReportJob, useStartReport, type Dashboard } from '../api';
import { TargetsManager } from '../components/TargetsManager';

const FORECAST_COLORS: Record<string, string> = { met: 'green', on_track: 'blue', at_risk: 'orange', off_track: 'volcano', missed: 'red' };

export default function ProgressPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const campaigns = useCampaigns();
  const list = campaigns.data?.items ?? [];
  // Default: the 2019—2021 达标创建 campaign (the one with targets), else the first.
  const fallback = list.find((c) => c.name.includes('达标创建')) ?? list[0];
  const [picked, setPicked] = useState<string | undefined>();
  const campaignId = picked ?? fallback?.id;
  const dash = useDashboard(campaignId);
  const start = useStartReport();
  const [reportId, setReportId] = useState<string | null>(null);
  const job = useReportJob(reportId);
  const d = dash.data;
  const canReport = hasPermission(me, 'progress.manage') && !!d?.actions.includes('report');
  // Overdue enforcement-case steps belong on the dashboard too (the 期限预警 board has the detail).
  const caseDeadlines = useCaseDeadlineTotals(hasPermission(me, 'case.read'));

  const burnUpOption = useMemo(() => (d ? burnUpChart(d, t) : null), [d, t]);
  const districtOption = useMemo(
    () =>
      d && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, bottom: 24, top: 32, containLabel: true },
        xAxis: { type: 'category', data: d.byDistrict.map((x) => x.name.replace('城市管理局', '')) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { type: 'bar', stack: 's', name: t('progress.kpiPass'), data: d.byDistrict.map((x) => x.pass), itemStyle: { color: '#52c41a' } },
          { type: 'bar', stack: 's', name: t('progress.kpiBasic'), data: d.byDistrict.map((x) => x.basicPass), itemStyle: { color: '#faad14' } },
          { type: 'bar', stack: 's', name: t('progress.kpiFail'), data: d.byDistrict.map((x) => x.fail), itemStyle: { color: '#ff4d4f' } },
          {
            type: 'bar',
            stack: 's',
            name: t('progress.kpiNotAccepted'),
            data: d.byDistrict.map((x) => x.total - x.pass - x.basicPass - x.fail),
            itemStyle: { color: '#d9d9d9' },
          },
        ],
      },
    [d, t],
  );
  const aspectOption = useMemo(
    () =>
      d && {
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 40, bottom: 8, top: 8, containLabel: true },
        xAxis: { type: 'value', max: 100 },
        yAxis: { type: 'category', inverse: true, data: d.byAspect.map((x) => `${x.aspectCode} ${x.title}`) },
        series: [
          {
            type: 'bar',
            name: t('progress.avgPct'),
            data: d.byAspect.map((x) => ({ value: x.avgPct, itemStyle: { color: x.avgPct >= d.campaign.passPct ? '#52c41a' : x.avgPct >= d.campaign.basicPct ? '#faad14' : '#ff4d4f' } })),
            label: { show: true, position: 'right', formatter: '{c}%' },
            markLine: { symbol: 'none', data: [{ xAxis: d.campaign.passPct, name: t('assessment.passPct') }], lineStyle: { type: 'dashed', color: '#389e0d' } },
          },
        ],
      },
    [d, t],
  );

  const generate = async () => {
    if (!campaignId) return;
    try {
      const r = await start.mutateAsync(campaignId);
      setReportId(r.id);
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const j = job.data;
  return (
    <div data-testid="progress-page">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>
            {t('progress.campaign')}
            <Select
              data-testid="progress-campaign"
              style={{ width: 420 }}
              loading={campaigns.isPending}
              value={campaignId}
              onChange={(v) => {
                setPicked(v);
                setReportId(null);
              }}
              options={list.map((c) => ({ value: c.id, label: c.name }))}
            />
            {d && <Typography.Text type="secondary">{t('progress.asOf', { day: d.today })} · {d.scope.name}</Typography.Text>}
          </Space>
          {canReport && (
            <Space wrap>
              <Button type="primary" icon={<FileTextOutlined />} onClick={() => void generate()} loading={start.isPending || (!!j && (j.status === 'queued' || j.status === 'running'))} data-testid="report-generate">
                {t('progress.report')}
              </Button>
            </Space>
          )}
        </Space>
        {reportId && (
          <div style={{ marginTop: 12 }} data-testid="report-status">
            <Progress percent={j?.progress ?? 0} status={j?.status === 'failed' ? 'exception' : j?.status === 'done' ? 'success' : 'active'} style={{ maxWidth: 480 }} />
            <Typography.Text type={j?.status === 'failed' ? 'danger' : 'secondary'}>
              {j?.status === 'done' ? t('progress.reportDone') : j?.status === 'failed' ? t('progress.reportFailed') : t('progress.reportRunning')}
              {j?.message ? ` · ${j.message}` : ''}
            </Typography.Text>
            {j?.status === 'done' && (
              <Space style={{ marginLeft: 16 }}>
                <Button icon={<FileExcelOutlined />} href={reportFileUrl(reportId, 'xlsx')} download data-testid="report-xlsx">
                  {t('progress.downloadXlsx')}
                </Button>
                <Button icon={<FilePdfOutlined />} href={reportFileUrl(reportId, 'pdf')} download data-testid="report-pdf">
                  {t('progress.downloadPdf')}
                </Button>
              </Space>
            )}
          </div>
        )}
      </Card>
      {caseDeadlines.data && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="progress-case-deadlines" title={t('progress.caseDeadlines')} extra={<Link to="/cases/deadlines">{t('progress.caseDeadlinesOpen')}</Link>}>
          <Space size={48} wrap>
            <Statistic title={t('progress.caseOverdue')} value={caseDeadlines.data.counts.overdue} valueStyle={{ color: caseDeadlines.data.counts.overdue ? '#cf1322' : undefined }} />
            <Statistic title={t('progress.caseDueSoon', { days: caseDeadlines.data.dueWithin })} value={caseDeadlines.data.counts.dueSoon} valueStyle={{ color: caseDeadlines.data.counts.dueSoon ? '#d48806' : undefined }} />
            {caseDeadlines.data.counts.unknown > 0 && <Statistic title={t('progress.caseDueUnknown')} value={caseDeadlines.data.counts.unknown} />}
          </Space>
        </Card>
      )}
      {dash.isError && <Alert type="error" showIcon title={errorText(t, dash.error)} style={{ marginBottom: 16 }} />}
      {!campaignId && !campaigns.isPending && <Empty description={t('progress.noCampaign')} />}
      {d && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }} data-testid="progress-kpis">
            {(
              [
                ['kpiPass', d.now.pass, '#389e0d'],
                ['kpiBasic', d.now.basicPass, '#d48806'],
                ['kpiFail', d.now.fail, '#cf1322'],
                ['kpiNotAccepted', d.now.notAccepted, undefined],
              ] as const
            ).map(([k, v, color]) => (
              <Col xs={12} md={6} key={k}>
                <Card size="small">
                  <Statistic title={t(`progress.${k}`)} value={v} suffix={<span style={{ fontSize: 14 }}>{t('progress.ofTotal', { total: d.now.total })}</span>} valueStyle={{ color }} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <Card size="small" title={t('progress.burnUp')} style={{ marginBottom: 16 }}>
                {burnUpOption && <LazyEChart option={burnUpOption} height={320} testId="burnup-chart" />}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card
                size="small"
                title={t('progress.targets')}
                style={{ marginBottom: 16 }}
                extra={hasPermission(me, 'progress.manage') && campaignId ? <TargetsManager campaignId={campaignId} aspects={d.byAspect} /> : null}
              >
                <Table
                  data-testid="progress-targets"
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={d.targets}
                  columns={[
                    { title: t('progress.target'), dataIndex: 'title', key: 'title' },
                    {
                      // A target set above the scope viewed (the city's, seen by a district or a team) counts the
                      // teams of its own unit: it is labelled with that unit, never shown as this scope's.
                      title: t('progress.targetScope'),
                      key: 'scope',
                      width: 120,
                      render: (_, r) =>
                        r.relation === 'this' ? (
                          <Typography.Text type="secondary">{r.orgUnitName}</Typography.Text>
                        ) : (
                          <Tag color={r.relation === 'above' ? 'geekblue' : 'default'} data-testid="target-scope" data-relation={r.relation}>
                            {r.orgUnitName}
                          </Tag>
                        ),
                    },
                    { title: t('progress.dueDate'), dataIndex: 'dueDate', key: 'due', width: 100 },
                    { title: `${t('progress.current')}/${t('progress.required')}`, key: 'cnt', width: 90, render: (_, r) => `${r.current} / ${r.requiredCount} (${r.ofCount})` },
                    {
                      title: t('progress.forecast'),
                      key: 'forecast',
                      width: 110,
                      render: (_, r) => (
                        <Tooltip title={`${t('progress.projected')} ${r.forecast.projected} · ${r.forecast.method}`}>
                          <Tag color={FORECAST_COLORS[r.forecast.status] ?? 'default'} data-testid="forecast-tag" data-status={r.forecast.status}>
                            {t(`progress.forecasts.${r.forecast.status}`, { defaultValue: r.forecast.status })} <InfoCircleOutlined />
                          </Tag>
                        </Tooltip>
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('progress.byDistrict')} style={{ marginBottom: 16 }}>
                {districtOption && <LazyEChart option={districtOption} height={260} testId="district-chart" />}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('progress.byAspect')} style={{ marginBottom: 16 }}>
                {aspectOption && <LazyEChart option={aspectOption} height={260} testId="aspect-chart" />}
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} xl={15}>
              <Card size="small" title={t('progress.gaps')} style={{ marginBottom: 16 }} data-testid="progress-gaps">
                <Table
                  rowKey="orgUnitId"
                  size="small"
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={d.gaps}
                  locale={{ emptyText: t('progress.noGaps') }}
                  columns={[
                    { title: t('progress.team'), key: 'name', width: 170, render: (_, r) => <span>{r.name}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.districtName}</Typography.Text></span> },
                    { title: t('assessment.status'), key: 'status', width: 100, render: (_, r) => <StateTag t={t} status={r.status} /> },
                    { title: t('assessment.pct'), dataIndex: 'pct', key: 'pct', width: 80, render: (v: number) => `${v}%` },
                    { title: t('assessment.grade'), key: 'grade', width: 90, render: (_, r) => <GradeTag t={t} grade={r.grade} /> },
                    {
                      title: t('progress.blocking'),
                      key: 'blocking',
                      render: (_, r) => (
                        <Space size={[4, 4]} wrap>
                          {r.vetoFailed.map((v) => (
                            <Tag color="red" key={`v${v.code}`}>
                              {t('assessment.veto')} {v.code} {v.title}
                            </Tag>
                          ))}
                          {r.failing
                            .filter((f) => !r.vetoFailed.some((v) => v.code === f.code))
                            .slice(0, 5)
                            .map((f) => (
                              <Tag key={f.code}>
                                {f.code} {f.title} ({f.points})
                              </Tag>
                            ))}
                          {r.failing.length > 5 && <Typography.Text type="secondary">… {r.failing.length}</Typography.Text>}
                        </Space>
                      ),
                    },
                    { title: t('progress.openRectifications'), dataIndex: 'openRectifications', key: 'rect', width: 90 },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={9}>
              <Card size="small" title={t('progress.ranking')} style={{ marginBottom: 16 }} data-testid="progress-ranking">
                <Table
                  rowKey="orgUnitId"
                  size="small"
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={d.ranking}
                  columns={[
                    { title: t('progress.rank'), dataIndex: 'rank', key: 'rank', width: 60 },
                    { title: t('progress.team'), dataIndex: 'name', key: 'name' },
                    { title: t('assessment.pct'), dataIndex: 'pct', key: 'pct', width: 80, render: (v: number) => `${v}%` },
                    { title: t('assessment.grade'), key: 'grade', width: 90, render: (_, r) => <GradeTag t={t} grade={r.grade} /> },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <Link to="/assessment">{t('menu.assessment')}</Link>
          </Typography.Text>
        </>
      )}
    </div>
  );
}

function burnUpChart(d: Dashboard, t: (k: string) => string) {
  const days = d.burnUp.map((p) => p.day);
  // Pins only for the scope's own grade targets: a target set above or inside it counts other teams than
  // the burn-up line does (a city target of 21 on a one-team chart would be off the scale and meaningless).
  const teamTargets = d.targets.filter((x) => !x.aspectCode && x.relation === 'this');
  // Target due dates may fall outside the sampled days: put each at the nearest day on the axis.
  const nearest = (day: string) => days.find((x) => x >= day) ?? days[days.length - 1];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 24, bottom: 48, top: 36, containLabel: true },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }],
    xAxis: { type: 'category', data: days, boundaryGap: false },
    yAxis: [
      { type: 'value', minInterval: 1, max: d.now.total },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'line',
        name: t('progress.burnPass'),
        data: d.burnUp.map((p) => p.pass),
        step: 'end',
        symbol: 'none',
        lineStyle: { width: 3, color: '#389e0d' },
        itemStyle: { color: '#389e0d' },
        areaStyle: { color: 'rgba(82,196,26,0.12)' },
        markPoint: {
          symbol: 'pin',
          symbolSize: 40,
          data: teamTargets.map((x) => ({ name: x.title, coord: [nearest(x.dueDate), x.requiredCount], value: x.requiredCount, itemStyle: { color: x.forecast.status === 'met' || x.forecast.status === 'on_track' ? '#1677ff' : '#cf1322' } })),
        },
        markLine: {
          symbol: 'none',
          label: { formatter: '{b}', position: 'insideEndTop', fontSize: 10 },
          lineStyle: { type: 'dashed', color: '#1677ff' },
          data: teamTargets.map((x) => ({ name: x.dueDate, xAxis: nearest(x.dueDate) })),
        },
      },
      { type: 'line', name: t('progress.burnAccepted'), data: d.burnUp.map((p) => p.accepted), step: 'end', symbol: 'none', lineStyle: { color: '#8c8c8c' }, itemStyle: { color: '#8c8c8c' } },
      { type: 'line', name: t('progress.avgPct'), yAxisIndex: 1, data: d.burnUp.map((p) => p.avgPct), symbol: 'none', smooth: true, lineStyle: { type: 'dotted', color: '#d48806' }, itemStyle: { color: '#d48806' } },
    ],
  };
}
