// One JSON catalogue per namespace and language. A namespace is an area of the app; adding one means a file in each
// language folder and a line here.
import enAdmin from './en/admin.json';
import enCommon from './en/common.json';
import enCycles from './en/cycles.json';
import enDashboard from './en/dashboard.json';
import enDecisions from './en/decisions.json';
import enDomain from './en/domain.json';
import enNotifications from './en/notifications.json';
import enProduct from './en/product.json';
import enProducts from './en/products.json';
import enRules from './en/rules.json';
import enTasks from './en/tasks.json';
import viAdmin from './vi/admin.json';
import viCommon from './vi/common.json';
import viCycles from './vi/cycles.json';
import viDashboard from './vi/dashboard.json';
import viDecisions from './vi/decisions.json';
import viDomain from './vi/domain.json';
import viNotifications from './vi/notifications.json';
import viProduct from './vi/product.json';
import viProducts from './vi/products.json';
import viRules from './vi/rules.json';
import viTasks from './vi/tasks.json';

export const resources = {
  vi: {
    common: viCommon,
    domain: viDomain,
    cycles: viCycles,
    dashboard: viDashboard,
    decisions: viDecisions,
    products: viProducts,
    product: viProduct,
    tasks: viTasks,
    notifications: viNotifications,
    admin: viAdmin,
    rules: viRules,
  },
  en: {
    common: enCommon,
    domain: enDomain,
    cycles: enCycles,
    dashboard: enDashboard,
    decisions: enDecisions,
    products: enProducts,
    product: enProduct,
    tasks: enTasks,
    notifications: enNotifications,
    admin: enAdmin,
    rules: enRules,
  },
} as const;

export const NAMESPACES = Object.keys(resources.vi);
