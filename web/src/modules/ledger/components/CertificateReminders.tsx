import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReminders, type Reminder } from '../api';

export function certColor(state: string): string | undefined {
  if (state === 'expired') return 'red';
  if (state === 'expiring') return 'orange';
  return undefined;
}

/** Active persons whose 执法证 expires within 60 days or has expired. */
export function CertificateReminders({ orgUnitId }: { orgUnitId: string | undefined }) {
  const { t } = useTranslation();
  const q = useReminders(orgUnitId, 60);
  return (
    <div data-testid="ledger-reminders">
      <Typography.Paragraph type="secondary">{t('ledger.reminders.within', { days: 60 })}</Typography.Paragraph>
      <Table<Reminder>
        size="small"
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('ledger.reminders.empty') }}
        columns={[
          { title: t('ledger.fields.name'), dataIndex: 'name', key: 'name' },
          { title: t('ledger.unit'), dataIndex: 'orgUnitName', key: 'unit' },
          { title: t('ledger.fields.certificateNo'), dataIndex: 'certificateNo', key: 'no' },
          {
            title: t('ledger.fields.certificateExpiresOn'),
            dataIndex: 'certificateExpiresOn',
            key: 'exp',
            render: (v: string, r) => <Typography.Text style={{ color: r.expired ? '#cf1322' : '#d46b08' }}>{v}</Typography.Text>,
          },
          {
            title: '',
            key: 'days',
            render: (_: unknown, r) =>
              r.expired ? (
                <Tag color="red">{t('ledger.reminders.expired', { days: -r.daysLeft })}</Tag>
              ) : (
                <Tag color="orange">{t('ledger.reminders.daysLeft', { days: r.daysLeft })}</Tag>
              ),
          },
        ]}
      />
    </div>
  );
}
