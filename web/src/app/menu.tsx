import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, CustomerServiceOutlined, BookOutlined, EnvironmentOutlined, FileProtectOutlined, FormOutlined, FundOutlined, SafetyOutlined, TeamOutlined, ToolOutlined } from '@ant-design/icons';

/** A page in the side menu: shown only if it exists (is routed) and the user holds `permission`. */
export interface MenuEntry {
  path: string;
  labelKey: string;
  permission: string;
  icon: ReactNode;
  /** A menu group: its entries (the group's own `path` is only a key and a route prefix). */
  children?: readonly MenuEntry[];
}

export const MENU: readonly MenuEntry[] = [
  { path: '/org', labelKey: 'menu.org', permission: 'org.read', icon: <ApartmentOutlined /> },
  { path: '/users', labelKey: 'menu.users', permission: 'identity.users.read', icon: <TeamOutlined /> },
  { path: '/audit', labelKey: 'menu.audit', permission: 'audit.read', icon: <AuditOutlined /> },
  { path: '/catalog', labelKey: 'menu.catalog', permission: 'catalog.read', icon: <BookOutlined /> },
  { path: '/assessment', labelKey: 'menu.assessment', permission: 'assessment.read', icon: <FormOutlined /> },
  { path: '/rectifications', labelKey: 'menu.rectifications', permission: 'rectification.work', icon: <ToolOutlined /> },
  { path: '/progress', labelKey: 'menu.progress', permission: 'progress.read', icon: <FundOutlined /> },
  {
    path: '/ledger',
    labelKey: 'menu.ledger',
    permission: 'ledger.read',
    icon: <SafetyOutlined />,
    children: [
      { path: '/ledger/overview', labelKey: 'menu.ledgerOverview', permission: 'ledger.read', icon: null },
      { path: '/ledger/persons', labelKey: 'menu.ledgerPersons', permission: 'ledger.read', icon: null },
      { path: '/ledger/offices', labelKey: 'menu.ledgerOffices', permission: 'ledger.read', icon: null },
      { path: '/ledger/rooms', labelKey: 'menu.ledgerRooms', permission: 'ledger.read', icon: null },
      { path: '/ledger/signage', labelKey: 'menu.ledgerSignage', permission: 'ledger.read', icon: null },
      { path: '/ledger/assets', labelKey: 'menu.ledgerAssets', permission: 'ledger.read', icon: null },
    ],
  },
  {
    path: '/tracking',
    labelKey: 'menu.tracking',
    permission: 'tracking.read',
    icon: <EnvironmentOutlined />,
    children: [
      { path: '/tracking/live', labelKey: 'menu.trackingLive', permission: 'tracking.read', icon: null },
      { path: '/tracking/replay', labelKey: 'menu.trackingReplay', permission: 'tracking.read', icon: null },
      { path: '/tracking/stats', labelKey: 'menu.trackingStats', permission: 'tracking.read', icon: null },
      { path: '/tracking/shifts', labelKey: 'menu.trackingShifts', permission: 'tracking.read', icon: null },
      { path: '/tracking/alerts', labelKey: 'menu.trackingAlerts', permission: 'tracking.read', icon: null },
      { path: '/tracking/devices', labelKey: 'menu.trackingDevices', permission: 'tracking.read', icon: null },
    ],
  },
  {
    path: '/legal',
    labelKey: 'menu.legal',
    permission: 'legal.read',
    icon: <BookOutlined />,
    children: [
      { path: '/legal/calculator', labelKey: 'menu.legalCalculator', permission: 'legal.read', icon: null },
      { path: '/legal/rules', labelKey: 'menu.legalRules', permission: 'legal.read', icon: null },
      { path: '/legal/calendars', labelKey: 'menu.legalCalendars', permission: 'legal.read', icon: null },
      { path: '/legal/violations', labelKey: 'menu.legalViolations', permission: 'legal.read', icon: null },
    ],
  },
  {
    path: '/cases',
    labelKey: 'menu.cases',
    permission: 'case.read',
    icon: <FileProtectOutlined />,
    children: [
      { path: '/cases/list', labelKey: 'menu.casesList', permission: 'case.read', icon: null },
      { path: '/cases/leads/new', labelKey: 'menu.casesLead', permission: 'case.lead', icon: null },
      { path: '/cases/simple/new', labelKey: 'menu.casesSimple', permission: 'case.handle', icon: null },
      { path: '/cases/deadlines', labelKey: 'menu.casesDeadlines', permission: 'case.read', icon: null },
      { path: '/cases/templates', labelKey: 'menu.casesTemplates', permission: 'case.read', icon: null },
      { path: '/cases/publications', labelKey: 'menu.casesPublications', permission: 'case.read', icon: null },
    ],
  },
  {
    path: '/service',
    labelKey: 'menu.service',
    permission: 'service.read',
    icon: <CustomerServiceOutlined />,
    children: [
      { path: '/service/requests', labelKey: 'menu.serviceRequests', permission: 'service.read', icon: null },
      { path: '/service/dispatch', labelKey: 'menu.serviceDispatch', permission: 'service.dispatch', icon: null },
      { path: '/service/inbox', labelKey: 'menu.serviceInbox', permission: 'service.handle', icon: null },
      { path: '/service/board', labelKey: 'menu.serviceBoard', permission: 'service.read', icon: null },
      { path: '/service/hotline', labelKey: 'menu.serviceHotline', permission: 'service.manage', icon: null },
      { path: '/service/open311', labelKey: 'menu.serviceOpen311', permission: 'service.manage', icon: null },
      { path: '/service/categories', labelKey: 'menu.serviceCategories', permission: 'service.read', icon: null },
    ],
  },
];

export function allowedMenu(permissions: readonly string[]): MenuEntry[] {
  return MENU.filter((m) => permissions.includes(m.permission)).map((m) =>
    m.children ? { ...m, children: m.children.filter((c) => permissions.includes(c.permission)) } : m,
  );
}

/** The pages of the menu (groups replaced by their entries). */
export function menuLeaves(entries: readonly MenuEntry[]): MenuEntry[] {
  return entries.flatMap((e) => (e.children ? [...e.children] : [e]));
}
