import { Card, Tabs } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from './api';

/**
 * The case page's tabs from other modules (issue 12). The list is composed by the app (web/src/app/caseTabs.tsx)
 * and handed down through this context, so the case module names no other module.
 */
export interface CaseTab {
  key: string;
  /** i18n key of the tab's title. */
  label: string;
  render: (c: CaseDetail) => ReactNode;
}

export const CaseTabsContext = createContext<readonly CaseTab[]>([]);

export function CaseTabs({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const tabs = useContext(CaseTabsContext);
  if (!tabs.length) return null;
  return (
    <Card data-testid="case-tabs">
      <Tabs items={tabs.map((tab) => ({ key: tab.key, label: t(tab.label), children: tab.render(c) }))} destroyOnHidden />
    </Card>
  );
}
