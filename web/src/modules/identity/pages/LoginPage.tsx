import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { currentLanguage, setLanguage, type Language } from '../../../shared/i18n';
import { useLogin, useMe } from '../api';

interface Values {
  username: string;
  password: string;
}

/** Where to go after login: the page the user came from (same-origin paths only) or /org. */
function targetAfterLogin(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login')) {
    return from;
  }
  return '/org';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);
  const target = targetAfterLogin(location.state);

  if (me.data && !login.isPending) return <Navigate to={target} replace />;

  const onFinish = (v: Values) => {
    setError(null);
    login.mutate(v, {
      onSuccess: () => navigate(target, { replace: true }),
      onError: (e) => setError(errorText(t, e)),
    });
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #0f2d5c 0%, #1f5fbf 60%, #4f8fe8 100%)',
        padding: 16,
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <Segmented<Language>
          data-testid="language-switch"
          size="small"
          value={currentLanguage()}
          onChange={(v) => setLanguage(v)}
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'English', value: 'en' },
          ]}
        />
      </div>
      <Card style={{ width: 380, boxShadow: '0 8px 32px rgba(0,0,0,0.25)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <SafetyCertificateOutlined style={{ fontSize: 40, color: '#1f5fbf' }} />
          <Typography.Title level={3} style={{ margin: '8px 0 4px' }}>
            {t('app.name')} · {t('login.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" role="alert" />
        )}
        <Form<Values> layout="vertical" onFinish={onFinish} requiredMark={false} data-testid="login-form">
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus id="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
