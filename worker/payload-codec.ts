// Every payload the engine hands Temporal (inputs, results, signals, updates,
// queries, memos, summaries, failures' details) is sealed with AES-256-GCM, so
// that who reads the namespace, its database or its backups reads no names,
// emails or phone numbers. The key id travels in the payload's metadata: old
// histories stay readable after a rotation as long as their key is still
// configured, and are never re-encrypted. Payloads this codec did not seal
// (histories recorded before it) pass through untouched.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** The keys a codec decrypts with, by id, and the one it encrypts with. */
export interface PayloadKeys {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/**
 * The development key: encryption is on in development and CI with it, so the
 * same path is exercised as in production, which refuses it (worker/config.ts).
 */
export const DEVELOPMENT_KEY_ID = 'dev';
const DEVELOPMENT_KEY = Buffer.from('ocop-dev-key:never-in-production', 'utf8');
export const DEVELOPMENT_KEYS: PayloadKeys = {
  currentId: DEVELOPMENT_KEY_ID,
  keys: new Map([[DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY]]),
};

export function isDevelopmentKey(key: Buffer): boolean {
  return key.equals(DEVELOPMENT_KEY);
}

const KeyId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'each key id must be 1 to 64 of A-Z a-z 0-9 . _ -');

const KeyEntry = z.string().transform((entry, ctx) => {
  const [id = '', encoded = '', ...rest] = entry.trim().split(':');
  const key = Buffer.from(encoded, 'base64');
  if (!KeyId.safeParse(id).success || rest.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `"${id}": each entry must be id:base64key, the id 1 to 64 of A-Z a-z 0-9 . _ -`,
    });
    return z.NEVER;
  }
  if (key.length !== KEY_BYTES || key.toString('base64') !== encoded) {
    ctx.addIssue({ code: 'custom', message: `key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)` });
    return z.NEVER;
  }
  return [id, key] as const;
});

/** OCOP_PAYLOAD_KEYS: `id:base64key,id:base64key`, each key 32 random bytes, each id once. */
export const PayloadKeyList = z
  .string()
  .transform((value) => value.split(',').filter((entry) => entry.trim() !== ''))
  .pipe(z.array(KeyEntry).min(1, 'must list at least one id:base64key'))
  .transform((entries, ctx) => {
    const ids = entries.map(([id]) => id);
    const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
    if (repeated === undefined) return new Map(entries);
    ctx.addIssue({ code: 'custom', message: `key id "${repeated}" is listed twice` });
    return z.NEVER;
  });

export class PayloadCodecError extends Error {
  override name = 'PayloadCodecError';
}

const text = (value: string) => Buffer.from(value, 'utf8');

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeys) {
    if (!keys.keys.has(keys.currentId))
      throw new PayloadCodecError(`the current key "${keys.currentId}" is not configured`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.seal(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.open(payload) : payload));
  }

  private seal(payload: Payload): Payload {
    const id = this.keys.currentId;
    const iv = randomBytes(IV_BYTES);
    // The key id is authenticated too, so a payload cannot be relabelled to another key.
    const cipher = createCipheriv('aes-256-gcm', this.key(id), iv).setAAD(text(id));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return { metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(id) }, data: sealed };
  }

  private open(payload: Payload): Payload {
    const idBytes = payload.metadata?.[KEY_ID_METADATA];
    if (!idBytes) throw new PayloadCodecError('an encrypted payload carries no key id');
    const id = Buffer.from(idBytes).toString('utf8');
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES)
      throw new PayloadCodecError(`an encrypted payload of key "${id}" is truncated`);
    const decipher = createDecipheriv('aes-256-gcm', this.key(id), data.subarray(0, IV_BYTES)).setAAD(text(id));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadCodecError(`an encrypted payload of key "${id}" failed authentication: altered, or another key`);
    }
    return temporal.api.common.v1.Payload.decode(plain);
  }

  private key(id: string): Buffer {
    const key = this.keys.keys.get(id);
    if (!key) {
      throw new PayloadCodecError(
        `a payload is encrypted with key "${id}", which is not configured: add it to OCOP_PAYLOAD_KEYS`,
      );
    }
    return key;
  }
}

function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.encoding;
  return encoding !== undefined && encoding !== null && Buffer.from(encoding).toString('utf8') === ENCRYPTED_ENCODING;
}

/** The codec of every worker and client and of the codec endpoint: encrypting with `keys`, none when null. */
export function payloadCodecsFor(keys: PayloadKeys | null): PayloadCodec[] {
  return keys ? [new EncryptionCodec(keys)] : [];
}

export function dataConverterFor(keys: PayloadKeys | null): DataConverter {
  return { payloadCodecs: payloadCodecsFor(keys) };
}
