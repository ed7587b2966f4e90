import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { App, Badge, Button, Card, Input, Result, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, EyeOutlined, FileExcelOutlined, PlusOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import {
  exportUrl,
  isLedger,
  revealPerson,
  templateUrl,
  useLedgerList,
  useReminders,
  useRoomTypes,
  type AnyRecord,
  type Asset,
  type Ledger,
  type Office,
  type Person,
  type Room,
  type Signage,
} from '../api';
import { FILTERS } from '../fields';
import { CertificateReminders, certColor } from '../components/CertificateReminders';
import { ImportWizard } from '../components/ImportWizard';
import { PhotoThumbs } from '../components/PhotoStrip';
import { RecordDrawer } from '../components/RecordDrawer';
import { TransferModal } from '../components/TransferModal';
import { UnitPicker, useLedgerScope } from '../components/UnitPicker';

const PAGE_SIZE = 20;

function IdNumberCell({ person }: { person: Person }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [revealed, setRevealed] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (revealed) return <Typography.Text code data-testid="ledger-id-revealed">{revealed}</Typography.Text>;
  return (
    <Space size={4}>
      <Typography.Text code data-testid="ledger-id-masked">
        {person.idNumber}
      </Typography.Text>
      {person.idNumberMasked && person.actions.includes('revealIdNumber') && (
        <Tooltip title={t('ledger.revealHint')}>
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            loading={loading}
            data-testid="ledger-id-reveal"
            onClick={() => {
              setLoading(true);
              revealPerson(person.id)
                .then((p) => setRevealed(p.idNumber))
                .catch((e: unknown) => message.error(errorText(t, e)))
                .finally(() => setLoading(false));
            }}
          >
            {t('ledger.reveal')}
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}

function LedgerTable({ ledger }: { ledger: Ledger }) {
  const { t } = useTranslation();
  const scope = useLedgerScope();
  const [unit, setUnit] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [type, setType] = useState<string | undefined>(undefined);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const q = useDebounced(search.trim(), 300);
  const filter = { orgUnitId: unit, status, type, q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const list = useLedgerList<AnyRecord>(ledger, filter);
  const [editing, setEditing] = useState<AnyRecord | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [transferOf, setTransferOf] = useState<Asset | null>(null);
  const [tab, setTab] = useState('list');
  const roomTypes = useRoomTypes(ledger === 'rooms');
  const reminders = useReminders(unit, 60, ledger === 'persons');
  const listActions = list.data?.actions ?? [];
  const defaultUnitId = unit && scope.byId.get(unit)?.kind === 'team' ? unit : scope.ownIsTeam ? scope.ownUnitId : undefined;

  const f = FILTERS[ledger];
  const typeOptions = ledger === 'rooms' ? (roomTypes.data?.items ?? []).map((r) => ({ value: r.name, label: r.name })) : f.type?.(t);
  const statusOptions = f.status?.(t);

  const columns = useMemo((): ColumnsType<AnyRecord> => {
    const unitCol = { title: t('ledger.unit'), dataIndex: 'orgUnitName', key: 'unit', width: 180 };
    const note = { title: t('ledger.fields.note'), dataIndex: 'note', key: 'note', ellipsis: true };
    const actionsCol = {
      title: t('common.actions'),
      key: 'actions',
      width: ledger === 'assets' ? 150 : 80,
      render: (_: unknown, r: AnyRecord) => (
        <Space size={0}>
          {r.actions.includes('edit') && (
            <Button type="link" size="small" onClick={() => setEditing(r)} data-testid="ledger-edit">
              {t('ledger.edit')}
            </Button>
          )}
          {ledger === 'assets' && (
            <Button type="link" size="small" icon={<SwapOutlined />} onClick={() => setTransferOf(r as Asset)} data-testid="ledger-transfer-open">
              {r.actions.includes('transfer') ? t('ledger.transfer.btn') : t('ledger.transfer.history')}
            </Button>
          )}
        </Space>
      ),
    };
    const cols: ColumnsType<AnyRecord>[] = [];
    switch (ledger) {
      case 'persons':
        cols.push([
          { title: t('ledger.fields.name'), dataIndex: 'name', key: 'name', width: 100 },
          { title: t('ledger.fields.kind'), dataIndex: 'kind', key: 'kind', width: 100, render: (v: string) => t(`ledger.personKinds.${v}`, { defaultValue: v }) },
          { title: t('ledger.fields.position'), dataIndex: 'position', key: 'position', width: 100 },
          { title: t('ledger.fields.idNumber'), key: 'idNumber', width: 260, render: (_: unknown, r) => <IdNumberCell person={r as Person} /> },
          { title: t('ledger.fields.certificateNo'), dataIndex: 'certificateNo', key: 'certificateNo', width: 160 },
          {
            title: t('ledger.fields.certificateExpiresOn'),
            key: 'certificateExpiresOn',
            width: 170,
            render: (_: unknown, r) => {
              const p = r as Person;
              if (!p.certificateExpiresOn) return '—';
              const color = certColor(p.certificateState);
              return (
                <Space size={4} data-testid="ledger-cert" data-state={p.certificateState}>
                  <span style={{ color: color === 'red' ? '#cf1322' : color === 'orange' ? '#d46b08' : undefined }}>{p.certificateExpiresOn}</span>
                  {color && <Tag color={color}>{t(`ledger.certState.${p.certificateState}`)}</Tag>}
                </Space>
              );
            },
          },
          { title: t('ledger.fields.trainingHours'), dataIndex: 'trainingHours', key: 'trainingHours', width: 90 },
          {
            title: t('ledger.fields.status'),
            dataIndex: 'status',
            key: 'status',
            width: 80,
            render: (v: string) => <Tag color={v === 'active' ? 'green' : undefined}>{t(`ledger.personStatuses.${v}`, { defaultValue: v })}</Tag>,
          },
        ]);
        break;
      case 'offices':
        cols.push([
          { title: t('ledger.fields.officeName'), dataIndex: 'name', key: 'name', width: 180 },
          { title: t('ledger.fields.address'), dataIndex: 'address', key: 'address' },
          { title: t('ledger.fields.area'), dataIndex: 'area', key: 'area', width: 110 },
          { title: t('ledger.fields.floor'), dataIndex: 'floor', key: 'floor', width: 70 },
          { title: t('ledger.fields.independent'), key: 'independent', width: 90, render: (_: unknown, r) => ((r as Office).independent ? t('common.yes') : t('common.no')) },
        ]);
        break;
      case 'rooms':
        cols.push([
          { title: t('ledger.fields.roomName'), dataIndex: 'name', key: 'name', width: 160 },
          { title: t('ledger.fields.roomType'), dataIndex: 'type', key: 'type', width: 140, render: (v: string) => <Tag>{v}</Tag> },
          { title: t('ledger.fields.area'), dataIndex: 'area', key: 'area', width: 110 },
          { title: t('ledger.fields.officeId'), dataIndex: 'officeName', key: 'office', width: 180 },
          { title: t('ledger.photos'), key: 'photos', width: 160, render: (_: unknown, r) => <PhotoThumbs photos={(r as Room).photos} /> },
        ]);
        break;
      case 'signage':
        cols.push([
          { title: t('ledger.fields.signageType'), dataIndex: 'type', key: 'type', width: 140 },
          { title: t('ledger.fields.location'), dataIndex: 'location', key: 'location' },
          {
            title: t('ledger.fields.conforms'),
            key: 'conforms',
            width: 110,
            render: (_: unknown, r) =>
              (r as Signage).conforms ? <Tag color="green">{t('ledger.signageStatuses.conforming')}</Tag> : <Tag color="red">{t('ledger.signageStatuses.non_conforming')}</Tag>,
          },
          { title: t('ledger.photos'), key: 'photos', width: 160, render: (_: unknown, r) => <PhotoThumbs photos={(r as Signage).photos} /> },
        ]);
        break;
      case 'assets':
        cols.push([
          { title: t('ledger.fields.assetType'), dataIndex: 'type', key: 'type', width: 110, render: (v: string) => t(`ledger.assetTypes.${v}`, { defaultValue: v }) },
          { title: t('ledger.fields.serial'), dataIndex: 'serial', key: 'serial', width: 200 },
          { title: t('ledger.fields.model'), key: 'model', render: (_: unknown, r) => [(r as Asset).model, (r as Asset).plate].filter(Boolean).join(' · ') || '—' },
          { title: t('ledger.fields.assignedPersonId'), dataIndex: 'assignedPersonName', key: 'person', width: 100 },
          {
            title: t('ledger.fields.status'),
            dataIndex: 'status',
            key: 'status',
            width: 90,
            render: (v: string) => (
              <Tag color={v === 'in_use' ? 'green' : v === 'in_repair' ? 'orange' : undefined} data-testid="ledger-asset-status">
                {t(`ledger.assetStatuses.${v}`, { defaultValue: v })}
              </Tag>
            ),
          },
          { title: t('ledger.fields.acquiredOn'), dataIndex: 'acquiredOn', key: 'acquiredOn', width: 110 },
        ]);
        break;
    }
    return [...(scope.showPicker ? [unitCol] : []), ...cols.flat(), note, actionsCol];
  }, [ledger, t, scope.showPicker]);

  const resetPage = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  const table = (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {scope.showPicker && <UnitPicker value={unit} onChange={resetPage(setUnit)} allowClear testId="ledger-filter-unit" />}
        {typeOptions && (
          <Select
            data-testid="ledger-filter-type"
            allowClear
            style={{ width: 160 }}
            placeholder={ledger === 'persons' ? t('ledger.kind') : t('ledger.type')}
            value={type}
            onChange={resetPage(setType)}
            options={typeOptions}
          />
        )}
        {statusOptions && (
          <Select data-testid="ledger-filter-status" allowClear style={{ width: 140 }} placeholder={t('ledger.status')} value={status} onChange={resetPage(setStatus)} options={statusOptions} />
        )}
        <Input.Search
          data-testid="ledger-filter-q"
          allowClear
          style={{ width: 240 }}
          placeholder={t('ledger.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
        />
        <Typography.Text type="secondary" data-testid="ledger-total" data-total={list.data?.total ?? ''}>
          {list.data ? t('ledger.total', { count: list.data.total }) : ''}
        </Typography.Text>
      </Space>
      {list.isError ? (
        <Result status="error" subTitle={errorText(t, list.error)} />
      ) : (
        <Table<AnyRecord>
          data-testid="ledger-table"
          size="small"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        />
      )}
    </>
  );

  return (
    <Card
      data-testid={`ledger-page-${ledger}`}
      title={t(`ledger.titles.${ledger}`)}
      extra={
        <Space wrap>
          {listActions.includes('template') && (
            <Button icon={<DownloadOutlined />} href={templateUrl(ledger)} download data-testid="ledger-template">
              {t('ledger.templateBtn')}
            </Button>
          )}
          {listActions.includes('export') && (
            <Button icon={<FileExcelOutlined />} href={exportUrl(ledger, unit)} download data-testid="ledger-export">
              {t('ledger.exportBtn')}
            </Button>
          )}
          {listActions.includes('import') && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="ledger-import">
              {t('ledger.importBtn')}
            </Button>
          )}
          {listActions.includes('create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="ledger-create">
              {t('ledger.create')}
            </Button>
          )}
        </Space>
      }
    >
      {ledger === 'persons' ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'list', label: t('ledger.tabs.list'), children: table },
            {
              key: 'reminders',
              label: (
                <span data-testid="ledger-reminders-tab">
                  {t('ledger.tabs.reminders')} <Badge count={reminders.data?.items.length ?? 0} showZero={false} />
                </span>
              ),
              children: <CertificateReminders orgUnitId={unit} />,
            },
          ]}
        />
      ) : (
        table
      )}
      <RecordDrawer
        ledger={ledger}
        open={creating || !!editing}
        record={editing}
        defaultUnitId={defaultUnitId}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <ImportWizard ledger={ledger} open={importing} onClose={() => setImporting(false)} />
      {ledger === 'assets' && <TransferModal asset={transferOf} onClose={() => setTransferOf(null)} />}
    </Card>
  );
}

export default function LedgerPage() {
  const { ledger } = useParams();
  const { t } = useTranslation();
  if (!isLedger(ledger)) return <Result status="404" title="404" subTitle={t('app.notFound')} />;
  return <LedgerTable key={ledger} ledger={ledger} />;
}
