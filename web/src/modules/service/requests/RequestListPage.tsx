/**
 * 诉求列表 (/service/requests): the reports in the user's scope with filters (state, team, category, source, submitted
 * between, overdue only, a search over tracking code / work-order number / description / address) and paging.
 * The filters live in the URL so a filtered list can be linked and survives a reload.
 */
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Card, DatePicker, Input, Select, Space, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useOrgUnits } from '../../../shared/org';
import { SERVICE_SOURCES, SERVICE_STATES, useServiceRequests, type ServiceListQuery, type ServiceRequestItem } from '../api';
import { useServiceCategories } from '../board/api';
import { bjTime, DueFlagTag, StateTag } from './RequestDetailPage';

const PAGE_SIZE = 20;

export default function RequestListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const query: ServiceListQuery = {
    state: get('state'),
    unitId: get('unitId'),
    categoryId: get('categoryId'),
    source: get('source') as ServiceListQuery['source'],
    from: get('from'),
    to: get('to'),
    overdue: params.get('overdue') === '1' ? true : undefined,
    q: get('q'),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const list = useServiceRequests(query);
  const units = useOrgUnits();
  const categories = useServiceCategories();
  const teams = useMemo(() => (units.data?.items ?? []).filter((u) => u.kind === 'team' && !u.validTo).sort((a, b) => a.code.localeCompare(b.code)), [units.data]);
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setParams(next, { replace: true });
  };
  const f = (k: string) => t(`serviceRequest.fields.${k}`);
  const columns: ColumnsType<ServiceRequestItem> = [
    { title: f('trackingCode'), dataIndex: 'trackingCode', render: (code: string, r) => <Link to={`/service/requests/${r.id}`}>{code}</Link> },
    { title: f('category'), dataIndex: 'categoryName' },
    { title: f('description'), dataIndex: 'description', ellipsis: true },
    { title: f('team'), dataIndex: 'orgUnitName', render: (n: string | null) => n ?? f('cityDesk') },
    { title: f('source'), dataIndex: 'source', render: (s: ServiceRequestItem['source']) => t(`serviceRequest.sources.${s}`) },
    { title: f('submittedAt'), dataIndex: 'submittedAt', render: (v: string) => bjTime(v) },
    {
      title: f('state'),
      dataIndex: 'state',
      render: (s: ServiceRequestItem['state'], r) => (
        <Space size={4}>
          <StateTag state={s} />
          <DueFlagTag flag={r.dueFlag} />
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('serviceRequest.listTitle')}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <Select
            allowClear
            mode="multiple"
            style={{ minWidth: 200 }}
            placeholder={t('serviceRequest.filters.state')}
            value={query.state ? query.state.split(',') : []}
            onChange={(v: string[]) => set('state', v.length ? v.join(',') : undefined)}
            options={SERVICE_STATES.map((s) => ({ value: s, label: t(`serviceRequest.states.${s}`) }))}
            data-testid="filter-state"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 200 }}
            placeholder={t('serviceRequest.filters.team')}
            value={query.unitId}
            onChange={(v?: string) => set('unitId', v)}
            options={[{ value: 'desk', label: t('serviceRequest.filters.deskOnly') }, ...teams.map((u) => ({ value: u.id, label: u.name }))]}
            data-testid="filter-team"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 200 }}
            placeholder={t('serviceRequest.filters.category')}
            value={query.categoryId}
            onChange={(v?: string) => set('categoryId', v)}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
            data-testid="filter-category"
          />
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('serviceRequest.filters.source')}
            value={query.source}
            onChange={(v?: string) => set('source', v)}
            options={SERVICE_SOURCES.map((s) => ({ value: s, label: t(`serviceRequest.sources.${s}`) }))}
          />
          <DatePicker.RangePicker
            value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
            onChange={(v) => {
              const next = new URLSearchParams(params);
              if (v?.[0] && v[1]) {
                next.set('from', v[0].format('YYYY-MM-DD'));
                next.set('to', v[1].format('YYYY-MM-DD'));
              } else {
                next.delete('from');
                next.delete('to');
              }
              next.delete('page');
              setParams(next, { replace: true });
            }}
          />
          <Input.Search allowClear style={{ width: 260 }} placeholder={t('serviceRequest.filters.search')} defaultValue={query.q} onSearch={(v) => set('q', v.trim() || undefined)} data-testid="filter-q" />
          <Space>
            <Switch checked={!!query.overdue} onChange={(v) => set('overdue', v ? '1' : undefined)} data-testid="filter-overdue" />
            {t('serviceRequest.filters.overdue')}
          </Space>
        </Space>
      </Card>
      {list.isError && <Alert type="error" showIcon message={errorText(t, list.error)} />}
      <Table<ServiceRequestItem>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('serviceRequest.empty') }}
        data-testid="service-request-list"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('serviceRequest.total', { count: n }),
          onChange: (p) => {
            const next = new URLSearchParams(params);
            next.set('page', String(p));
            setParams(next, { replace: true });
          },
        }}
      />
    </Space>
  );
}
