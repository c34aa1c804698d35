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
  ])('refuses %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('needs both halves of a TLS client certificate', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_PATH: '/etc/ocop/client.pem' })).toThrow(
      'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together',
    );
  });
});
