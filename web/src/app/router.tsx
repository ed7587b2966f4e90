import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router-dom';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../modules/identity/api';
import { AppLayout } from './AppLayout';
import { allowedMenu, menuLeaves } from './menu';
import { CaseTabsContext } from '../modules/case/caseTabs';
import { CASE_TABS } from './caseTabs';

// Route-level code splitting: every page is its own chunk (Leaflet and ECharts stay out of the initial JS).
const LoginPage = lazy(() => import('../modules/identity/pages/LoginPage'));
const UsersPage = lazy(() => import('../modules/identity/pages/UsersPage'));
const OrgPage = lazy(() => import('../modules/org/pages/OrgPage'));
const OrgAreaImportPage = lazy(() => import('../modules/org/pages/OrgAreaImportPage'));
const AuditPage = lazy(() => import('../modules/audit/pages/AuditPage'));
const CatalogPage = lazy(() => import('../modules/catalog/pages/CatalogPage'));
const CatalogVersionPage = lazy(() => import('../modules/catalog/pages/VersionPage'));
const LegalCalculatorPage = lazy(() => import('../modules/legal/pages/CalculatorPage'));
const LegalRulesPage = lazy(() => import('../modules/legal/pages/RulesPage'));
const LegalCalendarsPage = lazy(() => import('../modules/legal/pages/CalendarsPage'));
const DocumentTemplatesPage = lazy(() => import('../modules/document/pages/TemplatesPage'));
const ViolationsPage = lazy(() => import('../modules/violation/pages/ViolationsPage'));
const CaseListPage = lazy(() => import('../modules/case/pages/CaseListPage'));
const CaseDetailPage = lazy(() => import('../modules/case/pages/CaseDetailPage'));
const CaseLeadPage = lazy(() => import('../modules/case/pages/LeadPage'));
const CaseSimplePage = lazy(() => import('../modules/case/pages/SimplePage'));
const CaseBoardPage = lazy(() => import('../modules/case/pages/BoardPage'));
const PublicationsPage = lazy(() => import('../modules/publication/pages/PublicationsPage'));
const PublicDecisionsPage = lazy(() => import('../modules/publication/pages/PublicDecisionsPage'));
const PublicReportPage = lazy(() => import('../modules/service/public/ReportPage'));
const PublicReportStatusPage = lazy(() => import('../modules/service/public/StatusPage'));
const ServiceHotlinePage = lazy(() => import('../modules/service/hotline/HotlinePage'));
const ServiceRequestListPage = lazy(() => import('../modules/service/requests/RequestListPage'));
const ServiceRequestDetailPage = lazy(() => import('../modules/service/requests/RequestDetailPage'));
const ServiceDeskPage = lazy(() => import('../modules/service/desk/DeskPage'));
const ServiceInboxPage = lazy(() => import('../modules/service/inbox/InboxPage'));
const ServiceBoardPage = lazy(() => import('../modules/service/board/BoardPage'));
const ServiceCategoriesPage = lazy(() => import('../modules/service/board/CategoriesPage'));
const ServiceOpen311Page = lazy(() => import('../modules/service/open311/Open311Page'));
const CampaignsPage = lazy(() => import('../modules/assessment/pages/CampaignsPage'));
const CampaignPage = lazy(() => import('../modules/assessment/pages/CampaignPage'));
const AssessmentPage = lazy(() => import('../modules/assessment/pages/AssessmentPage'));
const RectificationBoardPage = lazy(() => import('../modules/assessment/pages/RectificationBoardPage'));
const ProgressPage = lazy(() => import('../modules/progress/pages/ProgressPage'));
const LedgerPage = lazy(() => import('../modules/ledger/pages/LedgerPage'));
const LedgerOverviewPage = lazy(() => import('../modules/ledger/pages/OverviewPage'));
const TrackingLivePage = lazy(() => import('../modules/tracking/pages/LivePage'));
const TrackingReplayPage = lazy(() => import('../modules/tracking/pages/ReplayPage'));
const TrackingStatsPage = lazy(() => import('../modules/tracking/pages/StatsPage'));
const TrackingShiftsPage = lazy(() => import('../modules/tracking/pages/ShiftsPage'));
const TrackingAlertsPage = lazy(() => import('../modules/tracking/pages/AlertsPage'));
const TrackingDevicesPage = lazy(() => import('../modules/tracking/pages/DevicesPage'));

export function PageFallback() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin size="large" />
    </div>
  );
}

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageFallback />}>{children}</Suspense>;
}

/** Signed-in users only; others go to /login and come back afterwards. */
function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageFallback />;
  if (me.isError) return <ErrorPage error={me.error} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const me = useMe();
  const { t } = useTranslation();
  if (!hasPermission(me.data, permission)) {
    return <Result status="403" title="403" subTitle={t('errors.auth.forbidden')} />;
  }
  return <Page>{children}</Page>;
}

function HomeRedirect() {
  const me = useMe();
  const first = menuLeaves(allowedMenu(me.data?.permissions ?? []))[0];
  return <Navigate to={first?.path ?? '/org'} replace />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('app.notFound')}
      extra={
        <Button type="primary" href="/">
          {t('app.backHome')}
        </Button>
      }
    />
  );
}

function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('errors.generic')}
      subTitle={error instanceof Error ? error.message : undefined}
      extra={<Button onClick={() => window.location.reload()}>{t('common.refresh')}</Button>}
    />
  );
}

const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Page>
        <LoginPage />
      </Page>
    ),
  },
  // 行政处罚决定公示: public, outside the login wall (行政处罚法 第四十八条).
  {
    path: '/public/decisions',
    element: (
      <Page>
        <PublicDecisionsPage />
      </Page>
    ),
  },
  // 便民服务 我要反映 / 办理进度: residents, no login, phone first.
  {
    path: '/public/report',
    element: (
      <Page>
        <PublicReportPage />
      </Page>
    ),
  },
  {
    path: '/public/report/:code',
    element: (
      <Page>
        <PublicReportStatusPage />
      </Page>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'org',
        element: (
          <RequirePermission permission="org.read">
            <OrgPage />
          </RequirePermission>
        ),
      },
      {
        path: 'org/areas/import',
        element: (
          <RequirePermission permission="org.manage">
            <OrgAreaImportPage />
          </RequirePermission>
        ),
      },
      {
        path: 'users',
        element: (
          <RequirePermission permission="identity.users.read">
            <UsersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequirePermission permission="audit.read">
            <AuditPage />
          </RequirePermission>
        ),
      },
      { path: 'legal', element: <Navigate to="/legal/calculator" replace /> },
      {
        path: 'legal/calculator',
        element: (
          <RequirePermission permission="legal.read">
            <LegalCalculatorPage />
          </RequirePermission>
        ),
      },
      {
        path: 'legal/rules',
        element: (
          <RequirePermission permission="legal.read">
            <LegalRulesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'legal/calendars',
        element: (
          <RequirePermission permission="legal.read">
            <LegalCalendarsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'legal/violations',
        element: (
          <RequirePermission permission="legal.read">
            <ViolationsPage />
          </RequirePermission>
        ),
      },
      { path: 'cases', element: <Navigate to="/cases/list" replace /> },
      {
        path: 'cases/list',
        element: (
          <RequirePermission permission="case.read">
            <CaseListPage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases/leads/new',
        element: (
          <RequirePermission permission="case.lead">
            <CaseLeadPage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases/simple/new',
        element: (
          <RequirePermission permission="case.handle">
            <CaseSimplePage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases/publications',
        element: (
          <RequirePermission permission="case.read">
            <PublicationsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'service/hotline',
        element: (
          <RequirePermission permission="service.manage">
            <ServiceHotlinePage />
          </RequirePermission>
        ),
      },
      {
        path: 'service/dispatch',
        element: (
          <RequirePermission permission="service.dispatch">
            <ServiceDeskPage />
          </RequirePermission>
        ),
      },
      {
        path: 'service/inbox',
        element: (
          <RequirePermission permission="service.handle">
            <ServiceInboxPage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases/deadlines',
        element: (
          <RequirePermission permission="case.read">
            <CaseBoardPage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases/templates',
        element: (
          <RequirePermission permission="case.read">
            <DocumentTemplatesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases/:id',
        element: (
          <RequirePermission permission="case.read">
            <CaseTabsContext.Provider value={CASE_TABS}>
              <CaseDetailPage />
            </CaseTabsContext.Provider>
          </RequirePermission>
        ),
      },
      {
        path: 'service/board',
        element: (
          <RequirePermission permission="service.read">
            <ServiceBoardPage />
          </RequirePermission>
        ),
      },
      {
        path: 'service/categories',
        element: (
          <RequirePermission permission="service.read">
            <ServiceCategoriesPage />
          </RequirePermission>
        ),
      },
      { path: 'service', element: <Navigate to="/service/requests" replace /> },
      {
        path: 'service/open311',
        element: (
          <RequirePermission permission="service.manage">
            <ServiceOpen311Page />
          </RequirePermission>
        ),
      },
      {
        path: 'service/requests',
        element: (
          <RequirePermission permission="service.read">
            <ServiceRequestListPage />
          </RequirePermission>
        ),
      },
      {
        path: 'service/requests/:id',
        element: (
          <RequirePermission permission="service.read">
            <ServiceRequestDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'catalog',
        element: (
          <RequirePermission permission="catalog.read">
            <CatalogPage />
          </RequirePermission>
        ),
      },
      {
        path: 'catalog/versions/:id',
        element: (
          <RequirePermission permission="catalog.read">
            <CatalogVersionPage />
          </RequirePermission>
        ),
      },
      {
        path: 'assessment',
        element: (
          <RequirePermission permission="assessment.read">
            <CampaignsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'assessment/campaigns/:id',
        element: (
          <RequirePermission permission="assessment.read">
            <CampaignPage />
          </RequirePermission>
        ),
      },
      {
        path: 'assessment/assessments/:id',
        element: (
          <RequirePermission permission="assessment.read">
            <AssessmentPage />
          </RequirePermission>
        ),
      },
      {
        path: 'rectifications',
        element: (
          <RequirePermission permission="rectification.work">
            <RectificationBoardPage />
          </RequirePermission>
        ),
      },
      {
        path: 'progress',
        element: (
          <RequirePermission permission="progress.read">
            <ProgressPage />
          </RequirePermission>
        ),
      },
      { path: 'ledger', element: <Navigate to="/ledger/overview" replace /> },
      {
        path: 'ledger/overview',
        element: (
          <RequirePermission permission="ledger.read">
            <LedgerOverviewPage />
          </RequirePermission>
        ),
      },
      {
        path: 'ledger/:ledger',
        element: (
          <RequirePermission permission="ledger.read">
            <LedgerPage />
          </RequirePermission>
        ),
      },
      { path: 'tracking', element: <Navigate to="/tracking/live" replace /> },
      {
        path: 'tracking/live',
        element: (
          <RequirePermission permission="tracking.read">
            <TrackingLivePage />
          </RequirePermission>
        ),
      },
      {
        path: 'tracking/replay',
        element: (
          <RequirePermission permission="tracking.read">
            <TrackingReplayPage />
          </RequirePermission>
        ),
      },
      {
        path: 'tracking/stats',
        element: (
          <RequirePermission permission="tracking.read">
            <TrackingStatsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'tracking/shifts',
        element: (
          <RequirePermission permission="tracking.read">
            <TrackingShiftsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'tracking/alerts',
        element: (
          <RequirePermission permission="tracking.read">
            <TrackingAlertsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'tracking/devices',
        element: (
          <RequirePermission permission="tracking.read">
            <TrackingDevicesPage />
          </RequirePermission>
        ),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
