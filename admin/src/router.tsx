import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import type { Permission } from '@contract/org';
import { Guard } from './layout/Guard';
import { PageLoading } from './layout/PageLoading';
import { RouteError } from './layout/RouteError';

// Screens are loaded when first visited, so the editor and the charts do not slow the login page; the
// login page and the app's frame (navigation, bell, tasks) are loaded the same way, so a first visit
// loads only the frame of providers and the screen it asked for.
const screen = (load: () => Promise<{ default: ComponentType }>, permission?: Permission) => async () => {
  const { default: Page } = await load();
  return {
    Component: permission
      ? () => (
          <Guard permission={permission}>
            <Page />
          </Guard>
        )
      : Page,
  };
};

export const router = createBrowserRouter(
  [
    {
      path: '/login',
      lazy: async () => ({ Component: (await import('./features/auth/LoginPage')).default }),
      HydrateFallback: PageLoading,
      ErrorBoundary: RouteError,
    },
    {
      path: '/',
      lazy: async () => ({ Component: (await import('./layout/AppFrame')).default }),
      HydrateFallback: PageLoading,
      ErrorBoundary: RouteError,
      // Each screen catches its own failure, so the navigation stays usable around it.
      children: [
        { index: true, lazy: screen(() => import('./features/dashboard/DashboardPage')) },
        { path: 'articles', lazy: screen(() => import('./features/articles/ArticleListPage'), 'article.read') },
        { path: 'articles/new', lazy: screen(() => import('./features/articles/ArticleEditorPage'), 'article.write') },
        { path: 'articles/:id', lazy: screen(() => import('./features/articles/ArticleEditorPage'), 'article.read') },
        {
          path: 'articles/:id/correction',
          lazy: screen(() => import('./features/articles/CorrectionPage'), 'article.write'),
        },
        { path: 'articles/:id/review', lazy: screen(() => import('./features/review/ReviewPage'), 'article.read') },
        { path: 'tasks', lazy: screen(() => import('./features/review/TasksPage')) },
        { path: 'submissions', lazy: screen(() => import('./features/review/SubmissionsPage'), 'submission.read') },
        { path: 'intake', lazy: screen(() => import('./features/intake/IntakePage'), 'submission.write') },
        { path: 'review/chains', lazy: screen(() => import('./features/review/ChainsPage'), 'review.chain.write') },
        { path: 'review/checks', lazy: screen(() => import('./features/review/CheckSettingsPage'), 'checks.write') },
        { path: 'guarantee', lazy: screen(() => import('./features/guarantee/GuaranteePage'), 'guarantee.read') },
        { path: 'guarantee/reports', lazy: screen(() => import('./features/guarantee/ReportsPage'), 'guarantee.read') },
        {
          path: 'guarantee/settings',
          lazy: screen(() => import('./features/guarantee/GuaranteeSettingsPage'), 'guarantee.write'),
        },
        { path: 'foi', lazy: screen(() => import('./features/foi/FoiPage'), 'foi.report') },
        { path: 'foi/:id', lazy: screen(() => import('./features/foi/FoiDetailPage'), 'foi.read') },
        { path: 'columns', lazy: screen(() => import('./features/columns/ColumnsPage'), 'column.read') },
        { path: 'units', lazy: screen(() => import('./features/units/UnitsPage'), 'unit.read') },
        { path: 'personnel', lazy: screen(() => import('./features/personnel/PersonnelPage'), 'personnel.read') },
        { path: 'accounts', lazy: screen(() => import('./features/accounts/AccountsPage'), 'account.read') },
        {
          path: 'accounts/two-factor',
          lazy: screen(() => import('./features/two-factor/TwoFactorPolicyPage'), 'account.read'),
        },
        { path: 'sites', lazy: screen(() => import('./features/sites/SitesPage'), 'site.read') },
        { path: 'sites/home', lazy: screen(() => import('./features/sites/HomePartsPage'), 'site.write') },
        {
          path: 'search/settings',
          lazy: screen(() => import('./features/sites/SearchSettingsPage'), 'site.write'),
        },
        { path: 'imports', lazy: screen(() => import('./features/imports/ImportsPage'), 'import.run') },
        { path: 'audit', lazy: screen(() => import('./features/audit/AuditPage'), 'audit.read') },
        { path: 'crawl', lazy: screen(() => import('./features/crawl/CrawlSourcesPage'), 'crawl.read') },
        {
          path: 'consultations',
          lazy: screen(() => import('./features/consult/ConsultationsPage'), 'consult.read'),
        },
        { path: 'interviews', lazy: screen(() => import('./features/consult/InterviewsPage'), 'interview.host') },
        {
          path: 'interviews/:id',
          lazy: screen(() => import('./features/consult/InterviewConsolePage'), 'interview.host'),
        },
        { path: 'letters', lazy: screen(() => import('./features/interaction/LettersPage'), 'letter.read') },
        {
          path: 'letters/:id',
          lazy: screen(() => import('./features/interaction/LetterDetailPage'), 'letter.read'),
        },
        { path: 'profile', lazy: screen(() => import('./features/auth/ProfilePage')) },
        { path: '*', lazy: screen(() => import('./layout/NotFoundPage')) },
      ].map((route) => ({ ...route, ErrorBoundary: RouteError })),
    },
  ],
  { basename: '/admin' },
);
