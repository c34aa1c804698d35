// `npm run dev`: the dev server (with Temporal UI) and a worker, until Ctrl-C.
import { startDevEnv } from './dev-env';

startDevEnv()
  .then(async (env) => {
    if (env.uiUrl) console.log(`Temporal UI: ${env.uiUrl}`);
    console.log('press Ctrl-C to stop');
    await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
    await env.stop();
  })
  .catch((error: unknown) => {
    console.error(`dev: ${(error as Error).message}`);
    process.exit(1);
  });
