// What the workflow bundle is made of, for the worker that bundles at start and
// for the bundles built ahead (the image's, the tests', the benchmark's).
import path from 'node:path';

/** `workflowsPath`: the directory's index, as require.resolve gives it. */
export function workflowBundleOptions(workflowsPath = require.resolve('../workflows')) {
  // See workflows/shared.ts: the modules each workflow would otherwise evaluate for itself.
  return { workflowsPath, preloadModules: [path.join(path.dirname(workflowsPath), 'shared')] };
}
