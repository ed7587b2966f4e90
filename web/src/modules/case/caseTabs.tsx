import { Card, Tabs } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from './api';
// The tab slot is the one place where the case page names other modules' tabs (issue 12): each module's component
// stays in its own folder and talks to the server through its own api.ts.
// eslint-disable-next-line guifan/boundaries
import { EvidenceTab } from '../evidence/EvidenceTab';
// eslint-disable-next-line guifan/boundaries
import { DocumentsTab } from '../document/components/DocumentsTab';
// eslint-disable-next-line guifan/boundaries
import { ArchiveTab } from '../archive/ArchiveTab';
// The 轨迹核验 tab pulls Leaflet in: loaded when the tab is opened.
// eslint-disable-next-line guifan/boundaries
const OnsiteTab = lazy(() => import('../onsite/OnsiteTab'));

/**
 * The case page's tabs from other modules (issue 12: 文书, 证据, 执法记录仪与轨迹, 卷宗). Each module adds one entry
 * here; its component lives in its own folder and reaches the server only through its own api.ts.
 */
export interface CaseTab {
  key: string;
  /** i18n key of the tab's title. */
  label: string;
  render: (c: CaseDetail) => ReactNode;
}

export const CASE_TABS: CaseTab[] = [
  { key: 'documents', label: 'caseDocuments.tab', render: (c) => <DocumentsTab c={c} /> },
  { key: 'evidence', label: 'caseEvidence.tab', render: (c) => <EvidenceTab c={c} /> },
  { key: 'onsite', label: 'onsite.tab', render: (c) => <Suspense fallback={null}><OnsiteTab caseId={c.id} /></Suspense> },
  { key: 'archive', label: 'caseArchive.tab', render: (c) => <ArchiveTab c={c} /> },
];

export function CaseTabs({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  if (!CASE_TABS.length) return null;
  return (
    <Card data-testid="case-tabs">
      <Tabs items={CASE_TABS.map((tab) => ({ key: tab.key, label: t(tab.label), children: tab.render(c) }))} destroyOnHidden />
    </Card>
  );
}
