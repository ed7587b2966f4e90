import { lazy, Suspense, type ReactNode } from 'react';
import type { CaseTab } from '../modules/case/caseTabs';

/**
 * The case page's tabs from other modules (issue 12: 文书, 证据与音像记录, 轨迹核验, 卷宗). The app composes them (a
 * web module never imports another): each tab lives in its own module and talks to the server through its own
 * api.ts; each is loaded when the case page first shows it (the 轨迹核验 tab pulls Leaflet in).
 */
const DocumentsTab = lazy(() => import('../modules/document/components/DocumentsTab').then((m) => ({ default: m.DocumentsTab })));
const EvidenceTab = lazy(() => import('../modules/evidence/EvidenceTab').then((m) => ({ default: m.EvidenceTab })));
const OnsiteTab = lazy(() => import('../modules/onsite/OnsiteTab'));
const ArchiveTab = lazy(() => import('../modules/archive/ArchiveTab').then((m) => ({ default: m.ArchiveTab })));

const wait = (node: ReactNode) => <Suspense fallback={null}>{node}</Suspense>;

export const CASE_TABS: CaseTab[] = [
  { key: 'documents', label: 'caseDocuments.tab', render: (c) => wait(<DocumentsTab c={c} />) },
  { key: 'evidence', label: 'caseEvidence.tab', render: (c) => wait(<EvidenceTab c={c} />) },
  { key: 'onsite', label: 'onsite.tab', render: (c) => wait(<OnsiteTab caseId={c.id} />) },
  { key: 'archive', label: 'caseArchive.tab', render: (c) => wait(<ArchiveTab c={c} />) },
];
