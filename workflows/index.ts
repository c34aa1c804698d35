// Everything the worker registers. Workflow code is bundled from this file.
export { productApplication } from './product/workflow';
