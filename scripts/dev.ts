// `npm run dev`: the dev server (with Temporal UI), a worker, the dev OpenID
// provider, the API serving the built web app, and Vite's dev server with hot
// reload, until Ctrl-C. Prints where each answers and who can sign in.
import { signInHelp } from './demo/accounts';
import { startDevEnv } from './dev-env';
import { ensureWebAppBuilt, startViteDevServer } from './web-app';

ensureWebAppBuilt()
  .then(() => startDevEnv())
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
