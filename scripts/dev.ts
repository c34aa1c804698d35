// `npm run dev`: the dev server (with Temporal UI), a worker, the dev OpenID
// provider, the API serving the built web app, and Vite's dev server with hot
// reload, until Ctrl-C. Prints where each answers and who can sign in.
// `npm run dev -- --fresh` starts from nothing: Temporal in memory and a
// database of its own made anew, so a second rehearsal finds no cycle of the first.
import { loadConfig } from '../worker/config';
import { signInHelp } from './demo/accounts';
import { refuseServerForFresh, startDevEnv } from './dev-env';
import { devOptions } from './dev-options';
import { ensureWebAppBuilt, startViteDevServer } from './web-app';

async function prepare() {
  const options = devOptions(process.argv.slice(2));
  // Before the web app's build: a fresh run that cannot have its own server says so at once.
  if (options.inMemoryTemporal) await refuseServerForFresh(loadConfig(process.env).temporal.address);
  await ensureWebAppBuilt();
  return options;
}

prepare()
  .then((options) => startDevEnv(console.log, options))
  .then(async (env) => {
    const vite = await startViteDevServer(env.apiUrl);
    const { added, present } = env.seeded;
    console.log(`demo grants: ${added} given, ${present} already held (audited in grant_changes)`);
    console.log('');
    console.log(`Web app:         ${env.apiUrl}/  (hot reload while you edit web/: ${vite.url}/)`);
    console.log(`API:             ${env.apiUrl}  (docs ${env.apiUrl}/docs, OpenAPI ${env.apiUrl}/openapi.json)`);
    console.log(`OpenID provider: ${env.issuer}  (audience ${env.audience})`);
    if (env.uiUrl) console.log(`Temporal UI:     ${env.uiUrl}`);
    console.log('');
    console.log(signInHelp(env.apiUrl, env.issuer));
    console.log('');
    console.log('press Ctrl-C to stop');
    await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
    await vite.stop();
    await env.stop();
  })
  .catch((error: unknown) => {
    console.error(`dev: ${(error as Error).message}`);
    process.exit(1);
  });
