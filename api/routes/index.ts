// Every route module of the API, registered in this order by buildServer.
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context';
import actionRoutes from './actions';
import codecRoutes from './codec';
import contactRoutes from './contacts';
import cycleRoutes from './cycles';
import dashboardRoutes from './dashboard';
import decisionRoutes from './decisions';
import grantRoutes from './grants';
import importRoutes from './imports';
import meRoutes from './me';
import notificationRoutes from './notifications';
import productRoutes from './products';
import reportRoutes from './reports';
import scheduleRoutes from './schedules';
import taskRoutes from './tasks';
import verificationRoutes from './verification';
import webConfigRoutes from './web-config';

export type RouteModule = (app: FastifyInstance, ctx: ApiContext) => Promise<void>;

export const routes: readonly RouteModule[] = [
  webConfigRoutes,
  meRoutes,
  cycleRoutes,
  productRoutes,
  actionRoutes,
  decisionRoutes,
  importRoutes,
  reportRoutes,
  dashboardRoutes,
  taskRoutes,
  notificationRoutes,
  contactRoutes,
  scheduleRoutes,
  grantRoutes,
  codecRoutes,
  verificationRoutes,
];
