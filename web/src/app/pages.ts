// The app's pages, each in its own chunk; a page the app opens on can be loaded while the person's grants are
// still being asked for (prefetch.ts).
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
