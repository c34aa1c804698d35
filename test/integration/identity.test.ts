// The dev OpenID provider as its own process over real HTTP, and the API's token
// verifier against it: each grant the clients use, and each way a token is refused.
import { base64url, decodeJwt, decodeProtectedHeader, importJWK, type JWK, SignJWT } from 'jose';
import { createTokenVerifier, TokenRejected } from '../../api/identity/verify';
import { DEMO_PASSWORD } from '../../api/identity/demo-accounts';
import { signedByUnknownKey, signingKey, unsigned, withBentSignature } from '../support/tokens';
import {
  approveDeviceCode,
  Browser,
  discover,
  formOf,
  passwordToken,
  type RunningIdentityProvider,
  serviceToken,
  startIdentityProvider,
  tokenRequest,
} from '../support/identity';

const AUDIENCE = 'urn:ocop:api';
const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
const issuer = process.env.OCOP_TEST_ISSUER ?? '';

async function refusal(verify: (token: string) => Promise<unknown>, token: string): Promise<string> {
  const outcome = await verify(token).then(
    () => 'accepted',
    (error: unknown) => (error instanceof TokenRejected ? error.reason : `threw ${String(error)}`),
  );
  return outcome;
}

describe('the dev OpenID provider', () => {
  const verify = createTokenVerifier({ issuer, audience: AUDIENCE });

  it('publishes its discovery document and public keys', async () => {
    expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const metadata = await discover(issuer);
    expect(metadata.issuer).toBe(issuer);
    expect(metadata).toMatchObject({ grant_types_supported: expect.arrayContaining([DEVICE_CODE, 'password']) });
    const jwks = (await (await fetch(metadata.jwks_uri)).json()) as { keys: JWK[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'EC', alg: 'ES256', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
  });

  it('gives a demo person a JWT access token for the API by password', async () => {
    const token = await passwordToken(issuer, 'be.van.duc');
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(decodeJwt(token)).toMatchObject({ aud: AUDIENCE, iss: issuer, sub: 'be.van.duc', client_id: 'ocop-cli' });
    await expect(verify(token)).resolves.toEqual({
      issuer,
      subject: 'be.van.duc',
      name: 'Bế Văn Đức',
      clientId: 'ocop-cli',
      kind: 'person',
      scopes: ['api'],
    });
  });

  it('refuses a wrong password and an unknown login', async () => {
    const form = { grant_type: 'password', client_id: 'ocop-cli' };
    const wrong = await tokenRequest(issuer, { ...form, username: 'be.van.duc', password: 'ocop-demo-2024' });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(wrong.body).not.toHaveProperty('access_token');
    const unknown = await tokenRequest(issuer, { ...form, username: 'nobody', password: 'ocop-demo-2023' });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('gives the portal a service token by client credentials, and refuses a wrong secret', async () => {
    const token = await serviceToken(issuer, 'portal-caobang', 'portal-caobang-dev-secret');
    await expect(verify(token)).resolves.toMatchObject({
      subject: 'portal-caobang',
      clientId: 'portal-caobang',
      name: null,
      kind: 'service',
    });
    await expect(serviceToken(issuer, 'portal-caobang', 'guessed')).rejects.toThrow(/401 invalid_client/);
  });

  it('runs the device flow: code, sign-in and approval at its pages, then the token', async () => {
    const { device_authorization_endpoint: endpoint } = await discover(issuer);
    const response = await fetch(endpoint, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'ocop-cli', scope: 'openid offline_access api' }),
    });
    expect(response.status).toBe(200);
    const device = (await response.json()) as { device_code: string; verification_uri_complete: string };
    const poll = () =>
      tokenRequest(issuer, { grant_type: DEVICE_CODE, client_id: 'ocop-cli', device_code: device.device_code });

    await expect(poll()).resolves.toMatchObject({ status: 400, body: { error: 'authorization_pending' } });
    const browser = new Browser();
    const autoPost = await browser.request(device.verification_uri_complete, { method: 'GET' });
    const confirm = await browser.submit(formOf(autoPost));
    expect(confirm.html).toContain('Xác nhận thiết bị');
    const signIn = await browser.submit(formOf(confirm, 'op.deviceConfirmForm'));
    expect(signIn.html).toMatch(/<label for="login">Tên đăng nhập/);

    const refused = await browser.submit(formOf(signIn), { login: 'luc.thi.mai', password: 'wrong' });
    expect(refused.status).toBe(401);
    expect(refused.html).toContain('Sai tên đăng nhập hoặc mật khẩu');
    await expect(poll()).resolves.toMatchObject({ status: 400, body: { error: 'authorization_pending' } });

    const success = await browser.submit(formOf(refused), { login: 'luc.thi.mai', password: DEMO_PASSWORD });
    expect(success.status).toBe(200);
    expect(success.html).toContain('Đăng nhập thành công');

    const granted = await poll();
    expect(granted.status).toBe(200);
    const { access_token: accessToken, refresh_token: refreshToken } = granted.body as Record<string, string>;
    const person = { issuer, subject: 'luc.thi.mai', name: 'Lục Thị Mai', clientId: 'ocop-cli', kind: 'person' };
    await expect(verify(accessToken ?? '')).resolves.toMatchObject(person);
    expect(decodeJwt(accessToken ?? '').aud).toBe(AUDIENCE);

    // The CLI keeps signed in by its refresh token; the device code itself is spent.
    const refreshed = await tokenRequest(issuer, {
      grant_type: 'refresh_token',
      client_id: 'ocop-cli',
      refresh_token: refreshToken ?? '',
    });
    expect(refreshed.status).toBe(200);
    await expect(verify(String(refreshed.body.access_token))).resolves.toMatchObject(person);
    await expect(poll()).resolves.toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});

describe('the device flow helper for other tests', () => {
  it('approves a code as a person would', async () => {
    const { device_authorization_endpoint: endpoint } = await discover(issuer);
    const response = await fetch(endpoint, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'ocop-cli', scope: 'openid api' }),
    });
    const device = (await response.json()) as { device_code: string; verification_uri_complete: string };
    const page = await approveDeviceCode(device.verification_uri_complete, 'htx.hatde');
    expect(page.html).toContain('Đăng nhập thành công');
    const granted = await tokenRequest(issuer, {
      grant_type: DEVICE_CODE,
      client_id: 'ocop-cli',
      device_code: device.device_code,
    });
    const verify = createTokenVerifier({ issuer, audience: AUDIENCE });
    await expect(verify(String(granted.body.access_token))).resolves.toMatchObject({
      subject: 'htx.hatde',
      name: 'HTX Nông nghiệp Hạt dẻ Trùng Khánh',
      kind: 'person',
    });
  });
});

describe('the token verifier refuses', () => {
  const verify = createTokenVerifier({ issuer, audience: AUDIENCE });
  let shortLived: RunningIdentityProvider;
  let shortLivedKey: JWK;

  beforeAll(async () => {
    shortLivedKey = await signingKey();
    shortLived = await startIdentityProvider({ accessTtlSeconds: 1, jwks: { keys: [shortLivedKey] } });
  });
  afterAll(() => shortLived?.stop());

  /** A token signed with the short-lived provider's own key, with the claims a test needs. */
  async function forged(claims: Record<string, unknown>, options: { exp?: number; nbf?: number } = {}) {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ client_id: 'ocop-cli', ...claims })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: shortLivedKey.kid })
      .setIssuer(shortLived.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setNotBefore(options.nbf ?? now);
    if (options.exp !== 0) jwt.setExpirationTime(options.exp ?? now + 600);
    return jwt.sign(await importJWK(shortLivedKey, 'ES256'));
  }

  it('an expired token', async () => {
    const strict = createTokenVerifier({ issuer: shortLived.issuer, audience: AUDIENCE, clockToleranceSeconds: 0 });
    const token = await passwordToken(shortLived.issuer, 'be.van.duc');
    expect((decodeJwt(token).exp ?? 0) - (decodeJwt(token).iat ?? 0)).toBe(1);
    // A one-second token expires within about two seconds; the bound is only a guard.
    const deadline = Date.now() + 10_000;
    let outcome = await refusal(strict, token);
    while (outcome === 'accepted' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      outcome = await refusal(strict, token);
    }
    expect(outcome).toBe('expired');
  });

  it('a token for another audience', async () => {
    const other = createTokenVerifier({ issuer, audience: 'urn:ocop:other-api' });
    expect(await refusal(other, await passwordToken(issuer, 'nong.thi.ha'))).toBe('wrong audience');
  });

  it('a token from another issuer', async () => {
    const token = await passwordToken(shortLived.issuer, 'nong.thi.ha');
    // Its keys are not the first provider's, so the signature is not even checked...
    expect(await refusal(verify, token)).toBe('unknown key');
    // ...and where the keys are shared, the issuer still does not match.
    const { jwks_uri: sharedKeys } = await discover(shortLived.issuer);
    const sharing = createTokenVerifier({ issuer, audience: AUDIENCE, jwksUri: sharedKeys });
    expect(await refusal(sharing, token)).toBe('wrong issuer');
  });

  it("an unsigned token (alg 'none') and a shared-secret one", async () => {
    const token = await passwordToken(issuer, 'nong.thi.ha');
    const claims = decodeJwt(token);
    expect(await refusal(verify, unsigned(token))).toBe('algorithm not allowed');
    const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32));
    expect(await refusal(verify, hs256)).toBe('algorithm not allowed');
  });

  it('a tampered payload or signature', async () => {
    const token = await passwordToken(issuer, 'be.van.duc');
    const [header = '', payload = '', signature = ''] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const promoted = base64url.encode(JSON.stringify({ ...claims, sub: 'nong.thi.ha', name: 'Nông Thị Hà' }));
    expect(await refusal(verify, `${header}.${promoted}.${signature}`)).toBe('bad signature');
    expect(await refusal(verify, withBentSignature(token))).toBe('bad signature');
  });

  it('a token signed by a key the provider does not publish', async () => {
    const token = await passwordToken(issuer, 'be.van.duc');
    expect(await refusal(verify, await signedByUnknownKey(token))).toBe('unknown key');
    // The same claims under the published key's kid: the key is known, the signature is not its.
    const rogue = await signingKey();
    const posing = await new SignJWT(decodeJwt(token))
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: decodeProtectedHeader(token).kid })
      .sign(await importJWK(rogue, 'ES256'));
    expect(await refusal(verify, posing)).toBe('bad signature');
  });

  it('a token not yet valid, one without exp or sub, and one that is no JWT', async () => {
    const forgedVerify = createTokenVerifier({ issuer: shortLived.issuer, audience: AUDIENCE });
    await expect(forgedVerify(await forged({ sub: 'be.van.duc' }))).resolves.toMatchObject({ subject: 'be.van.duc' });
    const later = Math.floor(Date.now() / 1000) + 3600;
    expect(await refusal(forgedVerify, await forged({ sub: 'be.van.duc' }, { nbf: later }))).toBe('not yet valid');
    expect(await refusal(forgedVerify, await forged({ sub: 'be.van.duc' }, { exp: 0 }))).toBe('malformed');
    expect(await refusal(forgedVerify, await forged({}))).toBe('malformed');
    expect(await refusal(forgedVerify, 'not-a-token')).toBe('malformed');
  });

  it('to be configured loosely', () => {
    expect(() => createTokenVerifier({ issuer, audience: AUDIENCE, algorithms: ['none'] })).toThrow(/none/);
    expect(() => createTokenVerifier({ issuer, audience: AUDIENCE, algorithms: ['ES256', 'HS256'] })).toThrow(/HS256/);
    expect(() => createTokenVerifier({ issuer, audience: AUDIENCE, clockToleranceSeconds: 301 })).toThrow(/300/);
  });
});
