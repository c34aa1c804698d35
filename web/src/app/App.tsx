// The app's pages. Each page is its own chunk, loaded when first opened, so the first page a person sees carries
// only its own code (the charts library only comes with the dashboard).
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { HomePage } from './HomePage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { PAGES } from './pages';
import { prefetchForRoute } from './prefetch';
import { SignInPage } from './SignInPage';

const CyclesPage = PAGES.cycles.Page;
const DashboardPage = PAGES.dashboard.Page;
const ProductsPage = PAGES.products.Page;
const ProductPage = PAGES.product.Page;
const TasksPage = PAGES.tasks.Page;
const NotificationsPage = PAGES.notifications.Page;
const AdminPage = PAGES.admin.Page;

export function App() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const grants = session.me?.grants;
  useEffect(() => {
    // Only the page the app opened on: later pages start their own requests as they render.
    if (grants) prefetchForRoute(queryClient, window.location.pathname, grants);
  }, [grants, queryClient]);
  if (session.completing) return <p role="status">{t('session.signingIn')}</p>;
  if (!session.user) return <SignInPage error={session.error} />;
  if (!session.me) return session.error ? <SignInPage error={session.error} /> : <Loading />;
  return (
    <Layout>
      {session.me.grants.length === 0 ? <ProblemAlert error={new Error(t('session.noGrants'))} /> : null}
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/auth/callback" element={<Loading />} />
          <Route path="/cycles" element={<CyclesPage />} />
          <Route path="/cycles/:cycleId" element={<DashboardPage />} />
          <Route path="/products" element={<ProductsPage />} />
          <Route path="/products/:productId" element={<ProductPage />} />
          <Route path="/tasks" element={<TasksPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="/admin" element={<AdminPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
