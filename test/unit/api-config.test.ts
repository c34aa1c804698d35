// The API's configuration for the web app: the client it signs in as, where
// its build is, and where Temporal UI is, checked at start-up like the rest.
import path from 'node:path';
import { loadApiConfig } from '../../api/config';
import { ConfigError } from '../../worker/config';

const BASE = { OCOP_OIDC_ISSUER: 'http://127.0.0.1:8470' };

describe("the API's configuration for the web app", () => {
  it('defaults to the ocop-web client, the repository’s web/dist and no Temporal UI', () => {
    const config = loadApiConfig(BASE);
    expect(config.webClientId).toBe('ocop-web');
    expect(config.webDist).toBe(path.resolve(__dirname, '..', '..', 'web', 'dist'));
    expect(config.temporalUiUrl).toBeUndefined();
  });

  it('takes each from the environment, a relative build folder from the working directory', () => {
    const config = loadApiConfig({
      ...BASE,
      OCOP_WEB_CLIENT_ID: 'ocop-web-caobang',
      OCOP_WEB_DIST: 'build/web',
      OCOP_TEMPORAL_UI_URL: 'https://temporal.caobang.gov.vn/',
    });
    expect(config).toMatchObject({
      webClientId: 'ocop-web-caobang',
      webDist: path.resolve('build/web'),
      temporalUiUrl: 'https://temporal.caobang.gov.vn',
    });
  });

  it.each([
    ['OCOP_TEMPORAL_UI_URL', 'temporal:8233', 'must be the http(s) URL of Temporal UI, e.g. http://localhost:8233'],
    ['OCOP_WEB_CLIENT_ID', 'ocop web', 'must be an OAuth client id: 1 to 255 visible ASCII characters'],
  ])('refuses %s=%s naming the variable', (name, value, rule) => {
    expect(() => loadApiConfig({ ...BASE, [name]: value })).toThrow(ConfigError);
    expect(() => loadApiConfig({ ...BASE, [name]: value })).toThrow(`${rule}\n  → at ${name}`);
  });
});
