import { devOptions, devServerArgs } from '../../scripts/dev-options';
import { ConfigError, loadConfig } from '../../worker/config';

describe('configuration from the environment', () => {
  it('defaults to the embedded set-up: local dev server and local PostgreSQL', () => {
    const config = loadConfig({});
    expect(config.temporal).toMatchObject({ address: 'localhost:7233', namespace: 'default', taskQueue: 'ocop' });
    expect(config.databaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/ocop');
    expect(config.notify.locale).toBe('vi');
  });

  it.each([
    ['DATABASE_URL', 'nonsense', 'DATABASE_URL: must be a URL such as postgresql://user@localhost:5432/ocop'],
    ['DATABASE_URL', 'mysql://localhost/ocop', 'DATABASE_URL: must start with postgres:// or postgresql://'],
    ['TEMPORAL_ADDRESS', 'localhost', 'TEMPORAL_ADDRESS: must be host:port, e.g. localhost:7233'],
    ['DATABASE_POOL_SIZE', 'many', 'DATABASE_POOL_SIZE:'],
    ['NOTIFY_LOCALE', 'fr', 'NOTIFY_LOCALE:'],
    ['SMTP_URL', 'http://mail', 'SMTP_URL: must be an smtp:// or smtps:// URL'],
    ['WEBHOOK_SECRET', 'short', 'WEBHOOK_SECRET: must be at least 16 characters'],
    ['SMTP_FROM', 'OCOP', 'SMTP_FROM: must be an address, e.g. OCOP <no-reply@ocop.local>'],
    ['NOTIFY_LOG', 'yes', 'NOTIFY_LOG: must be true or false'],
  ])('refuses %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('needs both halves of a TLS client certificate', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_PATH: '/etc/ocop/client.pem' })).toThrow(
      'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together',
    );
  });

  it('needs a secret to sign webhooks with', () => {
    expect(() => loadConfig({ WEBHOOK_URL: 'https://ocop.caobang.gov.vn/hooks' })).toThrow(
      'WEBHOOK_URL needs WEBHOOK_SECRET, which signs every webhook',
    );
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
    expect(devServerArgs(config, '/repo/.data', false)).toEqual(
      expect.arrayContaining(['--db-filename', '/repo/.data/temporal.sqlite']),
    );
    const fresh = devOptions(['--fresh']);
    expect(fresh).toEqual({ inMemoryTemporal: true, database: 'ocop_dev_fresh', recreateDatabase: true });
    const args = devServerArgs(config, '/repo/.data', true);
    expect(args).not.toContain('--db-filename');
    expect(args.slice(0, 6)).toEqual(['server', 'start-dev', '--ip', '127.0.0.1', '--port', '7233']);
  });

  it('refuses an option it does not know, naming it', () => {
    expect(() => devOptions(['--frsh'])).toThrow(
      'unknown option --frsh; the only one is --fresh (Temporal in memory, a new database)',
    );
  });
});
