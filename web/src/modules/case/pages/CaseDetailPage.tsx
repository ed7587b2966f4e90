import { Link, useParams } from 'react-router-dom';
import { CaseTabs } from '../caseTabs';
import { Alert, Card, Descriptions, Result, Space, Spin, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { useCase, type CaseDetail, type Deadline, type Penalty, type TimelineEvent } from '../api';
import { caseErrorText, citationText, penaltyText, yuanText } from '../format';
import { StateTag } from '../components/common';
import { ActionPanel } from '../components/ActionPanel';

/** Case detail: who and what, the running deadlines, the current step's forms, the timeline. */
export default function CaseDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const q = useCase(id);
  if (q.isPending) return <Spin />;
  if (q.isError) {
    if (q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400)) return <Result status="404" title="404" subTitle={t('case.detail.notFound')} extra={<Link to="/cases/list">{t('case.detail.back')}</Link>} />;
    return <Alert type="error" showIcon title={caseErrorText(t, q.error)} />;
  }
  const c = q.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/cases/list">{t('case.detail.back')}</Link>
      <Header c={c} />
      <Deadlines c={c} />
      <ActionPanel c={c} />
      {c.seizures.length > 0 && <Seizures c={c} />}
      {(c.facts.evidence?.length ?? 0) > 0 && <Evidence c={c} />}
      {c.facts.serviceNotice && <Notice c={c} />}
      <CaseTabs c={c} />
      <Card title={t('case.detail.timeline')}>
        <Timeline data-testid="case-timeline" items={c.timeline.map((e, i) => ({ key: i, children: <Event e={e} /> }))} />
      </Card>
    </Space>
  );
}

function Header({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const party = c.parties[0];
  const penalty: Penalty | null = c.decidedPenalty ?? c.proposedPenalty;
  return (
    <Card data-testid="case-header">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="case-number">
            {c.caseNo ?? c.leadNo}
          </Typography.Title>
          <StateTag state={c.state} />
          <Tag>{t(`case.procedures.${c.procedure}`)}</Tag>
          {c.isDemo && <Tag>{t('case.demo')}</Tag>}
          {c.nextDue?.overdue && (
            <Tag color="red" data-testid="case-overdue">
              {t('case.overdue')}
            </Tag>
          )}
        </Space>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          {c.caseNo && c.leadNo && <Descriptions.Item label={t('case.fields.leadNo')}>{c.leadNo}</Descriptions.Item>}
          <Descriptions.Item label={t('case.fields.team')}>{c.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('case.fields.source')}>
            {t(`case.sources.${c.source}`)}
            {c.sourceRef ? `（${c.sourceRef}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('case.fields.actDate')}>{c.actDate}</Descriptions.Item>
          <Descriptions.Item label={t('case.fields.actPlace')}>{c.actPlace}</Descriptions.Item>
          <Descriptions.Item label={t('case.fields.party')}>
            <span data-testid="case-party">
              {party ? `${party.name}（${t(`case.partyKinds.${party.kind}`)}）${party.idNumberMasked ? ` ${party.idNumberMasked}` : ''}` : t('case.detail.noParty')}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('case.fields.violation')}>
            <span data-testid="case-violation">
              {c.violation ? `${c.violation.name}${c.violation.band ? `（${t(`case.bands.${c.violation.band}`, { defaultValue: c.violation.band })}）` : ''}` : t('case.none')}
            </span>
            {c.violation && c.violation.standing !== 'unchecked' && (
              <Tag color={c.violation.standing === 'outside_band' ? 'orange' : 'green'} style={{ marginLeft: 8 }}>
                {t(`case.standing.${c.violation.standing}`)}
              </Tag>
            )}
          </Descriptions.Item>
          {c.violation?.basis && <Descriptions.Item label={t('case.fields.basis')}>{c.violation.basis}</Descriptions.Item>}
          <Descriptions.Item label={t('case.fields.penalty')}>
            <span data-testid="case-penalty">{penaltyText(t, penalty)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('case.fields.responsible')}>{c.responsible?.name ?? '—'}</Descriptions.Item>
          {c.officers.length > 0 && <Descriptions.Item label={t('case.fields.officers')}>{c.officers.map((o) => `${o.name}${o.certificateNo ? `（${o.certificateNo}）` : ''}`).join('、')}</Descriptions.Item>}
          <Descriptions.Item label={t('case.fields.summary')} span={2}>
            {c.summary}
          </Descriptions.Item>
        </Descriptions>
        {c.reviewRequired && <Alert type="info" showIcon title={t('case.detail.reviewRequired', { triggers: c.reviewTriggers.map((x) => t(`case.reviewTriggers.${x}`, { defaultValue: x })).join('、') })} />}
        {c.hearingRights && <Alert type="info" showIcon title={t('case.detail.hearingRights')} />}
      </Space>
    </Card>
  );
}

function Deadlines({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const columns: ColumnsType<Deadline> = [
    { title: t('case.detail.deadline.kind'), key: 'kind', render: (_, d) => t(`case.deadlineKinds.${d.kind}`) },
    {
      title: t('case.detail.deadline.rule'),
      key: 'rule',
      render: (_, d) =>
        d.rule ? (
          <Tooltip title={d.rule.quote}>
            <span data-testid="case-deadline-rule">{citationText(d.rule)}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="warning">{t('case.detail.deadline.ruleMissing')}</Typography.Text>
        ),
    },
    { title: t('case.detail.deadline.start'), dataIndex: 'startOn' },
    {
      title: t('case.detail.deadline.due'),
      key: 'due',
      render: (_, d) =>
        d.calendarMissing ? (
          <Typography.Text type="warning" data-testid="case-calendar-missing">
            {t('case.detail.deadline.calendarMissing', { years: d.calendarMissing.join('、') })}
          </Typography.Text>
        ) : d.ruleMissing ? (
          '—'
        ) : (
          <Typography.Text type={d.state === 'overdue' ? 'danger' : undefined} strong={d.state === 'overdue'}>
            {d.dueOn}
          </Typography.Text>
        ),
    },
    {
      title: t('case.detail.deadline.left'),
      key: 'left',
      render: (_, d) =>
        d.state === 'overdue' ? (
          <Typography.Text type="danger">{t('case.deadlineStates.overdue')}</Typography.Text>
        ) : d.workingDaysLeft !== null ? (
          t('case.detail.deadline.leftValue', { count: d.workingDaysLeft })
        ) : d.state === 'running' && d.dueOn ? (
          // Due day known (a calendar-day period) but the working days up to it cross a year without a calendar.
          <Typography.Text type="warning">{t('case.detail.deadline.leftUnknown')}</Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('case.detail.deadline.state'),
      key: 'state',
      render: (_, d) => (
        <Space size={4}>
          <Tag color={d.state === 'overdue' ? 'red' : d.state === 'running' ? 'blue' : 'default'} data-testid={`case-deadline-${d.state}`}>
            {t(`case.deadlineStates.${d.state}`)}
          </Tag>
          {d.extensions > 0 && <Tag>{t('case.detail.deadline.extended')}</Tag>}
          {d.late && <Tag color="orange">{t('case.detail.deadline.late')}</Tag>}
        </Space>
      ),
    },
  ];
  // The running ones first (what needs doing), then those met or lapsed.
  const order = { overdue: 0, running: 1, lapsed: 2, met: 3 } as const;
  const rows = [...c.deadlines].sort((a, b) => order[a.state] - order[b.state] || a.startOn.localeCompare(b.startOn));
  return (
    <Card title={t('case.detail.deadlines')}>
      <Table<Deadline> data-testid="case-deadlines" size="small" rowKey="key" pagination={false} columns={columns} dataSource={rows} rowClassName={(d) => (d.state === 'overdue' ? 'case-overdue-row' : '')} />
    </Card>
  );
}

function Seizures({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t('case.detail.seizures')}>
      <Space orientation="vertical">
        {c.seizures.map((s) => (
          <span key={s.id}>
            {t(`case.seizureKinds.${s.kind}`)}：{s.items}（{s.startOn}
            {s.place ? `，${s.place}` : ''}）{s.extendedOn && ` ${t('case.detail.seizure.extended', { date: s.extendedOn })}`}{' '}
            {s.endedOn ? `${t('case.detail.seizure.ended', { date: s.endedOn })}${s.outcome ? ` ${t(`case.seizureOutcomes.${s.outcome}`, { defaultValue: '' })}` : ''}` : t('case.detail.seizure.held')}
          </span>
        ))}
      </Space>
    </Card>
  );
}

/** 先行登记保存 (行政处罚法 第五十六条): each registration and its 处理决定. */
function Evidence({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t('case.detail.evidence.title')} data-testid="case-evidence-list">
      <Space orientation="vertical">
        {(c.facts.evidence ?? []).map((e) => (
          <span key={e.id}>
            {t('case.detail.evidence.option', { items: e.items, date: e.on })}
            {e.place ? ` · ${e.place}` : ''} ·{' '}
            {e.decidedOn && e.outcome ? t('case.detail.evidence.decided', { date: e.decidedOn, outcome: t(`case.evidenceOutcomes.${e.outcome}`) }) : t('case.detail.evidence.held')}
          </span>
        ))}
      </Space>
    </Card>
  );
}

/** 公告送达 (民事诉讼法 第九十五条): when the notice went out and when the decision counts as served. */
function Notice({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const n = c.facts.serviceNotice!;
  return (
    <Card title={t('case.detail.notice.title')} data-testid="case-notice">
      {n.deemedOn ? t('case.detail.notice.published', { date: n.on, deemed: n.deemedOn }) : t('case.detail.notice.deemedUnknown')}
      <div>
        <Typography.Text type="secondary">{t('case.detail.payload.reason')}：</Typography.Text>
        {n.reason}
      </div>
    </Card>
  );
}

/** Payload keys shown on the timeline, in this order, each in words (never the raw key or code). */
const PAYLOAD_KEYS = ['caseNo', 'source', 'summary', 'proposal', 'findings', 'report', 'band', 'standing', 'major', 'reviewTriggers', 'penalty', 'hearingRights', 'waived', 'statement', 'hearingOn', 'minutes', 'approved', 'opinion', 'conclusion', 'participants', 'outcome', 'method', 'amountFen', 'lateFeeFen', 'paidOnSpot', 'result', 'seizureKind', 'items', 'place', 'seizureOutcome', 'evidenceOutcome', 'deemedOn', 'deemedServed', 'reason'] as const;

function payloadValue(t: TFunction, key: (typeof PAYLOAD_KEYS)[number], v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  const yesNo = (b: unknown) => t(b ? 'case.detail.yes' : 'case.detail.no');
  switch (key) {
    case 'source':
      return t(`case.sources.${String(v)}`, { defaultValue: String(v) });
    case 'proposal':
      return t(`case.proposals.${String(v)}`, { defaultValue: String(v) });
    case 'band':
      return t(`case.bands.${String(v)}`, { defaultValue: String(v) });
    case 'standing':
      return t(`case.standing.${String(v)}`, { defaultValue: String(v) });
    case 'reviewTriggers':
      return Array.isArray(v) && v.length ? v.map((x) => t(`case.reviewTriggers.${String(x)}`, { defaultValue: String(x) })).join('、') : null;
    case 'penalty':
      return typeof v === 'object' && v !== null && 'kinds' in v ? penaltyText(t, v as Penalty) : null;
    case 'approved':
      return t(v ? 'case.review.approve' : 'case.review.return');
    case 'outcome':
      return t(`case.outcomes.${String(v)}`, { defaultValue: String(v) });
    case 'method':
      return t(`case.serviceMethods.${String(v)}`, { defaultValue: String(v) });
    case 'amountFen':
    case 'lateFeeFen':
      return typeof v === 'number' ? yuanText(t, v) : null;
    case 'seizureKind':
      return t(`case.seizureKinds.${String(v)}`, { defaultValue: String(v) });
    case 'seizureOutcome':
      return t(`case.seizureOutcomes.${String(v)}`, { defaultValue: String(v) });
    case 'evidenceOutcome':
      return t(`case.evidenceOutcomes.${String(v)}`, { defaultValue: String(v) });
    case 'major':
    case 'hearingRights':
    case 'waived':
    case 'paidOnSpot':
    case 'deemedServed':
      return v === true ? yesNo(v) : null;
    case 'participants':
      return Array.isArray(v) ? v.join('、') : null;
    default:
      return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
  }
}

function Event({ e }: { e: TimelineEvent }) {
  const { t } = useTranslation();
  const details = PAYLOAD_KEYS.map((k) => [k, payloadValue(t, k, e.payload[k])] as const).filter(([, v]) => v !== null);
  return (
    <div data-testid="case-event">
      <Space wrap size={8}>
        <Typography.Text strong>{t(`case.actions.${e.action}`, { defaultValue: e.action })}</Typography.Text>
        <Typography.Text type="secondary">{e.onDate}</Typography.Text>
        <span>{e.actorName}</span>
        {e.fromState !== e.toState && <StateTag state={e.toState as CaseDetail['state']} />}
      </Space>
      {e.officers.length > 0 && <div>{t('case.detail.officersOf', { names: e.officers.map((o) => o.name).join('、') })}</div>}
      {details.map(([k, v]) => (
        <div key={k}>
          <Typography.Text type="secondary">{t(`case.detail.payload.${k}`)}：</Typography.Text>
          {v}
        </div>
      ))}
    </div>
  );
}
