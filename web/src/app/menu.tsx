import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, BookOutlined, FormOutlined, FundOutlined, TeamOutlined, ToolOutlined } from '@ant-design/icons';

/** A page in the side menu: shown only if it exists (is routed) and the user holds `permission`. */
export interface MenuEntry {
  path: string;
  labelKey: string;
  permission: string;
  icon: ReactNode;
}

export const MENU: readonly MenuEntry[] = [
  { path: '/org', labelKey: 'menu.org', permission: 'org.read', icon: <ApartmentOutlined /> },
  { path: '/users', labelKey: 'menu.users', permission: 'identity.users.read', icon: <TeamOutlined /> },
  { path: '/audit', labelKey: 'menu.audit', permission: 'audit.read', icon: <AuditOutlined /> },
  { path: '/catalog', labelKey: 'menu.catalog', permission: 'catalog.read', icon: <BookOutlined /> },
  { path: '/assessment', labelKey: 'menu.assessment', permission: 'assessment.read', icon: <FormOutlined /> },
  { path: '/rectifications', labelKey: 'menu.rectifications', permission: 'rectification.work', icon: <ToolOutlined /> },
  { path: '/progress', labelKey: 'menu.progress', permission: 'progress.read', icon: <FundOutlined /> },
];

export function allowedMenu(permissions: readonly string[]): MenuEntry[] {
  return MENU.filter((m) => permissions.includes(m.permission));
}
