import { useState } from 'react';
import { App, Button, Card, Image, Input, InputNumber, Radio, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { FileOutlined, PaperClipOutlined, SaveOutlined, ToolOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { errorText } from '../../../shared/api/errors';
import { evidenceUrl, ITEM_RESULTS, uploadEvidence, useReviewComment, useSaveItem, type AssessmentItem, type ItemResult } from '../api';
import { RESULT_COLORS } from '../labels';

interface Props {
  assessmentId: string;
  item: AssessmentItem;
  /** Reload the assessment (after a save, an upload, or a conflict). */
  onChanged: () => Promise<unknown>;
  onOpenRectification: (item: AssessmentItem) => void;
}

export function ItemCard({ assessmentId, item, onChanged, onOpenRectification }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveItem(assessmentId);
  const review = useReviewComment(assessmentId);
  const editable = item.actions.includes('edit');
  const [result, setResult] = useState<ItemResult | null>(item.result);
  const [score, setScore] = useState<number | null>(item.score);
  const [comment, setComment] = useState(item.comment ?? '');
  const [overrideReason, setOverrideReason] = useState(item.overrideReason ?? '');
  const [reviewText, setReviewText] = useState('');
  const [uploading, setUploading] = useState(false);
  const computedResult = item.computed?.result;
  const overriding = !!computedResult && result !== null && result !== computedResult;
  const dirty =
    result !== item.result || score !== item.score || comment !== (item.comment ?? '') || overrideReason !== (item.overrideReason ?? '');
  const commentLevel = item.actions.includes('commentCity') ? 'city' : item.actions.includes('commentDistrict') ? 'district' : null;

  const doSave = async () => {
    try {
      await save.mutateAsync({
        code: item.code,
        body: {
          version: item.version,
          result,
          ...(item.method === 'graded' ? { score: result === 'not_applicable' || result === null ? null : score } : {}),
          comment: comment.trim() ? comment : null,
          ...(computedResult ? { overrideReason: overriding ? overrideReason : null } : {}),
        },
      });
      message.success(t('assessment.saved'));
      await onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'conflict.stale_version') {
        message.warning(t('assessment.stale'));
        await onChanged();
        return;
      }
      message.error(errorText(t, e));
    }
  };

  const options = ITEM_RESULTS.filter((r) => r !== 'partially_compliant' || item.method === 'graded').map((r) => ({
    value: r,
    label: t(`assessment.results.${r}`),
  }));

  return (
    <Card
      size="small"
      style={{ marginBottom: 12, borderLeft: `3px solid ${item.result === 'non_compliant' ? '#ff4d4f' : item.result ? '#d9d9d9' : '#faad14'}` }}
      data-testid="assessment-item"
      data-code={item.code}
      title={
        <Space wrap size={6}>
          <Typography.Text strong>{item.code}</Typography.Text>
          <span>{item.title}</span>
          <Tag>{t('assessment.points', { points: item.points })}</Tag>
          <Tag color="blue">{t(`catalog.methods.${item.method}`)}</Tag>
          {item.isVeto && <Tag color="red">{t('assessment.veto')}</Tag>}
          {item.result && (
            <Tag color={RESULT_COLORS[item.result]} data-testid="item-result-tag">
              {t(`assessment.results.${item.result}`)}
            </Tag>
          )}
        </Space>
      }
    >
      {item.text && <Typography.Paragraph style={{ marginBottom: 8 }}>{item.text}</Typography.Paragraph>}
      <Space orientation="vertical" size={2} style={{ marginBottom: 8, fontSize: 13 }}>
        {item.evidenceExpected && (
          <Typography.Text type="secondary">
            <PaperClipOutlined /> {t('assessment.evidenceExpected')}：{item.evidenceExpected}
          </Typography.Text>
        )}
        {item.guidance && (
          <Typography.Text type="secondary">
            {t('assessment.guidance')}：{item.guidance}
          </Typography.Text>
        )}
        {item.rule && (
          <Typography.Text type="secondary">
            {t('assessment.rule')}：<Typography.Text code>{item.rule}</Typography.Text>
          </Typography.Text>
        )}
        {item.computed && (
          // The rule's own account of the result (terms with their values → 符合/不符合, or why it cannot be
          // computed yet), shown even when there is no result so the team sees which data is missing.
          <Typography.Text data-testid="item-computed">
            {t('assessment.computed')}：
            {computedResult && <Tag color={RESULT_COLORS[computedResult]}>{t(`assessment.results.${computedResult}`)}</Tag>}
            <Typography.Text type="secondary" data-testid="item-computed-explanation">
              {item.computed.explanation}
            </Typography.Text>
          </Typography.Text>
        )}
      </Space>

      <Space wrap align="start" style={{ width: '100%' }}>
        <Radio.Group
          data-testid="item-result"
          optionType="button"
          buttonStyle="solid"
          size="small"
          disabled={!editable}
          value={result}
          onChange={(e) => setResult(e.target.value as ItemResult)}
          options={options}
        />
        {item.method === 'graded' && result !== 'not_applicable' && (
          <Space size={4}>
            {t('assessment.itemScore')}
            <InputNumber
              data-testid="item-score"
              size="small"
              min={0}
              max={item.points}
              step={0.5}
              disabled={!editable}
              value={score}
              onChange={(v) => setScore(v ?? null)}
              style={{ width: 90 }}
            />
            / {item.points}
          </Space>
        )}
      </Space>
      {(editable || item.comment) && (
        <Input.TextArea
          style={{ marginTop: 8 }}
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder={t('assessment.comment')}
          disabled={!editable}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={4000}
        />
      )}
      {overriding && (
        <Input
          style={{ marginTop: 8 }}
          status={overrideReason.trim() ? undefined : 'warning'}
          placeholder={t('assessment.overrideHint')}
          disabled={!editable}
          value={overrideReason}
          onChange={(e) => setOverrideReason(e.target.value)}
        />
      )}
      {editable && (
        <Button
          style={{ marginTop: 8 }}
          type="primary"
          size="small"
          icon={<SaveOutlined />}
          disabled={!dirty}
          loading={save.isPending}
          onClick={() => void doSave()}
          data-testid="item-save"
        >
          {t('assessment.save')}
        </Button>
      )}

      <div style={{ marginTop: 12 }}>
        <Space wrap size={8} align="start">
          <Typography.Text type="secondary">{t('assessment.evidence')}：</Typography.Text>
          {item.evidence.length === 0 && <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
          {item.evidence.map((ev) => (
            <Space key={ev.id} size={4} data-testid="evidence" align="center" style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 4 }}>
              {ev.mimeType.startsWith('image/') ? (
                <Image src={evidenceUrl(ev.id)} width={40} height={40} style={{ objectFit: 'cover' }} alt={ev.fileName} />
              ) : (
                <FileOutlined />
              )}
              <Space orientation="vertical" size={0}>
                <a href={evidenceUrl(ev.id)} target="_blank" rel="noreferrer">
                  {ev.fileName}
                </a>
                <Tooltip title={`${t('assessment.sha')}: ${ev.sha256}`}>
                  <Typography.Text type="secondary" style={{ fontSize: 11 }} data-testid="evidence-sha">
                    {t('assessment.sha')} {ev.sha256.slice(0, 12)} · {(ev.sizeBytes / 1024).toFixed(1)} KB · {ev.uploadedByName} · {dayjs(ev.uploadedAt).format('MM-DD HH:mm')}
                  </Typography.Text>
                </Tooltip>
              </Space>
            </Space>
          ))}
          {item.actions.includes('upload') && (
            <Upload
              showUploadList={false}
              accept=".jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx,.mp4,.txt"
              customRequest={async ({ file, onSuccess, onError }) => {
                setUploading(true);
                try {
                  const r = await uploadEvidence(assessmentId, item.code, file as File);
                  onSuccess?.(r);
                  message.success(t('assessment.uploaded'));
                  await onChanged();
                } catch (e) {
                  onError?.(e as Error);
                  message.error(errorText(t, e));
                } finally {
                  setUploading(false);
                }
              }}
            >
              <Tooltip title={t('assessment.uploadHint')}>
                <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid="evidence-upload">
                  {t('assessment.upload')}
                </Button>
              </Tooltip>
            </Upload>
          )}
        </Space>
      </div>

      {(item.districtComment || item.cityComment) && (
        <div style={{ marginTop: 8, background: '#fffbe6', padding: '4px 8px', borderRadius: 4 }}>
          {item.districtComment && (
            <div>
              <b>{t('assessment.districtComment')}：</b>
              {item.districtComment}
            </div>
          )}
          {item.cityComment && (
            <div>
              <b>{t('assessment.cityComment')}：</b>
              {item.cityComment}
            </div>
          )}
        </div>
      )}
      {commentLevel && (
        <Space.Compact style={{ marginTop: 8, width: '100%' }}>
          <Input
            placeholder={t(commentLevel === 'city' ? 'assessment.cityComment' : 'assessment.districtComment')}
            value={reviewText}
            onChange={(e) => setReviewText(e.target.value)}
          />
          <Button
            disabled={!reviewText.trim()}
            loading={review.isPending}
            onClick={async () => {
              try {
                await review.mutateAsync({ code: item.code, comment: reviewText.trim() });
                message.success(t('assessment.commentSaved'));
                setReviewText('');
                await onChanged();
              } catch (e) {
                message.error(errorText(t, e));
              }
            }}
          >
            {t('assessment.sendComment')}
          </Button>
        </Space.Compact>
      )}
      {(item.rectifications.length > 0 || item.actions.includes('openRectification')) && (
        <Space wrap style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">
            <ToolOutlined /> {t('assessment.rectifications')}：
          </Typography.Text>
          {item.rectifications.map((r) => (
            <Tag key={r.id} color={r.overdue ? 'red' : 'default'}>
              {r.title} · {t(`rectification.states.${r.status}`, { defaultValue: r.status })} · {r.dueDate}
              {r.overdue ? ` · ${t('rectification.overdue')}` : ''}
            </Tag>
          ))}
          {item.actions.includes('openRectification') && (
            <Button size="small" onClick={() => onOpenRectification(item)}>
              {t('assessment.openRectification')}
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}
