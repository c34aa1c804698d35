// The dev-only resource-owner password grant (grant_type=password), so tests and
// scripts can sign in a demo person without a browser. It issues an access token
// for the API alone, through the same token model as every other grant.
import { timingSafeEqual } from 'node:crypto';
import { errors, type ResourceServer, type TokenEndpointGrantContext } from 'oidc-provider';
import { DEMO_PASSWORD, findDemoAccount } from './demo-accounts';

export const PASSWORD_GRANT = 'password';
export const PASSWORD_GRANT_PARAMETERS = ['username', 'password', 'scope'] as const;

interface PasswordParameters {
  username?: string;
  password?: string;
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether a login and password belong to a demo person; shared with the sign-in page. */
export function checkDemoPassword(login: string, password: string): boolean {
  return findDemoAccount(login) !== undefined && samePassword(password, DEMO_PASSWORD);
}

export function passwordGrantHandler(audience: string, resourceServer: ResourceServer) {
  return async function passwordGrant(
    ctx: TokenEndpointGrantContext<PasswordParameters>,
    next?: () => Promise<void>,
  ): Promise<void> {
    const { client, params, provider } = ctx.oidc;
    const { username, password } = params;
    if (!username || !password) throw new errors.InvalidRequest('username and password are required');
    if (params.resource !== undefined && params.resource !== audience) {
      throw new errors.InvalidTarget(`the only resource is ${audience}`);
    }
    if (!checkDemoPassword(username, password)) throw new errors.InvalidGrant('wrong username or password');

    const requested = new Set((params.scope ?? '').split(' ').filter(Boolean));
    const apiScopes = resourceServer.scope.split(' ').filter((scope) => requested.size === 0 || requested.has(scope));

    const grant = new provider.Grant({ accountId: username, clientId: client.clientId });
    grant.addResourceScope(audience, apiScopes.join(' '));
    const grantId = await grant.save();

    const token = new provider.AccessToken({
      accountId: username,
      client,
      grantId,
      gty: PASSWORD_GRANT,
      scope: apiScopes.join(' ') || undefined,
      resourceServer: new provider.ResourceServer(audience, resourceServer),
    });
    ctx.oidc.entity('AccessToken', token);
    const accessToken = await token.save();

    ctx.body = {
      access_token: accessToken,
      expires_in: token.expiration,
      token_type: token.tokenType,
      scope: token.scope,
    };
    if (next) await next();
  };
}
