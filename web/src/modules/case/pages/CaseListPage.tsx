import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../shared/session';
import { CASE_SOURCES, CASE_STATES, PROCEDURES, useCases, useOfficers, type CaseSource, type CaseSummary, type ListQuery } from '../api';
import { caseErrorText, yuanText } from '../format';
import { StateTag, UnitSelect } from '../components/common';

const PAGE_SIZE = 20;

/** 案件: the cases in the user's scope, filtered (kept in the URL so a filtered list can be linked and reloaded). */
export default function CaseListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const states = (params.get('state') ?? '').split(',').filter((s) => (CASE_STATES as readonly string[]).includes(s));
  const source = (CASE_SOURCES as readonly string[]).includes(params.get('source') ?? '') ? (params.get('source') as CaseSource) : undefined;
  const procedure = (PROCEDURES as readonly string[]).includes(params.get('procedure') ?? '') ? (params.get('procedure') as 'general' | 'simple') : undefined;
  const unitId = params.get('unit') ?? undefined;
  const officerId = params.get('officer') ?? undefined;
  const mine = params.get('mine') === '1';
  const overdue = params.get('overdue') === '1';
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [search, setSearch] = useState(q);

  const query: ListQuery = {
    ...(states.length ? { state: states.join(',') } : {}),
    ...(source ? { source } : {}),
    ...(procedure ? { procedure } : {}),
    ...(unitId ? { unitId } : {}),
    ...(officerId ? { officerId } : {}),
    ...(mine ? { mine: true } : {}),
    ...(overdue ? { overdue: true } : {}),
    ...(q ? { q } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const cases = useCases(query);
  // Officers of the chosen unit, or of the user's own unit (and the units below it).
  const me = useMe().data;
  const officers = useOfficers(unitId ?? me?.orgUnitId, undefined);

  /** Changes one filter and goes back to the first page. */
  const set = (key: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== 'page') next.delete('page');
        // The officer list follows the unit: an officer of the unit left behind would show as a bare id.
        if (key === 'unit') next.delete('officer');
        return next;
      },
      { replace: true },
    );

  const columns: ColumnsType<CaseSummary> = [
    {
      title: t('case.fields.number'),
      key: 'no',
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/cases/${c.id}`} data-testid="case-link">
            {c.caseNo ?? c.leadNo ?? '—'}
          </Link>
          {c.isDemo && <Tag>{t('case.demo')}</Tag>}
        </Space>
      ),
    },
    { title: t('case.fields.state'), key: 'state', render: (_, c) => <StateTag state={c.state} /> },
    { title: t('case.fields.procedure'), key: 'procedure', render: (_, c) => t(`case.procedures.${c.procedure}`) },
    { title: t('case.fields.source'), key: 'source', render: (_, c) => t(`case.sources.${c.source}`) },
    { title: t('case.fields.team'), dataIndex: 'unitName' },
    { title: t('case.fields.party'), key: 'party', render: (_, c) => c.partyName ?? '—' },
    { title: t('case.fields.violation'), key: 'violation', render: (_, c) => c.violationName ?? '—' },
    { title: t('case.fields.fine'), key: 'fine', align: 'right', render: (_, c) => (c.fineFen ? yuanText(t, c.fineFen) : '—') },
    { title: t('case.fields.actDate'), dataIndex: 'actDate' },
    { title: t('case.fields.responsible'), key: 'responsible', render: (_, c) => c.responsible?.name ?? '—' },
    {
      title: t('case.fields.nextDue'),
      key: 'nextDue',
      render: (_, c) =>
        c.nextDue ? (
          <Space size={4}>
            <span>{t(`case.deadlineKinds.${c.nextDue.kind}`)}</span>
            <Typography.Text type={c.nextDue.overdue ? 'danger' : undefined}>{c.nextDue.dueOn ?? '—'}</Typography.Text>
            {c.nextDue.overdue && (
              <Tag color="red" data-testid="case-overdue">
                {t('case.overdue')}
              </Tag>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  const actions = cases.data?.actions ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('case.list.title')}
        </Typography.Title>
        <Space>
          {actions.includes('createLead') && (
            <Button onClick={() => navigate('/cases/leads/new')} data-testid="case-new-lead">
              {t('case.list.newLead')}
            </Button>
          )}
          {actions.includes('simpleProcedure') && (
            <Button type="primary" onClick={() => navigate('/cases/simple/new')} data-testid="case-new-simple">
              {t('case.list.newSimple')}
            </Button>
          )}
        </Space>
      </Space>
      <Card size="small">
        <Space wrap>
          <Select
            id="case-filter-state"
            data-testid="case-filter-state"
            mode="multiple"
            allowClear
            style={{ minWidth: 220 }}
            placeholder={t('case.list.allStates')}
            value={states}
            onChange={(v: string[]) => set('state', v.join(',') || undefined)}
            options={CASE_STATES.map((s) => ({ value: s, label: t(`case.states.${s}`) }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <UnitSelect id="case-filter-unit" allowClear value={unitId} onChange={(v) => set('unit', v)} placeholder={t('case.list.allTeams')} />
          <Select
            id="case-filter-officer"
            data-testid="case-filter-officer"
            allowClear
            style={{ width: 180 }}
            placeholder={t('case.list.allOfficers')}
            value={officerId}
            loading={officers.isPending}
            onChange={(v: string | undefined) => set('officer', v)}
            showSearch={{ optionFilterProp: 'label' }}
            options={(officers.data?.items ?? []).filter((p) => p.kind === 'officer').map((p) => ({ value: p.personId, label: p.name }))}
          />
          <Select
            id="case-filter-source"
            data-testid="case-filter-source"
            allowClear
            style={{ width: 140 }}
            placeholder={t('case.list.allSources')}
            value={source}
            onChange={(v: string | undefined) => set('source', v)}
            options={CASE_SOURCES.map((s) => ({ value: s, label: t(`case.sources.${s}`) }))}
          />
          <Select
            id="case-filter-procedure"
            data-testid="case-filter-procedure"
            allowClear
            style={{ width: 130 }}
            placeholder={t('case.list.allProcedures')}
            value={procedure}
            onChange={(v: string | undefined) => set('procedure', v)}
            options={PROCEDURES.map((s) => ({ value: s, label: t(`case.procedures.${s}`) }))}
          />
          <Checkbox checked={mine} onChange={(e) => set('mine', e.target.checked ? '1' : undefined)} data-testid="case-filter-mine">
            {t('case.list.mine')}
          </Checkbox>
          <Checkbox checked={overdue} onChange={(e) => set('overdue', e.target.checked ? '1' : undefined)} data-testid="case-filter-overdue">
            {t('case.list.overdueOnly')}
          </Checkbox>
          <Input.Search
            data-testid="case-filter-q"
            allowClear
            style={{ width: 260 }}
            placeholder={t('case.fields.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => set('q', v.trim() || undefined)}
          />
        </Space>
      </Card>
      {cases.isError && <Alert type="error" showIcon title={caseErrorText(t, cases.error)} />}
      <Table<CaseSummary>
        data-testid="case-table"
        rowKey="id"
        size="middle"
        loading={cases.isFetching}
        columns={columns}
        dataSource={cases.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: cases.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => <span data-testid="case-total">{t('case.list.total', { count: n })}</span>,
          onChange: (p) => set('page', p > 1 ? String(p) : undefined),
        }}
      />
    </Space>
  );
}
