// Bundles the workflow code once, for the container image and the test run, so
// that workers start without webpack and every worker runs the same bundle.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../worker/workflow-bundle';

export async function bundleWorkflows(outFile: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    ...workflowBundleOptions(),
    logger: { info() {}, warn: console.warn, error: console.error, debug() {}, trace() {}, log() {} },
  });
  writeFileSync(outFile, code);
  return outFile;
}

if (require.main === module) {
  const out = process.argv[2] ?? path.join(__dirname, '..', 'workflow-bundle.js');
  bundleWorkflows(out).then(
    (file) => console.log(`workflows bundled into ${file}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
