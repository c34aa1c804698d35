// Signing in and out: `ocop login` gets a token at the OpenID provider the API
// trusts, with the device authorization grant (RFC 8628), or for the dev
// provider's demo accounts with the password grant, the password read from stdin.
import type { Command } from 'commander';
import * as oidc from 'openid-client';
import { ApiClient, type Me } from '../../api-client';
import { credentialsFile, removeCredentials, writeCredentials } from '../credentials';
import { CliError, EXIT, invalid } from '../errors';
import { formatGrants } from '../format';
import {
  apiUrl,
  connect,
  credentialsOf,
  provider,
  type Provider,
  providerConfig,
  providerError,
  SCOPE,
} from '../session';
import { print } from './shared';

type Tokens = oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;

interface LoginOptions {
  issuer?: string;
  user?: string;
  passwordStdin?: boolean;
  json?: boolean;
}

const MAX_PASSWORD_BYTES = 1024;

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_PASSWORD_BYTES) throw invalid(`--password-stdin: at most ${MAX_PASSWORD_BYTES} bytes`);
    chunks.push(buffer);
  }
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!password) throw invalid('--password-stdin: stdin held no password');
  return password;
}

async function passwordGrant(config: oidc.Configuration, p: Provider, user: string): Promise<Tokens> {
  const password = await readPassword();
  try {
    return await oidc.genericGrantRequest(config, 'password', {
      username: user,
      password,
      scope: SCOPE,
      resource: p.audience,
    });
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant') {
      throw new CliError(EXIT.notSignedIn, `not signed in: the provider refused the login or password of ${user}`);
    }
    throw providerError(error, p.issuer);
  }
}

/** Shows the code, then polls as the provider asks: its interval, longer on slow_down, until expired_token. */
async function deviceGrant(config: oidc.Configuration, p: Provider): Promise<Tokens> {
  let device: Awaited<ReturnType<typeof oidc.initiateDeviceAuthorization>>;
  try {
    device = await oidc.initiateDeviceAuthorization(config, { scope: SCOPE, resource: p.audience });
  } catch (error) {
    throw providerError(error, p.issuer);
  }
  process.stderr.write(
    [
      `To sign in, open ${device.verification_uri} and enter the code ${device.user_code}`,
      ...(device.verification_uri_complete ? [`or open ${device.verification_uri_complete}`] : []),
      `Waiting for you to approve (the code expires in ${Math.round(device.expires_in / 60)} min)...`,
      '',
    ].join('\n'),
  );
  try {
    return await oidc.pollDeviceAuthorizationGrant(config, device, { resource: p.audience });
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError && error.error === 'expired_token') {
      throw new CliError(
        EXIT.notSignedIn,
        'not signed in: the code expired before it was approved; run ocop login again',
      );
    }
    if (error instanceof oidc.ResponseBodyError && error.error === 'access_denied') {
      throw new CliError(EXIT.refused, 'not signed in: the sign-in was denied at the provider');
    }
    throw providerError(error, p.issuer);
  }
}

/** Who the API says the token is; a sign-in still counts if the API cannot say so now. */
async function whoTheApiSays(token: string): Promise<Me | null> {
  try {
    return await new ApiClient({ baseUrl: apiUrl(), token: () => token }).me();
  } catch {
    return null;
  }
}

export function registerAuthCommands(ocop: Command): void {
  ocop
    .command('login')
    .description('sign in at the OpenID provider the API trusts, and keep the token for later commands')
    .option('--issuer <url>', 'the provider; default OCOP_ISSUER, else the issuer the API names at /healthz')
    .option('--user <login>', "with --password-stdin: a dev provider's demo account, e.g. nong.thi.ha")
    .option('--password-stdin', "read --user's password from stdin (never give a password on the command line)")
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      [
        '',
        'Without --user, ocop prints a link and a code: open the link in any browser, sign in and enter the code.',
        'The token is kept in $XDG_CONFIG_HOME/ocop/credentials.json (default ~/.config/ocop), mode 0600.',
        'OCOP_TOKEN, when set, is used instead of that file.',
        '',
        'Examples:',
        '  ocop login',
        '  printf \'%s\' "$PASSWORD" | ocop login --user nong.thi.ha --password-stdin',
      ].join('\n'),
    )
    .action(async (opts: LoginOptions) => {
      if (opts.user && !opts.passwordStdin) {
        throw invalid('--password-stdin: is required with --user; ocop never takes a password on the command line');
      }
      if (opts.passwordStdin && !opts.user) throw invalid('--user: is required with --password-stdin');
      const p = await provider(opts.issuer);
      const config = await providerConfig(p.issuer, p.clientId);
      const tokens = opts.user ? await passwordGrant(config, p, opts.user) : await deviceGrant(config, p);
      const credentials = credentialsOf(tokens, p.issuer, p.clientId, p.audience);
      const file = writeCredentials(credentials);
      const me = await whoTheApiSays(credentials.accessToken);
      const subject = me?.principal.subject ?? credentials.subject ?? 'unknown';
      const name = me?.principal.name ?? credentials.name ?? null;
      print(
        Boolean(opts.json),
        { issuer: p.issuer, issuerFrom: p.source, subject, name, expiresAt: credentials.expiresAt ?? null, file },
        () =>
          [
            `Signed in as ${name ? `${name} (${subject})` : subject} at ${p.issuer} (from ${p.source})`,
            `Token kept in ${file}${credentials.expiresAt ? `, valid until ${credentials.expiresAt}` : ''}`,
            ...(me ? ['', formatGrants(me.grants)] : []),
          ].join('\n'),
      );
    });

  ocop
    .command('logout')
    .description('forget the token ocop login kept')
    .action(() => {
      const file = credentialsFile();
      process.stdout.write(removeCredentials() ? `Signed out: removed ${file}\n` : `Not signed in: no ${file}\n`);
    });

  ocop
    .command('whoami')
    .description('who the API takes you for, and your grants')
    .option('--json', 'print one JSON object')
    .action(async (opts: { json?: boolean }) => {
      const me = await connect().me();
      const { name, subject, issuer, kind } = me.principal;
      print(Boolean(opts.json), me, () =>
        [`${name ? `${name} (${subject})` : subject}, ${kind}, at ${issuer}`, '', formatGrants(me.grants)].join('\n'),
      );
    });
}
