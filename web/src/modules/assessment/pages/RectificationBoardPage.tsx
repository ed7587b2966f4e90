import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Badge, Button, Card, Col, Empty, Input, Modal, Row, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useCampaigns, useRectifications, useRectificationTransition, type Rectification, type RectificationAction } from '../api';

const COLUMNS = ['open', 'in_progress', 'submitted', 'verified', 'reopened'] as const;
const COLORS: Record<string, string> = { open: '#faad14', in_progress: '#1677ff', submitted: '#722ed1', verified: '#52c41a', reopened: '#ff4d4f' };
const NOTE_REQUIRED = new Set<RectificationAction>(['submit', 'reopen']);

export default function RectificationBoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<string | undefined>();
  const list = useRectifications(campaignId);
  const move = useRectificationTransition();
  const [pending, setPending] = useState<{ task: Rectification; action: RectificationAction } | null>(null);
  const [note, setNote] = useState('');
  const items = list.data?.items ?? [];

  const run = async () => {
    if (!pending) return;
    if (NOTE_REQUIRED.has(pending.action) && !note.trim()) {
      message.error(t('rectification.noteRequired'));
      return;
    }
    try {
      await move.mutateAsync({ id: pending.task.id, action: pending.action, version: pending.task.version, ...(note.trim() ? { note: note.trim() } : {}) });
      message.success(t('rectification.done'));
      setPending(null);
    } catch (e) {
      message.error(errorText(t, e));
      void list.refetch();
    }
  };

  return (
    <div data-testid="rectification-board">
      <Card size="small" style={{ marginBottom: 16 }} title={t('rectification.board')}>
        <Space>
          {t('rectification.campaign')}
          <Select
            allowClear
            style={{ width: 360 }}
            placeholder={t('rectification.allCampaigns')}
            value={campaignId}
            onChange={setCampaignId}
            options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Space>
      </Card>
      {list.isError && <Alert type="error" showIcon title={errorText(t, list.error)} style={{ marginBottom: 12 }} />}
      <Row gutter={12} wrap={false} style={{ overflowX: 'auto' }}>
        {COLUMNS.map((col) => {
          const tasks = items.filter((i) => i.status === col);
          return (
            <Col key={col} flex="1 0 240px">
              <Card
                size="small"
                data-testid={`rect-col-${col}`}
                title={
                  <Space>
                    <Badge color={COLORS[col]} />
                    {t(`rectification.states.${col}`)}
                    <Tag>{tasks.length}</Tag>
                  </Space>
                }
                styles={{ body: { background: '#fafafa', minHeight: 200, padding: 8 } }}
                loading={list.isPending}
              >
                {tasks.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rectification.empty')} />}
                {tasks.map((task) => (
                  <Card key={task.id} size="small" style={{ marginBottom: 8 }} data-testid="rect-card" data-id={task.id}>
                    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                      <Space wrap size={4}>
                        <Typography.Text strong>{task.title}</Typography.Text>
                        {task.overdue && (
                          <Tag color="red" data-testid="rect-overdue">
                            {t('rectification.overdue')}
                          </Tag>
                        )}
                      </Space>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {task.orgUnitName} · {t('rectification.item')}{' '}
                        <Link to={`/assessment/assessments/${task.assessmentId}`}>{task.nodeCode}</Link>
                      </Typography.Text>
                      <Typography.Text style={{ fontSize: 12 }}>
                        {t('rectification.owner')}：{task.ownerName ?? '—'}
                      </Typography.Text>
                      <Typography.Text style={{ fontSize: 12 }} type={task.overdue ? 'danger' : undefined}>
                        {t('rectification.due')}：{task.dueDate}
                      </Typography.Text>
                      {task.resolutionNote && (
                        <Typography.Text style={{ fontSize: 12 }} type="secondary">
                          {t('rectification.resolution')}：{task.resolutionNote}
                        </Typography.Text>
                      )}
                      {task.verifyNote && (
                        <Typography.Text style={{ fontSize: 12 }} type="secondary">
                          {t('rectification.verifyNote')}：{task.verifyNote}
                        </Typography.Text>
                      )}
                      {task.actions.length > 0 && (
                        <Space wrap size={4} style={{ marginTop: 4 }}>
                          {task.actions.map((action) => (
                            <Button
                              key={action}
                              size="small"
                              type={action === 'reopen' ? 'default' : 'primary'}
                              danger={action === 'reopen'}
                              data-action={action}
                              onClick={() => {
                                setNote('');
                                setPending({ task, action });
                              }}
                            >
                              {t(`rectification.actions.${action}`, { defaultValue: action })}
                            </Button>
                          ))}
                        </Space>
                      )}
                    </Space>
                  </Card>
                ))}
              </Card>
            </Col>
          );
        })}
      </Row>
      <Modal
        title={pending ? `${t(`rectification.actions.${pending.action}`, { defaultValue: pending.action })} · ${pending.task.title}` : ''}
        open={!!pending}
        onOk={() => void run()}
        onCancel={() => setPending(null)}
        confirmLoading={move.isPending}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
      >
        <Typography.Text>
          {t('rectification.note')}
          {pending && NOTE_REQUIRED.has(pending.action) ? ' *' : ''}
        </Typography.Text>
        <Input.TextArea data-testid="rect-note" autoSize={{ minRows: 3 }} value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} />
      </Modal>
    </div>
  );
}
