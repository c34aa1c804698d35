import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { ConfigError, loadConfig } from '../../worker/config';
import { DEVELOPMENT_KEYS, ENCRYPTED_ENCODING, EncryptionCodec, type PayloadKeys } from '../../worker/payload-codec';

const key = () => randomBytes(32);
const keysOf = (currentId: string, entries: [string, Buffer][]): PayloadKeys => ({
  currentId,
  keys: new Map(entries),
});
const SUBJECT = { name: 'Hộ kinh doanh Nguyễn Thị Hoa', email: 'hoa@example.vn', phone: '0912345678' };
const text = (payload: Payload) => Buffer.from(payload.data ?? []).toString('latin1');

describe('the payload codec', () => {
  const k1 = key();
  const k2 = key();

  it('seals a payload under the current key id and opens it back as it was', async () => {
    const codec = new EncryptionCodec(keysOf('k1', [['k1', k1]]));
    const plain = defaultPayloadConverter.toPayload(SUBJECT);
    const [sealed] = await codec.encode([plain]);
    expect(Buffer.from(sealed?.metadata?.encoding ?? []).toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(sealed?.metadata?.['encryption-key-id'] ?? []).toString()).toBe('k1');
    for (const value of Object.values(SUBJECT)) expect(text(sealed ?? {})).not.toContain(value);
    const [opened] = await codec.decode([sealed ?? {}]);
    expect(defaultPayloadConverter.fromPayload(opened ?? {})).toEqual(SUBJECT);
  });

  it('opens a payload sealed with an old key after the current key changed', async () => {
    const [old] = await new EncryptionCodec(keysOf('k1', [['k1', k1]])).encode([
      defaultPayloadConverter.toPayload(SUBJECT),
    ]);
    const rotated = new EncryptionCodec(
      keysOf('k2', [
        ['k2', k2],
        ['k1', k1],
      ]),
    );
    const [fresh] = await rotated.encode([defaultPayloadConverter.toPayload(SUBJECT)]);
    expect(Buffer.from(fresh?.metadata?.['encryption-key-id'] ?? []).toString()).toBe('k2');
    const opened = await rotated.decode([old ?? {}, fresh ?? {}]);
    expect(opened.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([SUBJECT, SUBJECT]);
  });

  it('passes payloads it did not seal through untouched, as histories recorded before it hold', async () => {
    const plain = defaultPayloadConverter.toPayload(SUBJECT);
    expect(await new EncryptionCodec(DEVELOPMENT_KEYS).decode([plain])).toEqual([plain]);
  });

  it('refuses a payload whose bytes or key id were altered', async () => {
    const codec = new EncryptionCodec(
      keysOf('k1', [
        ['k1', k1],
        ['k2', k2],
      ]),
    );
    const [sealed = {}] = await codec.encode([defaultPayloadConverter.toPayload(SUBJECT)]);
    const data = Buffer.from(sealed.data ?? []);
    data[20] = (data[20] ?? 0) ^ 1;
    await expect(codec.decode([{ ...sealed, data }])).rejects.toThrow(
      'an encrypted payload of key "k1" failed authentication: altered, or another key',
    );
    const relabelled = { ...sealed, metadata: { ...sealed.metadata, 'encryption-key-id': Buffer.from('k2') } };
    await expect(codec.decode([relabelled])).rejects.toThrow('of key "k2" failed authentication');
  });

  it('refuses a payload of a key it does not hold, naming the key and where to add it', async () => {
    const [sealed = {}] = await new EncryptionCodec(keysOf('gone', [['gone', k1]])).encode([
      defaultPayloadConverter.toPayload(SUBJECT),
    ]);
    await expect(new EncryptionCodec(keysOf('k2', [['k2', k2]])).decode([sealed])).rejects.toThrow(
      'a payload is encrypted with key "gone", which is not configured: add it to OCOP_PAYLOAD_KEYS',
    );
  });
});

describe('payload keys from the environment', () => {
  const b64 = (k: Buffer) => k.toString('base64');
  const k1 = key();
  const k2 = key();

  it('encrypts with the current id and keeps every listed key for decoding', () => {
    const config = loadConfig({
      OCOP_PAYLOAD_KEYS: `2026a:${b64(k1)}, 2026b:${b64(k2)}`,
      OCOP_PAYLOAD_KEY_ID: '2026b',
    });
    expect(config.payloadKeys?.currentId).toBe('2026b');
    expect([...(config.payloadKeys?.keys.keys() ?? [])]).toEqual(['2026a', '2026b']);
  });

  it('uses the development key outside production when none is configured, and none when turned off', () => {
    expect(loadConfig({}).payloadKeys).toBe(DEVELOPMENT_KEYS);
    expect(loadConfig({ OCOP_PAYLOAD_ENCRYPTION: 'off' }).payloadKeys).toBeNull();
    expect(loadConfig({ NODE_ENV: 'production', OCOP_PAYLOAD_ENCRYPTION: 'off' }).payloadKeys).toBeNull();
  });

  it.each([
    [
      { OCOP_PAYLOAD_KEYS: `k1:${b64(randomBytes(16))}`, OCOP_PAYLOAD_KEY_ID: 'k1' },
      'OCOP_PAYLOAD_KEYS',
      'key "k1" must be 32 bytes in base64',
    ],
    [{ OCOP_PAYLOAD_KEYS: b64(k1), OCOP_PAYLOAD_KEY_ID: 'k1' }, 'OCOP_PAYLOAD_KEYS', 'each entry must be id:base64key'],
    [
      { OCOP_PAYLOAD_KEYS: `k1:${b64(k1)},k1:${b64(k2)}`, OCOP_PAYLOAD_KEY_ID: 'k1' },
      'OCOP_PAYLOAD_KEYS',
      'key id "k1" is listed twice',
    ],
    [{ OCOP_PAYLOAD_KEYS: `k1:${b64(k1)}` }, 'OCOP_PAYLOAD_KEY_ID', 'must be set with OCOP_PAYLOAD_KEYS'],
    [
      { OCOP_PAYLOAD_KEYS: `k1:${b64(k1)}`, OCOP_PAYLOAD_KEY_ID: 'k9' },
      'OCOP_PAYLOAD_KEY_ID',
      'must be one of the ids in OCOP_PAYLOAD_KEYS (k1)',
    ],
    [{ OCOP_PAYLOAD_KEY_ID: 'k1' }, 'OCOP_PAYLOAD_KEYS', 'must be set with OCOP_PAYLOAD_KEY_ID'],
    [
      { OCOP_PAYLOAD_KEYS: `k1:${b64(k1)}`, OCOP_PAYLOAD_KEY_ID: 'k1', OCOP_PAYLOAD_ENCRYPTION: 'off' },
      'OCOP_PAYLOAD_ENCRYPTION',
      'must not be off while OCOP_PAYLOAD_KEYS is set',
    ],
    [
      { NODE_ENV: 'production' },
      'OCOP_PAYLOAD_KEYS',
      'must be set in production (id:base64key,...), or OCOP_PAYLOAD_ENCRYPTION=off',
    ],
    [
      {
        NODE_ENV: 'production',
        OCOP_PAYLOAD_KEYS: `dev:${b64(Buffer.from('ocop-dev-key:never-in-production'))}`,
        OCOP_PAYLOAD_KEY_ID: 'dev',
      },
      'OCOP_PAYLOAD_KEYS',
      'must not hold the development key in production',
    ],
  ])('refuses %j at %s: %s', (env, name, rule) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(`${rule}`);
    expect(() => loadConfig(env)).toThrow(`→ at ${name}`);
  });
});
