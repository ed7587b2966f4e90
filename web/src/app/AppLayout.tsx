import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Dropdown, Layout, Menu, Segmented, Space, Tag, Typography, theme } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../modules/identity/api';
import { ChangePasswordModal } from '../modules/identity/components/ChangePasswordModal';
import { currentLanguage, setLanguage, type Language } from '../shared/i18n';
import { roleLabel } from '../shared/labels';
import { allowedMenu, menuLeaves } from './menu';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe().data;
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  // A reset or generated password must be changed before anything else: the API refuses every other request
  // (identity.password_change_required), so the dialog cannot be dismissed, only answered or left by signing out.
  const mustChange = !!me?.mustChangePassword;

  const entries = allowedMenu(me?.permissions ?? []);
  const selected = menuLeaves(entries).find((e) => location.pathname === e.path || location.pathname.startsWith(`${e.path}/`));
  const openGroup = entries.find((e) => e.children && location.pathname.startsWith(`${e.path}/`));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={208} theme="dark">
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            justifyContent: collapsed ? 'center' : 'flex-start',
            gap: 8,
            padding: collapsed ? 0 : '0 20px',
            color: '#fff',
            fontWeight: 600,
            fontSize: 18,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          <SafetyCertificateOutlined style={{ fontSize: 22 }} />
          {!collapsed && <span>{t('app.name')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          data-testid="side-menu"
          selectedKeys={selected ? [selected.path] : []}
          defaultOpenKeys={openGroup ? [openGroup.path] : []}
          items={entries.map((e) =>
            e.children
              ? { key: e.path, icon: e.icon, label: t(e.labelKey), children: e.children.map((c) => ({ key: c.path, label: t(c.labelKey) })) }
              : { key: e.path, icon: e.icon, label: t(e.labelKey) },
          )}
          onClick={({ key }) => navigate(key)}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }} ellipsis>
            {t('app.title')}
          </Typography.Text>
          <Space size="middle">
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
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
                ],
                onClick: ({ key }) => {
                  if (key === 'password') setPasswordOpen(true);
                  if (key === 'logout') {
                    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
                  }
                },
              }}
            >
              <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
                <Space>
                  <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                  <span data-testid="user-display-name">{me?.displayName}</span>
                  {me && <Tag data-testid="user-role">{roleLabel(t, me.role)}</Tag>}
                  <DownOutlined style={{ fontSize: 10 }} />
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ padding: 16, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
      {me && (
        <ChangePasswordModal
          open={passwordOpen || mustChange}
          forced={mustChange}
          onClose={() => setPasswordOpen(false)}
          onSignOut={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
        />
      )}
    </Layout>
  );
}
