import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText, fieldErrors } from '../../../shared/api/errors';
import { useResetPassword, type UserRow } from '../api';
import { validValues } from '../../../shared/forms';

export function ResetPasswordModal({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetPassword();

  const submit = async () => {
    if (!user) return;
    const v = await validValues(form);
    if (!v) return;
    try {
      await reset.mutateAsync({ id: user.id, password: v.password });
      message.success(t('users.passwordReset'));
      onClose();
    } catch (e) {
      const fields = fieldErrors(e, ['password'] as const);
      if (fields.length) form.setFields(fields);
      message.error(errorText(t, e));
    }
  };

  return (
    <Modal
      title={user ? `${t('users.resetPassword')} · ${user.displayName}（${user.username}）` : ''}
      open={!!user}
      onOk={() => void submit()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          extra={t('password.rule')}
          rules={[
            { required: true, message: t('common.required') },
            { min: 8, message: t('password.rule') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
