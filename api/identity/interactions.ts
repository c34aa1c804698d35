// The provider's interaction pages: the sign-in form for the authorization code
// flow and the device flow, and consent, which the dev provider gives by itself
// because every client here is first-party.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { checkDemoPassword } from './password-grant';
import { errorPage, loginPage, pageCsp } from './pages';

/** A sign-in form is a login and a password; anything larger is not one. */
const MAX_FORM_BYTES = 4096;

export const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login)?$/;

/** `returnsTo`: where the page's form ends up once the provider is done, the client's redirect URI. */
function send(res: ServerResponse, status: number, html: string, returnsTo?: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': pageCsp(returnsTo),
  });
  res.end(html);
}

function redirectUriOf(params: Record<string, unknown>): string | undefined {
  return typeof params.redirect_uri === 'string' ? params.redirect_uri : undefined;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error(`the form is larger than ${MAX_FORM_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function clientName(provider: Provider, clientId: unknown): Promise<string> {
  const client = typeof clientId === 'string' ? await provider.Client.find(clientId) : undefined;
  return client?.clientName ?? client?.clientId ?? 'OCOP';
}

async function showPrompt(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);
  const { prompt, params, session, uid } = interaction;
  if (prompt.name === 'login') {
    const name = await clientName(provider, params.client_id);
    send(res, 200, loginPage({ action: `/interaction/${uid}/login`, clientName: name }), redirectUriOf(params));
    return;
  }
  if (prompt.name !== 'consent' || !session) {
    send(res, 400, errorPage('interaction_required', `unsupported prompt ${prompt.name}`));
    return;
  }
  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: String(params.client_id) });
  if (!grant) {
    send(res, 400, errorPage('invalid_request', 'the grant of this sign-in has expired'));
    return;
  }
  const details = prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

async function submitLogin(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);
  if (interaction.prompt.name !== 'login') {
    send(res, 400, errorPage('invalid_request', 'this sign-in is not waiting for a login'));
    return;
  }
  const form = await readForm(req);
  const login = (form.get('login') ?? '').trim().slice(0, 100);
  const password = form.get('password') ?? '';
  if (!checkDemoPassword(login, password)) {
    const name = await clientName(provider, interaction.params.client_id);
    send(
      res,
      401,
      loginPage({ action: `/interaction/${interaction.uid}/login`, clientName: name, login, failed: true }),
      redirectUriOf(interaction.params),
    );
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
}

/** Serves /interaction/<uid> (GET) and /interaction/<uid>/login (POST). */
export async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  isLogin: boolean,
): Promise<void> {
  try {
    if (!isLogin && req.method === 'GET') await showPrompt(provider, req, res);
    else if (isLogin && req.method === 'POST') await submitLogin(provider, req, res);
    else send(res, 405, errorPage('method_not_allowed', `${req.method ?? ''} is not allowed here`));
  } catch (error) {
    // Expired or unknown interactions and cookies end here; their messages hold no secrets.
    const message = error instanceof Error ? error.message : 'the sign-in could not continue';
    if (!res.headersSent) send(res, 400, errorPage('invalid_request', message));
  }
}
