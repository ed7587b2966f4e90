import { Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogNode } from '../api';
import { methodLabel, OriginTag } from '../labels';

export function NodeDetail({ node }: { node: CatalogNode }) {
  const { t } = useTranslation();
  const dash = (v: string | null) => v || '—';
  return (
    <div data-testid="catalog-node-detail">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="catalog-node-title">
          {node.code} {node.title}
        </Typography.Title>
        {node.isVeto && <Tag color="red">{t('catalog.veto')}</Tag>}
        <OriginTag t={t} origin={node.origin} />
      </Space>
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t('catalog.text')}>{dash(node.text)}</Descriptions.Item>
        {node.isItem && (
          <>
            <Descriptions.Item label={t('catalog.points')}>{node.points ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('catalog.method')}>{methodLabel(t, node.method)}</Descriptions.Item>
            <Descriptions.Item label={t('catalog.appliesTo')}>{t(`catalog.applies.${node.appliesTo}`)}</Descriptions.Item>
            <Descriptions.Item label={t('catalog.evidence')}>{dash(node.evidence)}</Descriptions.Item>
            <Descriptions.Item label={t('catalog.guidance')}>{dash(node.guidance)}</Descriptions.Item>
            {node.rule && (
              <Descriptions.Item label={t('catalog.rule')}>
                <Typography.Text code>{node.rule}</Typography.Text>
              </Descriptions.Item>
            )}
          </>
        )}
        {node.changeReason && <Descriptions.Item label={t('catalog.changeReason')}>{node.changeReason}</Descriptions.Item>}
      </Descriptions>
    </div>
  );
}
