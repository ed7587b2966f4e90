import { useMemo } from 'react';
import { App, Form, Input, Modal, Select, Switch, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { errorText, fieldErrors } from '../../../shared/api/errors';
import { roleLabel } from '../../../shared/labels';
import { buildOrgTree, useOrgUnits, type OrgTreeNode } from '../../../shared/org';
import { useCreateUser, useUpdateUser, type Role, type UserRow } from '../api';
import { validValues } from '../../../shared/forms';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string;
  password: string;
  disabled: boolean;
}

const FIELDS = ['username', 'displayName', 'role', 'orgUnitId', 'password', 'disabled'] as const;

interface OrgOption {
  value: string;
  title: string;
  children: OrgOption[];
}

/** Org units as TreeSelect options, with the levels above the street teams open by default. */
export function useOrgUnitOptions(): { options: OrgOption[]; expanded: string[] } {
  const units = useOrgUnits();
  return useMemo(() => {
    const items = units.data?.items ?? [];
    const toOption = (n: OrgTreeNode): OrgOption => ({
      value: n.unit.id,
      title: n.unit.name,
      children: n.children.map(toOption),
    });
    return {
      options: buildOrgTree(items).map(toOption),
      expanded: items.filter((u) => ['bureau', 'detachment', 'district'].includes(u.kind)).map((u) => u.id),
    };
  }, [units.data]);
}

/** Create a user (no `user`) or edit one. Server validation issues are shown field by field. */
export function UserFormModal({
  open,
  user,
  assignableRoles,
  onClose,
}: {
  open: boolean;
  user: UserRow | null;
  assignableRoles: readonly Role[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const orgOptions = useOrgUnitOptions();
  const editing = !!user;
  const roles = user && !assignableRoles.includes(user.role) ? [user.role, ...assignableRoles] : assignableRoles;

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      if (user) {
        await update.mutateAsync({
          id: user.id,
          body: {
            version: user.version,
            displayName: v.displayName.trim(),
            role: v.role,
            orgUnitId: v.orgUnitId,
            disabled: v.disabled,
          },
        });
        message.success(t('common.saved'));
      } else {
        await create.mutateAsync({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          role: v.role,
          orgUnitId: v.orgUnitId,
          password: v.password,
        });
        message.success(t('users.created'));
      }
      onClose();
    } catch (e) {
      const fields = fieldErrors(e, FIELDS);
      if (fields.length) form.setFields(fields);
      else if (e instanceof ApiError && e.code === 'identity.username_taken') {
        form.setFields([{ name: 'username', errors: [errorText(t, e)] }]);
      }
      message.error(errorText(t, e));
    }
  };

  return (
    <Modal
      title={editing ? t('users.edit') : t('users.create')}
      open={open}
      onOk={() => void submit()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      data-testid="user-form-modal"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          user
            ? { ...user }
            : { username: '', displayName: '', role: assignableRoles[0], orgUnitId: undefined, password: '', disabled: false }
        }
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: !editing, whitespace: true, message: t('common.required') }]}
        >
          <Input disabled={editing} autoComplete="off" id="user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input autoComplete="off" id="user-displayName" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            id="user-role"
            options={roles.map((r) => ({ value: r, label: roleLabel(t, r), disabled: !assignableRoles.includes(r) }))}
          />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('users.orgUnit')} rules={[{ required: true, message: t('common.required') }]}>
          <TreeSelect
            id="user-orgUnit"
            showSearch
            treeNodeFilterProp="title"
            treeData={orgOptions.options}
            treeDefaultExpandedKeys={orgOptions.expanded}
            listHeight={320}
            placeholder={t('users.orgUnit')}
          />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t('users.password')}
            extra={t('password.rule')}
            rules={[
              { required: true, message: t('common.required') },
              { min: 8, message: t('password.rule') },
            ]}
          >
            <Input.Password autoComplete="new-password" id="user-password" />
          </Form.Item>
        )}
        {editing && (
          <Form.Item name="disabled" label={t('users.disableAccount')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
