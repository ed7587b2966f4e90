import { useSearchParams } from 'react-router-dom';
import { Alert, Card, Col, Descriptions, Empty, Result, Row, Space, Spin, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useOverview, useRequirements, type Overview, type Requirement, type RequirementTerm } from '../api';
import { UnitPicker, useLedgerScope } from '../components/UnitPicker';

const fmt = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return typeof v === 'string' ? v : JSON.stringify(v);
};

/**
 * The server's explanation is "要求：…\n实际：…\n计算：…" (the requirement and the team's standing in words, then the
 * rule with its values); an explanation without the words (a rule that does not type-check) is shown as it is.
 */
function explanationParts(text: string): { requirement: string | null; actual: string | null; calculation: string } {
  const lines = text.split('\n');
  const line = (prefix: string) => {
    const l = lines.find((x) => x.startsWith(prefix));
    return l === undefined ? null : l.slice(prefix.length);
  };
  const requirement = line('要求：');
  const actual = line('实际：');
  if (requirement === null || actual === null) return { requirement: null, actual: null, calculation: text };
  return { requirement, actual, calculation: line('计算：') ?? '' };
}

/** Metrics without data by their names, not as `patrol_coverage_rate`. */
const missingText = (t: TFunction, missing: string[]) => t('ledger.overview.missing', { list: missing.map((m) => t(`uiFixes.metrics.${m}`, { defaultValue: m })).join('、') });

/** The rule and its calculation, on demand. */
function RuleDetails({ r }: { r: Requirement }) {
  const { t } = useTranslation();
  const calc = explanationParts(r.explanation).calculation;
  return (
    <div data-testid="req-rule-details">
      <Typography.Text type="secondary">{t('uiFixes.overview.rule')}：</Typography.Text>
      <Typography.Text code style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}>
        {r.rule}
      </Typography.Text>
      {calc && (
        <div style={{ marginTop: 4 }}>
          <Typography.Text type="secondary">{t('uiFixes.overview.calculation')}：</Typography.Text>
          <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{calc}</Typography.Text>
        </div>
      )}
    </div>
  );
}

function ResultTag({ r }: { r: Requirement }) {
  const { t } = useTranslation();
  if (r.result === 'compliant') return <Tag color="green" data-testid="req-result" data-result="compliant">{t('ledger.overview.compliant')}</Tag>;
  if (r.result === 'non_compliant') return <Tag color="red" data-testid="req-result" data-result="non_compliant">{t('ledger.overview.nonCompliant')}</Tag>;
  return (
    <Tooltip title={r.missing.length ? missingText(t, r.missing) : undefined}>
      <Tag data-testid="req-result" data-result="unknown">{t('ledger.overview.unknown')}</Tag>
    </Tooltip>
  );
}

function Counts({ o }: { o: Overview }) {
  const { t } = useTranslation();
  const p = o.persons;
  return (
    <Row gutter={[12, 12]} data-testid="ledger-overview-counts">
      <Col xs={24} md={12} xl={6}>
        <Card size="small" title={t('ledger.titles.persons')} style={{ height: '100%' }}>
          <Space size={24}>
            <Statistic title={t('ledger.overview.officers')} value={p.officersActive} data-testid="ov-officers" />
            <Statistic title={t('ledger.overview.auxiliaries')} value={p.auxiliariesActive} />
            <Statistic title={t('ledger.overview.certRate')} value={p.certificateRate === null ? '—' : `${Math.round(p.certificateRate * 100)}%`} />
          </Space>
          <div style={{ marginTop: 8 }}>
            {p.certificates.expiring > 0 && <Tag color="orange">{t('ledger.overview.expiring')} {p.certificates.expiring}</Tag>}
            {p.certificates.expired > 0 && <Tag color="red">{t('ledger.overview.expired')} {p.certificates.expired}</Tag>}
          </div>
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card size="small" title={t('ledger.overview.offices')} style={{ height: '100%' }}>
          <Space size={24}>
            <Statistic title={t('ledger.overview.officeArea')} value={o.offices.totalArea} suffix="m²" />
            <Statistic title={t('ledger.overview.areaPerPerson')} value={o.offices.areaPerPerson ?? '—'} suffix={o.offices.areaPerPerson === null ? undefined : 'm²'} />
          </Space>
          <div style={{ marginTop: 8 }}>
            <Tag color={o.offices.independent ? 'green' : undefined}>
              {t('ledger.overview.independent')}：{o.offices.independent ? t('common.yes') : t('common.no')}
            </Tag>
            <Tag>{t('ledger.overview.officeCount', { count: o.offices.count })}</Tag>
          </div>
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card size="small" title={t('ledger.overview.signage')} style={{ height: '100%' }}>
          <Space size={24}>
            <Statistic title={t('ledger.overview.conforming')} value={o.signage.conforming} suffix={`/ ${o.signage.total}`} />
            <Statistic title={t('ledger.overview.nonConforming')} value={o.signage.nonConforming} valueStyle={o.signage.nonConforming ? { color: '#cf1322' } : undefined} />
          </Space>
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card size="small" title={t('ledger.overview.perOfficer')} style={{ height: '100%' }}>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('ledger.assetTypes.computer')}>{fmt(o.perOfficer.computers)}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.assetTypes.body_camera')}>{fmt(o.perOfficer.bodyCameras)}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.assetTypes.radio')}>{fmt(o.perOfficer.radios)}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.assetTypes.ebike')}>{fmt(o.perOfficer.ebikes)}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('ledger.overview.assets')}>
          <Table
            size="small"
            rowKey="type"
            pagination={false}
            dataSource={o.assets}
            columns={[
              { title: t('ledger.type'), dataIndex: 'type', key: 'type', render: (v: string, r) => t(`ledger.assetTypes.${v}`, { defaultValue: r.label }) },
              { title: '∑', dataIndex: 'total', key: 'total' },
              { title: t('ledger.assetStatuses.in_use'), dataIndex: 'in_use', key: 'in_use' },
              { title: t('ledger.assetStatuses.in_repair'), dataIndex: 'in_repair', key: 'in_repair' },
              { title: t('ledger.assetStatuses.retired'), dataIndex: 'retired', key: 'retired' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('ledger.overview.rooms')}>
          {o.missingRequiredRooms.length > 0 && (
            <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`${t('ledger.overview.missingRooms')}：${o.missingRequiredRooms.join('、')}`} />
          )}
          <Space wrap>
            {o.rooms.map((r) => (
              <Tag key={r.type} color={r.count > 0 ? 'blue' : undefined}>
                {r.type} × {r.count}
                {r.count > 0 ? ` · ${r.area} m²` : ''}
              </Tag>
            ))}
          </Space>
        </Card>
      </Col>
    </Row>
  );
}

function Terms({ terms }: { terms: RequirementTerm[] }) {
  const { t } = useTranslation();
  return (
    <Table<RequirementTerm>
      size="small"
      rowKey={(r) => `${(r as { start?: number }).start ?? ''}:${r.text}`}
      pagination={false}
      dataSource={terms}
      data-testid="req-terms"
      columns={[
        { title: t('ledger.overview.term'), dataIndex: 'text', key: 'text', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: t('ledger.overview.termValue'), dataIndex: 'value', key: 'value', width: 120, render: (v: unknown) => fmt(v) },
        { title: t('ledger.overview.matched'), dataIndex: 'matched', key: 'matched', width: 120, render: (v: number | undefined) => v ?? '—' },
      ]}
    />
  );
}

function RequirementsCard({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const q = useRequirements(unitId);
  const items = q.data?.items ?? [];
  const ok = items.filter((i) => i.result === 'compliant').length;
  const bad = items.filter((i) => i.result === 'non_compliant').length;
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      title={t('ledger.overview.requirements')}
      extra={
        q.data && (
          <Space>
            <Typography.Text type="secondary">{t('ledger.overview.requirementsOf', { standard: q.data.standardName, version: q.data.versionLabel })}</Typography.Text>
            <Typography.Text data-testid="req-summary">{t('ledger.overview.summary', { ok, bad, unknown: items.length - ok - bad })}</Typography.Text>
          </Space>
        )
      }
    >
      {q.isError ? (
        <Alert type="error" showIcon title={t('ledger.overview.requirementsUnavailable')} description={errorText(t, q.error)} />
      ) : (
        <Table<Requirement>
          data-testid="ledger-requirements"
          size="small"
          rowKey="code"
          loading={q.isPending}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: <Empty description={t('ledger.overview.noRequirements')} /> }}
          expandable={{
            expandedRowRender: (r) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <RuleDetails r={r} />
                {r.terms.length > 0 && <Terms terms={r.terms} />}
              </Space>
            ),
          }}
          columns={[
            { title: t('ledger.overview.code'), dataIndex: 'code', key: 'code', width: 80 },
            { title: t('ledger.overview.itemTitle'), dataIndex: 'title', key: 'title', width: 200 },
            {
              title: t('uiFixes.overview.requirement'),
              key: 'requirement',
              width: 300,
              render: (_: unknown, r) => {
                const p = explanationParts(r.explanation);
                return (
                  <span data-testid="req-requirement">
                    {p.requirement ?? r.explanation}
                    {r.rule && (
                      <Tooltip title={<span style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}>{r.rule}</span>}>
                        <InfoCircleOutlined aria-label={t('uiFixes.overview.showRule')} data-testid="req-rule" style={{ marginInlineStart: 6, color: '#8c8c8c' }} />
                      </Tooltip>
                    )}
                  </span>
                );
              },
            },
            {
              title: t('uiFixes.overview.actual'),
              key: 'actual',
              render: (_: unknown, r) => {
                const p = explanationParts(r.explanation);
                return (
                  <Space orientation="vertical" size={0}>
                    <span data-testid="req-actual">{p.actual ?? '—'}</span>
                    {p.actual === null && r.result === null && r.missing.length > 0 && <Typography.Text type="secondary">{missingText(t, r.missing)}</Typography.Text>}
                  </Space>
                );
              },
            },
            { title: t('ledger.overview.result'), key: 'result', width: 100, render: (_: unknown, r) => <ResultTag r={r} /> },
            { title: t('ledger.overview.points'), dataIndex: 'points', key: 'points', width: 60, render: (v: number | null) => v ?? '—' },
            { title: t('ledger.overview.veto'), key: 'veto', width: 90, render: (_: unknown, r) => (r.isVeto ? <Tag color="volcano">{t('ledger.overview.veto')}</Tag> : null) },
          ]}
        />
      )}
    </Card>
  );
}

export default function OverviewPage() {
  const { t } = useTranslation();
  const scope = useLedgerScope();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('unit') ?? undefined;
  const unitId = chosen ?? (scope.ownIsTeam ? scope.ownUnitId : scope.teams[0]?.id);
  const isTeam = !!unitId && scope.byId.get(unitId)?.kind === 'team';
  const overview = useOverview(unitId);

  return (
    <div data-testid="ledger-overview-page">
      <Card
        size="small"
        title={t('ledger.overview.title')}
        extra={
          scope.showPicker && (
            <UnitPicker
              value={unitId}
              teamsOnly
              testId="ledger-overview-unit"
              onChange={(v) => {
                if (v) setParams({ unit: v });
              }}
            />
          )
        }
        style={{ marginBottom: 12 }}
      >
        <Typography.Text strong data-testid="ledger-overview-unit-name">
          {overview.data?.orgUnitName ?? (unitId ? scope.byId.get(unitId)?.name : '')}
        </Typography.Text>
        {overview.data && <Typography.Text type="secondary"> · {overview.data.today}</Typography.Text>}
      </Card>
      {scope.loading || (overview.isPending && !!unitId) ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : overview.isError ? (
        <Result status="error" subTitle={errorText(t, overview.error)} />
      ) : overview.data ? (
        <Counts o={overview.data} />
      ) : (
        <Empty description={t('ledger.overview.pickTeam')} />
      )}
      {unitId && isTeam && <RequirementsCard unitId={unitId} />}
    </div>
  );
}
