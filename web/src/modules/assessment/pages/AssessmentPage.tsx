import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Collapse,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Progress,
  Row,
  Segmented,
  Space,
  Spin,
  Statistic,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useAssessment, useOpenRectification, useTransition, type AssessmentAction, type AssessmentItem } from '../api';
import { ItemCard } from '../components/ItemCard';
import { GradeTag, StateTag } from '../labels';
import { validValues } from '../../../shared/forms';

type Filter = 'all' | 'unanswered' | 'failing' | 'rectification';
const NEEDS_COMMENT = new Set<AssessmentAction>(['district_return', 'city_return', 'reopen']);
const STEP_OF: Record<string, number> = { draft: 0, submitted: 1, district_reviewed: 2, accepted: 3 };

export default function AssessmentPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams<{ id: string }>();
  const query = useAssessment(id);
  const transition = useTransition(id ?? '');
  const openRect = useOpenRectification();
  const [filter, setFilter] = useState<Filter>('all');
  const [active, setActive] = useState<string[] | null>(null);
  const [pending, setPending] = useState<AssessmentAction | null>(null);
  const [comment, setComment] = useState('');
  const [rectItem, setRectItem] = useState<AssessmentItem | null>(null);
  const [rectForm] = Form.useForm<{ title: string; description?: string; dueDate: Dayjs }>();
  const d = query.data;

  const groups = useMemo(() => {
    if (!d) return [];
    const byCode = new Map(d.nodes.map((n) => [n.code, n]));
    const keep = (i: AssessmentItem) =>
      filter === 'all' ||
      (filter === 'unanswered' && i.result === null) ||
      (filter === 'failing' && i.result === 'non_compliant') ||
      (filter === 'rectification' && i.rectifications.length > 0);
    return d.nodes
      .filter((n) => n.depth === 0)
      .map((aspect) => {
        const items = d.items.filter((i) => i.aspectCode === aspect.code);
        const visible = items.filter(keep);
        const subs = new Map<string, AssessmentItem[]>();
        for (const i of visible) {
          const parent = byCode.get(i.code)?.parentCode ?? aspect.code;
          subs.set(parent, [...(subs.get(parent) ?? []), i]);
        }
        return { aspect, total: items.length, answered: items.filter((i) => i.result !== null).length, visible, subs: [...subs].map(([code, list]) => ({ node: byCode.get(code), items: list })) };
      })
      .filter((g) => g.total > 0);
  }, [d, filter]);

  if (query.isError) return <Alert type="error" showIcon title={errorText(t, query.error)} />;
  if (!d) {
    return (
      <div style={{ padding: 64, textAlign: 'center' }}>
        <Spin size="large" />
      </div>
    );
  }
  const a = d.assessment;
  const g = d.grading;
  const answered = d.items.filter((i) => i.result !== null).length;
  const aspectTitle = new Map(d.nodes.filter((n) => n.depth === 0).map((n) => [n.code, n.title]));
  const reload = () => query.refetch();
  const activeKeys = active ?? (filter === 'all' ? [groups[0]?.aspect.code ?? ''] : groups.filter((x) => x.visible.length).map((x) => x.aspect.code));

  const runTransition = async () => {
    if (!pending) return;
    if (NEEDS_COMMENT.has(pending) && !comment.trim()) {
      message.error(t('assessment.commentRequired'));
      return;
    }
    try {
      await transition.mutateAsync({ action: pending, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      message.success(t('assessment.actionDone'));
      setPending(null);
      setComment('');
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const submitRect = async () => {
    if (!rectItem) return;
    const v = await validValues(rectForm);
    if (!v) return;
    try {
      await openRect.mutateAsync({
        assessmentId: a.id,
        nodeCode: rectItem.code,
        title: v.title,
        ...(v.description ? { description: v.description } : {}),
        dueDate: v.dueDate.format('YYYY-MM-DD'),
      });
      message.success(t('assessment.rectOpened'));
      setRectItem(null);
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <div data-testid="assessment-page">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[16, 12]} align="middle">
          <Col xs={24} lg={10}>
            <Space orientation="vertical" size={2}>
              <Link to={`/assessment/campaigns/${a.campaignId}`}>
                <ArrowLeftOutlined /> {a.campaignName}
              </Link>
              <Space wrap>
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="assessment-team">
                  {a.orgUnitName}
                </Typography.Title>
                <StateTag t={t} status={a.status} />
                {a.isDemo && <Tag color="purple">{t('catalog.demo')}</Tag>}
              </Space>
              <Typography.Text type="secondary">
                {a.districtName} · {a.standardName.split(' — ')[0]} · {a.versionLabel}
              </Typography.Text>
            </Space>
          </Col>
          <Col xs={24} lg={14}>
            <Steps
              size="small"
              current={STEP_OF[a.status] ?? 0}
              status={a.status === 'accepted' ? 'finish' : 'process'}
              items={[{ title: t('assessment.steps.self') }, { title: t('assessment.steps.district') }, { title: t('assessment.steps.city') }]}
            />
          </Col>
        </Row>
        <Row gutter={[16, 12]} style={{ marginTop: 16 }}>
          <Col xs={12} md={4}>
            <Statistic title={t('assessment.score')} value={g.score} suffix={`/ ${g.max}`} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('assessment.pct')} value={g.pct} suffix="%" valueStyle={{ color: g.grade === 'fail' ? '#cf1322' : undefined }} />
            <span data-testid="assessment-pct" style={{ display: 'none' }}>
              {g.pct}
            </span>
          </Col>
          <Col xs={12} md={4}>
            <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>{a.grade ? t('assessment.grade') : t('assessment.provisional')}</div>
            <span data-testid="assessment-grade" style={{ fontSize: 18 }}>
              <GradeTag t={t} grade={a.grade ?? g.grade} provisional={!a.grade} />
            </span>
          </Col>
          <Col xs={24} md={12}>
            <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>{t('assessment.reasons')}</div>
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="assessment-reasons">
              {/* The server's reasons name each failed veto item once, with its title: shown as they are. */}
              {g.reasons.map((r, i) => (
                // A failed veto is the first reason (it alone decides 未达标).
                <li key={r} style={i === 0 && g.vetoFailed.length > 0 ? { color: '#cf1322' } : undefined}>
                  {r}
                </li>
              ))}
            </ul>
          </Col>
        </Row>
        <Row gutter={[16, 8]} style={{ marginTop: 12 }}>
          <Col xs={24} md={10}>
            <div style={{ color: 'rgba(0,0,0,0.45)' }} data-testid="assessment-completion">
              {t('assessment.completion', { answered, total: d.items.length })}
            </div>
            <Progress percent={d.items.length ? Math.round((answered / d.items.length) * 100) : 0} />
          </Col>
          <Col xs={24} md={14}>
            <div style={{ color: 'rgba(0,0,0,0.45)' }}>{t('assessment.byAspect')}</div>
            {g.aspects.map((x) => (
              <div key={x.aspectCode} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <span style={{ width: 120, fontSize: 12, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {x.aspectCode} {aspectTitle.get(x.aspectCode)}
                </span>
                <Progress
                  size="small"
                  percent={x.pct}
                  strokeColor={x.pct >= a.passPct ? '#52c41a' : x.pct >= a.basicPct ? '#faad14' : '#ff4d4f'}
                  format={(p) => `${p}%`}
                  style={{ flex: 1, margin: 0 }}
                />
              </div>
            ))}
          </Col>
        </Row>
        {a.actions.length > 0 && (
          <Space style={{ marginTop: 12 }} wrap data-testid="assessment-actions">
            {a.actions.map((act) => (
              <Button
                key={act}
                type={NEEDS_COMMENT.has(act) ? 'default' : 'primary'}
                danger={act.endsWith('return')}
                onClick={() => {
                  setComment('');
                  setPending(act);
                }}
                data-action={act}
              >
                {t(`assessment.actions.${act}`, { defaultValue: act })}
              </Button>
            ))}
          </Space>
        )}
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={18}>
          <Card
            size="small"
            title={
              <Segmented<Filter>
                data-testid="item-filter"
                value={filter}
                onChange={(v) => {
                  setFilter(v);
                  setActive(null);
                }}
                options={(['all', 'unanswered', 'failing', 'rectification'] as const).map((f) => ({ value: f, label: t(`assessment.filters.${f}`) }))}
              />
            }
          >
            {groups.every((x) => x.visible.length === 0) ? (
              <Empty description={t('assessment.noItems')} />
            ) : (
              <Collapse
                activeKey={activeKeys}
                onChange={(k) => setActive(Array.isArray(k) ? k : [k])}
                items={groups
                  .filter((x) => x.visible.length > 0)
                  .map((x) => ({
                    key: x.aspect.code,
                    label: (
                      <Space>
                        <b>
                          {x.aspect.code} {x.aspect.title}
                        </b>
                        <Typography.Text type="secondary">
                          {x.answered}/{x.total}
                        </Typography.Text>
                        {filter !== 'all' && <Tag>{x.visible.length}</Tag>}
                      </Space>
                    ),
                    children: x.subs.map((s) => (
                      <div key={s.node?.code ?? 'x'}>
                        <Typography.Text strong style={{ display: 'block', margin: '4px 0 8px' }}>
                          {s.node?.code} {s.node?.title}
                        </Typography.Text>
                        {s.items.map((i) => (
                          <ItemCard key={`${i.code}:${i.version}:${i.evidence.length}:${i.districtComment ?? ''}:${i.cityComment ?? ''}`} assessmentId={a.id} item={i} onChanged={reload} onOpenRectification={setRectItem} />
                        ))}
                      </div>
                    )),
                  }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={6}>
          <Card size="small" title={t('assessment.history')}>
            {d.events.length === 0 ? (
              <Empty description={t('assessment.noHistory')} />
            ) : (
              <Timeline
                data-testid="assessment-history"
                items={[...d.events].reverse().map((e) => ({
                  color: e.action.endsWith('return') || e.action === 'reopen' ? 'red' : e.toState === 'accepted' ? 'green' : 'blue',
                  content: (
                    <div>
                      <b>{t(`assessment.actions.${e.action}`, { defaultValue: e.action })}</b>
                      <div style={{ fontSize: 12, color: '#888' }}>
                        {e.actorName} · {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
                      </div>
                      {e.comment && <div style={{ fontSize: 13 }}>{e.comment}</div>}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>

      <Modal
        title={pending ? t('assessment.confirmAction', { action: t(`assessment.actions.${pending}`, { defaultValue: pending }) }) : ''}
        open={!!pending}
        onOk={() => void runTransition()}
        onCancel={() => setPending(null)}
        confirmLoading={transition.isPending}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'transition-ok' } as Record<`data-${string}`, string>}
      >
        <Form layout="vertical">
          <Form.Item label={t('assessment.reason')} required={!!pending && NEEDS_COMMENT.has(pending)}>
            <Input.TextArea data-testid="transition-comment" autoSize={{ minRows: 3 }} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={rectItem ? `${t('assessment.openRectification')} · ${rectItem.code} ${rectItem.title}` : ''}
        open={!!rectItem}
        onOk={() => void submitRect()}
        onCancel={() => setRectItem(null)}
        confirmLoading={openRect.isPending}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={rectForm} layout="vertical" preserve={false} initialValues={{ title: rectItem ? `整改: ${rectItem.title}` : '', dueDate: dayjs().add(30, 'day') }}>
          <Form.Item name="title" label={t('assessment.rectTitle')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('assessment.rectDescription')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
          </Form.Item>
          <Form.Item name="dueDate" label={t('assessment.rectDue')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
