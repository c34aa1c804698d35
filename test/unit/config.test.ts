import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { devOptions, devServerOptions } from '../../scripts/dev-options';
import { devServerArgs } from '../../scripts/stack/temporal';
import { ConfigError, loadConfig } from '../../worker/config';
import { temporalConnectionOptions } from '../../worker/connections';

describe('configuration from the environment', () => {
  it('defaults to the embedded set-up: local dev server and local PostgreSQL', () => {
    const config = loadConfig({});
    expect(config.temporal).toMatchObject({ address: 'localhost:7233', namespace: 'default', taskQueue: 'ocop' });
    expect(config.databaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/ocop');
    expect(config.notify.locale).toBe('vi');
  });

  // The message is zod's: each rule on a line, the variable it is at on the next.
  it.each([
    ['DATABASE_URL', 'nonsense', 'must be a URL such as postgresql://user@localhost:5432/ocop'],
    ['DATABASE_URL', 'mysql://localhost/ocop', 'must start with postgres:// or postgresql://'],
    ['TEMPORAL_ADDRESS', 'localhost', 'must be host:port, e.g. localhost:7233'],
    ['DATABASE_POOL_SIZE', 'many', 'expected number, received NaN'],
    ['NOTIFY_LOCALE', 'fr', 'expected one of "vi"|"en"'],
    ['SMTP_URL', 'http://mail', 'must be an smtp:// or smtps:// URL'],
    ['WEBHOOK_SECRET', 'short', 'must be at least 16 characters'],
    ['SMTP_FROM', 'OCOP', 'must be an address, e.g. OCOP <no-reply@ocop.local>'],
    ['NOTIFY_LOG', 'yes', 'must be true or false'],
    ['TEMPORAL_TLS_CERT_PATH', '/etc/ocop/client.pem', "is now TEMPORAL_TLS_CLIENT_CERT_PATH, the Temporal CLI's name"],
  ])('refuses %s=%s naming the variable', (name, value, rule) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(`${rule}\n  → at ${name}`);
  });

  it('needs both halves of a TLS client certificate', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CLIENT_CERT_PATH: '/etc/ocop/client.pem' })).toThrow(
      'must be set with TEMPORAL_TLS_CLIENT_CERT_PATH\n  → at TEMPORAL_TLS_CLIENT_KEY_PATH',
    );
  });

  it('needs a secret to sign webhooks with', () => {
    expect(() => loadConfig({ WEBHOOK_URL: 'https://ocop.caobang.gov.vn/hooks' })).toThrow(
      'must be set with WEBHOOK_URL: it signs every webhook\n  → at WEBHOOK_SECRET',
    );
  });

  describe("the Temporal CLI's profiles", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ocop-config-'));
    const file = path.join(dir, 'temporal.toml');
    writeFileSync(path.join(dir, 'client.pem'), 'certificate');
    writeFileSync(path.join(dir, 'client.key'), 'key');
    writeFileSync(
      file,
      [
        '[profile.caobang]',
        'address = "temporal.caobang.gov.vn:7233"',
        'namespace = "ocop-caobang"',
        '[profile.caobang.tls]',
        `client_cert_path = "${path.join(dir, 'client.pem')}"`,
        `client_key_path = "${path.join(dir, 'client.key')}"`,
      ].join('\n'),
    );
    const env = { TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'caobang' };

    it('connects with mTLS as the profile TEMPORAL_PROFILE names says', () => {
      const config = loadConfig(env);
      expect(config.temporal).toMatchObject({ address: 'temporal.caobang.gov.vn:7233', namespace: 'ocop-caobang' });
      expect(temporalConnectionOptions(config)).toMatchObject({
        address: 'temporal.caobang.gov.vn:7233',
        tls: { clientCertPair: { crt: new TextEncoder().encode('certificate'), key: new TextEncoder().encode('key') } },
      });
    });

    it('lets the variables override the profile', () => {
      expect(loadConfig({ ...env, TEMPORAL_NAMESPACE: 'ocop-test' }).temporal.namespace).toBe('ocop-test');
    });

    it("checks the profile's address like the variable's", () => {
      writeFileSync(path.join(dir, 'bad.toml'), '[profile.default]\naddress = "temporal.caobang.gov.vn"');
      expect(() => loadConfig({ TEMPORAL_CONFIG_FILE: path.join(dir, 'bad.toml') })).toThrow(
        'must be host:port, e.g. localhost:7233\n  → at TEMPORAL_ADDRESS',
      );
    });

    it('refuses a profile the file does not have, naming it', () => {
      expect(() => loadConfig({ ...env, TEMPORAL_PROFILE: 'hanoi' })).toThrow("Profile 'hanoi' not found");
    });

    it('plain TCP with neither a profile nor TLS settings, TLS with an API key', () => {
      expect(temporalConnectionOptions(loadConfig({})).tls).toBeUndefined();
      expect(temporalConnectionOptions(loadConfig({ TEMPORAL_API_KEY: 'key' }))).toMatchObject({
        apiKey: 'key',
        tls: true,
      });
    });
  });

  it('logs notifications in development, and only when asked once a real channel is set', () => {
    expect(loadConfig({}).notify.logChannel).toBe(true);
    expect(loadConfig({ SMTP_URL: 'smtp://mail.caobang.gov.vn:587' }).notify).toMatchObject({
      smtpUrl: 'smtp://mail.caobang.gov.vn:587',
      smtpFrom: undefined,
      logChannel: false,
    });
    expect(loadConfig({ SMTP_URL: 'smtp://mail:25', NOTIFY_LOG: 'true' }).notify.logChannel).toBe(true);
    expect(loadConfig({ NOTIFY_LOG: 'false' }).notify.logChannel).toBe(false);
    expect(loadConfig({ SMTP_FROM: 'Văn phòng OCOP Cao Bằng <ocop@caobang.gov.vn>' }).notify.smtpFrom).toBe(
      'Văn phòng OCOP Cao Bằng <ocop@caobang.gov.vn>',
    );
  });
});

describe('npm run dev -- --fresh', () => {
  const config = loadConfig({});

  it('keeps the dev server in .data/temporal.sqlite by default, and in memory with --fresh on a database made anew', () => {
    expect(devOptions([])).toEqual({});
    expect(devServerArgs(devServerOptions(config, '/repo/.data', false))).toEqual(
      expect.arrayContaining(['--db-filename', '/repo/.data/temporal.sqlite']),
    );
    const fresh = devOptions(['--fresh']);
    expect(fresh).toEqual({ inMemoryTemporal: true, database: 'ocop_dev_fresh', recreateDatabase: true });
    const args = devServerArgs(devServerOptions(config, '/repo/.data', true));
    expect(args).not.toContain('--db-filename');
    expect(args.slice(0, 6)).toEqual(['server', 'start-dev', '--ip', '127.0.0.1', '--port', '7233']);
  });

  it('refuses an option it does not know, naming it', () => {
    expect(() => devOptions(['--frsh'])).toThrow(
      'unknown option --frsh; the only one is --fresh (Temporal in memory, a new database)',
    );
  });
});
