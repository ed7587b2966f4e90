import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Empty, Input, Modal, Popconfirm, Row, Space, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { ArrowLeftOutlined, CopyOutlined, DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText, issueText } from '../../../shared/api/errors';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { hasPermission, useMe } from '../../../shared/session';
import { exportUrl, treeIssues, useCreateDraft, useDeleteNode, usePublish, useVersion, type CatalogNode, type TreeIssue } from '../api';
import { NodeDetail } from '../components/NodeDetail';
import { NodeFormModal } from '../components/NodeFormModal';
import { methodLabel, OriginTag, VersionStatusTag } from '../labels';

function buildTree(nodes: CatalogNode[], keep: (n: CatalogNode) => boolean, t: ReturnType<typeof useTranslation>['t']): TreeDataNode[] {
  const children = new Map<string | null, CatalogNode[]>();
  for (const n of nodes) {
    const list = children.get(n.parentCode) ?? [];
    list.push(n);
    children.set(n.parentCode, list);
  }
  const visit = (parent: string | null): TreeDataNode[] =>
    (children.get(parent) ?? []).flatMap((n) => {
      const sub = visit(n.code);
      if (!keep(n) && sub.length === 0) return [];
      return [
        {
          key: n.code,
          isLeaf: n.isItem,
          children: sub,
          title: (
            <span data-node={n.code} data-item={n.isItem ? '1' : '0'} style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
              <span style={{ fontWeight: n.depth === 0 ? 600 : undefined }}>
                {n.code} {n.title}
              </span>
              {n.isItem && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {n.points ?? '—'}分 · {methodLabel(t, n.method)}
                </Typography.Text>
              )}
              {n.isVeto && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('catalog.veto')}</Tag>}
              {n.origin !== 'base' && <OriginTag t={t} origin={n.origin} />}
            </span>
          ),
        },
      ];
    });
  return visit(null);
}

export default function VersionPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  const me = useMe().data;
  const version = useVersion(id);
  const [selected, setSelected] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [editing, setEditing] = useState<{ node: CatalogNode | null; parent: string | null } | null>(null);
  const [issues, setIssues] = useState<TreeIssue[]>([]);
  const [draftOpen, setDraftOpen] = useState(false);
  const [draftLabel, setDraftLabel] = useState('');
  const publish = usePublish(id ?? '');
  const del = useDeleteNode(id ?? '');
  const createDraft = useCreateDraft();

  const v = version.data;
  const nodes = useMemo(() => v?.nodes ?? [], [v]);
  const treeData = useMemo(
    () => buildTree(nodes, (n) => !q || n.code.startsWith(q) || n.title.includes(q), t),
    [nodes, q, t],
  );
  const node = nodes.find((n) => n.code === selected) ?? null;
  const isDraft = v?.status === 'draft';
  const canManage = hasPermission(me, 'catalog.manage');
  const editable = isDraft && canManage;

  if (version.isError) return <Alert type="error" showIcon title={errorText(t, version.error)} />;
  if (!v) {
    return (
      <div style={{ padding: 64, textAlign: 'center' }}>
        <Spin size="large" />
      </div>
    );
  }

  const doPublish = async () => {
    setIssues([]);
    try {
      await publish.mutateAsync();
      message.success(t('catalog.published'));
    } catch (e) {
      setIssues(treeIssues(e));
      message.error(errorText(t, e));
    }
  };

  const doNewDraft = async () => {
    if (!draftLabel.trim()) return;
    try {
      const d = await createDraft.mutateAsync({ standardId: v.standardId, label: draftLabel.trim(), copyFromVersionId: v.id });
      message.success(t('catalog.draftCreated'));
      setDraftOpen(false);
      void navigate(`/catalog/versions/${d.id}`);
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <div data-testid="catalog-version-page">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space orientation="vertical" size={2}>
            <Space wrap>
              <Link to="/catalog">
                <ArrowLeftOutlined /> {t('catalog.back')}
              </Link>
            </Space>
            <Space wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {v.standardName}
              </Typography.Title>
              <Tag>{v.label}</Tag>
              <VersionStatusTag t={t} status={v.status} />
              {v.isDemo && <Tag color="purple">{t('catalog.demo')}</Tag>}
            </Space>
            <Typography.Text type="secondary" data-testid="catalog-version-summary">
              {t('catalog.summary', { aspects: v.aspectCount, items: v.itemCount, points: v.totalPoints, veto: v.vetoCount })}
            </Typography.Text>
          </Space>
          <Space wrap>
            {v.actions.includes('export') && (
              <Button icon={<DownloadOutlined />} href={exportUrl(v.id)} download data-testid="catalog-export">
                {t('catalog.export')}
              </Button>
            )}
            {canManage && v.actions.includes('newDraft') && (
              <Button icon={<CopyOutlined />} onClick={() => setDraftOpen(true)}>
                {t('catalog.newDraft')}
              </Button>
            )}
            {editable && (
              <>
                <Button icon={<PlusOutlined />} onClick={() => setEditing({ node: null, parent: node && !node.isItem ? node.code : null })} data-testid="catalog-add-node">
                  {t('catalog.addNode')}
                </Button>
                <Popconfirm title={t('catalog.publishConfirm')} onConfirm={() => void doPublish()}>
                  <Button type="primary" icon={<SendOutlined />} loading={publish.isPending} data-testid="catalog-publish">
                    {t('catalog.publish')}
                  </Button>
                </Popconfirm>
              </>
            )}
          </Space>
        </Space>
        {v.note && (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ marginTop: 8, marginBottom: 0 }}>
            {v.note}
          </Typography.Paragraph>
        )}
        {issues.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            title={t('catalog.publishRefused')}
            data-testid="catalog-publish-issues"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {/* The server names the node in `nodeCode` and what is wrong in `code` (translated with its params). */}
                {issues.map((i) => (
                  <li key={`${i.nodeCode}:${i.field}:${i.message}`}>
                    <b>{i.nodeCode}</b> {t(`catalog.fields.${i.field}`, { defaultValue: i.field })}: {issueText(i)}
                  </li>
                ))}
              </ul>
            }
          />
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('catalog.tree')}
            extra={<Input.Search allowClear size="small" placeholder={t('catalog.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 200 }} />}
            styles={{ body: { maxHeight: 'calc(100vh - 260px)', overflow: 'auto' } }}
          >
            <Tree
              data-testid="catalog-tree"
              treeData={treeData}
              blockNode
              defaultExpandedKeys={nodes.filter((n) => n.depth === 0).map((n) => n.code)}
              {...(q ? { expandedKeys: nodes.filter((n) => !n.isItem).map((n) => n.code) } : {})}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => keys[0] !== undefined && setSelected(String(keys[0]))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('catalog.detail')}
            extra={
              editable &&
              node && (
                <Space>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ node, parent: node.parentCode })}>
                    {t('catalog.editNode')}
                  </Button>
                  <Popconfirm
                    title={t('catalog.deleteConfirm', { code: node.code })}
                    onConfirm={async () => {
                      try {
                        await del.mutateAsync(node.code);
                        message.success(t('catalog.deleted'));
                        setSelected(null);
                      } catch (e) {
                        message.error(errorText(t, e));
                      }
                    }}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />}>
                      {t('catalog.deleteNode')}
                    </Button>
                  </Popconfirm>
                </Space>
              )
            }
          >
            {node ? <NodeDetail node={node} /> : <Empty description={t('catalog.selectHint')} />}
          </Card>
        </Col>
      </Row>
      {editable && (
        <NodeFormModal versionId={v.id} open={!!editing} node={editing?.node ?? null} parentCode={editing?.parent ?? null} onClose={() => setEditing(null)} />
      )}
      <Modal
        title={t('catalog.newDraft')}
        open={draftOpen}
        onOk={() => void doNewDraft()}
        onCancel={() => setDraftOpen(false)}
        confirmLoading={createDraft.isPending}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
      >
        <Input placeholder={t('catalog.draftLabel')} value={draftLabel} onChange={(e) => setDraftLabel(e.target.value)} maxLength={60} />
      </Modal>
    </div>
  );
}
