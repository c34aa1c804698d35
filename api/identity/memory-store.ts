// The dev provider's storage: a Map per provider that forgets entries at their
// expiry. oidc-provider's own in-memory adapter would do, but it is shared by
// every provider in the process and warns on each start.
import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';

interface Entry {
  value: unknown;
  expiresAt: number;
}

/** Models whose entries belong to a grant and go when it is revoked. */
const GRANT_BOUND = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode']);

/** Past this many entries the oldest go first; a dev provider never needs more. */
const MAX_ENTRIES = 20_000;

export function createMemoryAdapter(): AdapterConstructor {
  const entries = new Map<string, Entry>();

  const read = (key: string): unknown => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.value;
  };
  const write = (key: string, value: unknown, expiresInSeconds: number | undefined): void => {
    if (entries.size >= MAX_ENTRIES) {
      const oldest = entries.keys().next();
      if (!oldest.done) entries.delete(oldest.value);
    }
    const expiresAt = expiresInSeconds === undefined ? Number.POSITIVE_INFINITY : Date.now() + expiresInSeconds * 1000;
    entries.set(key, { value, expiresAt });
  };

  return class MemoryAdapter implements Adapter {
    constructor(readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const key = this.key(id);
      if (this.model === 'Session' && payload.uid) write(`sessionUid:${payload.uid}`, id, expiresIn);
      if (payload.userCode) write(`userCode:${payload.userCode}`, id, expiresIn);
      if (GRANT_BOUND.has(this.model) && payload.grantId) {
        const grantKey = `grant:${payload.grantId}`;
        const bound = read(grantKey);
        const keys = Array.isArray(bound) ? [...(bound as string[]), key] : [key];
        write(grantKey, keys, expiresIn);
      }
      write(key, payload, expiresIn);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return read(this.key(id)) as AdapterPayload | undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const id = read(`sessionUid:${uid}`);
      return typeof id === 'string' ? this.find(id) : undefined;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const id = read(`userCode:${userCode}`);
      return typeof id === 'string' ? this.find(id) : undefined;
    }

    async consume(id: string): Promise<void> {
      const payload = read(this.key(id)) as AdapterPayload | undefined;
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      entries.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      const grantKey = `grant:${grantId}`;
      const bound = read(grantKey);
      if (Array.isArray(bound)) for (const key of bound as string[]) entries.delete(key);
      entries.delete(grantKey);
    }
  };
}
