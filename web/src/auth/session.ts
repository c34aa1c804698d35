// Sign-in is the authorization code flow with PKCE against the province's OpenID provider (oidc-client-ts does the
// protocol). The access token names the API as its audience (a resource indicator), so the API can check it alone.
// Tokens stay in this tab's session storage: closing the tab signs out of the app, not of the provider.
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { WebConfig } from './web-config';

export const CALLBACK_PATH = '/auth/callback';
const RETURN_TO = 'ocop.returnTo';

export function createUserManager(config: WebConfig): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: config.scope,
    extraQueryParams: { resource: config.audience },
    extraTokenParams: { resource: config.audience },
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: true,
    // The provider answers for one province; its user info adds nothing the access token and /v1/me do not say.
    loadUserInfo: false,
  });
}

export async function signIn(manager: UserManager): Promise<void> {
  sessionStorage.setItem(RETURN_TO, window.location.pathname + window.location.search);
  await manager.signinRedirect();
}

const completions = new WeakMap<UserManager, Promise<{ user: User; returnTo: string }>>();

/**
 * Completes the redirect back from the provider and says where the person was going. A code is good for one
 * exchange, so a second call (React runs effects twice in development) gets the first call's answer.
 */
export function completeSignIn(manager: UserManager): Promise<{ user: User; returnTo: string }> {
  const pending = completions.get(manager);
  if (pending) return pending;
  const completion = manager.signinRedirectCallback().then((user) => {
    const returnTo = sessionStorage.getItem(RETURN_TO) ?? '/';
    sessionStorage.removeItem(RETURN_TO);
    return { user, returnTo: returnTo.startsWith(CALLBACK_PATH) ? '/' : returnTo };
  });
  completions.set(manager, completion);
  return completion;
}

export async function signOut(manager: UserManager): Promise<void> {
  await manager.signoutRedirect();
}
