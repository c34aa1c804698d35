// `npm run dev`: the dev server (with Temporal UI), a worker, the dev OpenID
// provider and the API, until Ctrl-C. Prints where each answers and who can sign in.
import { signInHelp } from './demo/accounts';
import { startDevEnv } from './dev-env';

startDevEnv()
  .then(async (env) => {
    const { added, present } = env.seeded;
    console.log(`demo grants: ${added} given, ${present} already held (audited in grant_changes)`);
    console.log('');
    console.log(`API:             ${env.apiUrl}  (docs ${env.apiUrl}/docs, OpenAPI ${env.apiUrl}/openapi.json)`);
    console.log(`OpenID provider: ${env.issuer}  (audience ${env.audience})`);
    if (env.uiUrl) console.log(`Temporal UI:     ${env.uiUrl}`);
    console.log('');
    console.log(signInHelp(env.apiUrl, env.issuer));
    console.log('');
    console.log('press Ctrl-C to stop');
    await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
    await env.stop();
  })
  .catch((error: unknown) => {
    console.error(`dev: ${(error as Error).message}`);
    process.exit(1);
  });
