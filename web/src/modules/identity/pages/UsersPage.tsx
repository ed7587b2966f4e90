import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { ROLE_CODES, roleLabel } from '../../../shared/labels';
import { useUsers, type Role, type UserRow } from '../api';
import { UserFormModal } from '../components/UserFormModal';
import { ResetPasswordModal } from '../components/ResetPasswordModal';

export default function UsersPage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [role, setRole] = useState<Role | undefined>(undefined);
  const q = useDebounced(text.trim(), 300);
  const users = useUsers({ q: q || undefined, role });
  const [form, setForm] = useState<{ open: boolean; user: UserRow | null }>({ open: false, user: null });
  const [resetting, setResetting] = useState<UserRow | null>(null);

  const canCreate = users.data?.actions.includes('create') ?? false;
  const assignableRoles = users.data?.assignableRoles ?? [];

  const columns: TableColumnsType<UserRow> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username', render: (v: string) => <code>{v}</code> },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('users.role'), dataIndex: 'role', key: 'role', render: (r: string) => roleLabel(t, r) },
    { title: t('users.orgUnit'), dataIndex: 'orgUnitName', key: 'orgUnitName' },
    {
      title: t('users.status'),
      dataIndex: 'disabled',
      key: 'disabled',
      render: (d: boolean) => (d ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.enabled')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, row) => (
        <Space size={4}>
          {row.actions.includes('update') && (
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setForm({ open: true, user: row })}>
              {t('common.edit')}
            </Button>
          )}
          {row.actions.includes('resetPassword') && (
            <Button size="small" type="link" icon={<KeyOutlined />} onClick={() => setResetting(row)}>
              {t('users.resetPassword')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('users.title')}
      data-testid="users-page"
      extra={
        canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, user: null })} data-testid="user-create">
            {t('users.create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 260 }}
          data-testid="users-search"
        />
        <Select
          allowClear
          placeholder={t('users.filterRole')}
          value={role}
          onChange={(v: Role | undefined) => setRole(v)}
          style={{ width: 200 }}
          options={ROLE_CODES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
          data-testid="users-role-filter"
        />
        {users.data && <Typography.Text type="secondary">{t('users.total', { count: users.data.items.length })}</Typography.Text>}
      </Space>
      {users.isError && <Alert type="error" showIcon title={errorText(t, users.error)} style={{ marginBottom: 12 }} />}
      <Table<UserRow>
        rowKey="id"
        size="middle"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        columns={columns}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
      />
      {form.open && (
        <UserFormModal
          open={form.open}
          user={form.user}
          assignableRoles={assignableRoles}
          onClose={() => setForm({ open: false, user: null })}
        />
      )}
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
