// Everything the worker registers. Workflow code is bundled from this file.
export { scheduledCycle } from './cycle/scheduled';
export { annualCycle } from './cycle/workflow';
export { productApplication, productApplicationV2 } from './product/workflow';
export { retryNotifications } from './operations/retry-notifications';
