// The app's pages, each in its own chunk. The page the app opens on is loaded while the app still asks who is
// signed in, so React renders it in one pass once the answer is there.
import { lazyPage } from './lazy-page';

export const PAGES = {
  cycles: lazyPage(() => import('../pages/cycles/CyclesPage')),
  dashboard: lazyPage(() => import('../pages/dashboard/DashboardPage')),
  products: lazyPage(() => import('../pages/products/ProductsPage')),
  product: lazyPage(() => import('../pages/product/ProductPage')),
  tasks: lazyPage(() => import('../pages/tasks/TasksPage')),
  notifications: lazyPage(() => import('../pages/notifications/NotificationsPage')),
  admin: lazyPage(() => import('../pages/admin/AdminPage')),
};

const ROUTES: readonly [RegExp, keyof typeof PAGES][] = [
  [/^\/cycles\/[^/]+$/, 'dashboard'],
  [/^\/cycles$/, 'cycles'],
  [/^\/products\/[^/]+$/, 'product'],
  [/^\/products$/, 'products'],
  [/^\/tasks$/, 'tasks'],
  [/^\/notifications$/, 'notifications'],
  [/^\/admin$/, 'admin'],
];

/** Starts loading the code of the page at `pathname`, if it is one of the app's own. */
export function preloadPageFor(pathname: string): void {
  const page = ROUTES.find(([route]) => route.test(pathname))?.[1];
  if (page) void PAGES[page].preload();
}
