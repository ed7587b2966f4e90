import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { errorText, fieldErrors } from '../../../shared/api/errors';
import { useChangePassword } from '../api';
import { validValues } from '../../../shared/forms';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, forced, onClose, onSignOut }: { open: boolean; forced: boolean; onClose: () => void; onSignOut?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      await change.mutateAsync({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('password.changed'));
      form.resetFields();
      onClose();
    } catch (e) {
      const fields = fieldErrors(e, ['currentPassword', 'newPassword']);
      if (fields.length) form.setFields(fields);
      else if (e instanceof ApiError && e.code === 'identity.wrong_password')
        form.setFields([{ name: 'currentPassword', errors: [errorText(t, e)] }]);
      else if (e instanceof ApiError && e.code === 'identity.weak_password')
        form.setFields([{ name: 'newPassword', errors: [errorText(t, e)] }]);
      else message.error(errorText(t, e));
    }
  };

  return (
    <Modal
      title={t('password.title')}
      open={open}
      onOk={() => void submit()}
      onCancel={() => {
        form.resetFields();
        if (forced && onSignOut) onSignOut();
        else onClose();
      }}
      closable={!forced}
      maskClosable={!forced}
      keyboard={!forced}
      okText={t('common.save')}
      cancelText={forced && onSignOut ? t('header.logout') : t('common.cancel')}
      confirmLoading={change.isPending}
      destroyOnHidden
      forceRender
    >
      {forced && <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.next')}
          extra={t('password.rule')}
          rules={[
            { required: true, message: t('common.required') },
            { min: 8, message: t('password.rule') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
