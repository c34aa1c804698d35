// The people of the demo, each signed in at the dev OpenID provider and acting
// through the API with their own token: the provincial coordinator, the
// officers and council secretaries of Trùng Khánh (047) and Hòa An (051), the
// provincial council's secretary and three producers. Where no demo account
// holds the part, the provincial coordination office acts, as it does for
// districts and subjects it helps along; `Part.onBehalfOf` says for whom.
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../api/identity/demo-accounts';
import { ApiClient, ApiError } from '../../client/api-client';
import type { LevelId } from '../../domain/schemas';
import { type DemoProduct, DISTRICT_CODE } from './products';

/** Renewed this long before it expires, so that no request goes out with a token about to lapse. */
const RENEW_BEFORE_MS = 60_000;
const TOKEN_TIMEOUT_MS = 10_000;
/** A decision of many products waits for each product's worker. */
const ACTION_TIMEOUT_MS = 120_000;

export interface Person {
  login: string;
  name: string;
  api: ApiClient;
}

/** Who acts, and for whom when the coordinator stands in. */
export interface Part {
  person: Person;
  onBehalfOf: string | null;
}

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
}

async function tokenEndpoint(issuer: string): Promise<string> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`the OpenID provider at ${issuer} answered discovery with ${response.status}`);
  const { token_endpoint: endpoint } = (await response.json()) as { token_endpoint?: unknown };
  if (typeof endpoint !== 'string') throw new Error(`the OpenID provider at ${issuer} names no token endpoint`);
  return endpoint;
}

/** Tokens for one demo person, by the dev provider's password grant of the `ocop-cli` client. */
function passwordTokens(endpoint: string, login: string, audience: string): () => Promise<string> {
  let current: { token: string; renewAt: number } | null = null;
  return async () => {
    if (current && Date.now() < current.renewAt) return current.token;
    const form = {
      grant_type: 'password',
      client_id: 'ocop-cli',
      username: login,
      password: DEMO_PASSWORD,
      resource: audience,
      scope: 'openid api',
    };
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
    const body = (await response.json()) as TokenAnswer;
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new Error(
        `${login} could not sign in: the provider answered ${response.status} ${String(body.error ?? '')}`,
      );
    }
    const ttlMs = (typeof body.expires_in === 'number' ? body.expires_in : 300) * 1000;
    current = { token: body.access_token, renewAt: Date.now() + Math.max(0, ttlMs - RENEW_BEFORE_MS) };
    return current.token;
  };
}

/** A district's officer and council secretary, by unit code. */
const DISTRICT_STAFF: Readonly<Record<string, { officer: string; secretary: string }>> = {
  [DISTRICT_CODE['Trùng Khánh']]: { officer: 'be.van.duc', secretary: 'luc.thi.mai' },
  [DISTRICT_CODE['Hòa An']]: { officer: 'hoang.van.nam', secretary: 'ma.thi.lan' },
};
const COORDINATOR = 'nong.thi.ha';
const PROVINCE_SECRETARY = 'dam.quang.vinh';

export class Cast {
  private constructor(private readonly people: ReadonlyMap<string, Person>) {}

  /** Signs every demo person in and checks, through GET /v1/me, that the API knows them. */
  static async signIn(apiUrl: string, issuer: string, audience: string): Promise<Cast> {
    const endpoint = await tokenEndpoint(issuer);
    const people = new Map<string, Person>();
    for (const account of DEMO_ACCOUNTS) {
      const token = passwordTokens(endpoint, account.login, audience);
      const api = new ApiClient({ baseUrl: apiUrl, token, timeoutMs: ACTION_TIMEOUT_MS });
      people.set(account.login, { login: account.login, name: account.name, api });
    }
    await Promise.all([...people.values()].map((person) => person.api.me()));
    return new Cast(people);
  }

  get size(): number {
    return this.people.size;
  }

  private person(login: string): Person {
    const person = this.people.get(login);
    if (!person) throw new Error(`no demo account ${login} in api/identity/demo-accounts.ts`);
    return person;
  }

  get coordinator(): Person {
    return this.person(COORDINATOR);
  }

  private standIn(forWhom: string): Part {
    return { person: this.coordinator, onBehalfOf: forWhom };
  }

  /** The producer's own account when the demo has one; else the office registers and submits for it. */
  producer(product: DemoProduct): Part {
    const own = DEMO_ACCOUNTS.find((a) => a.grants.some((g) => g.scope.subjectId === product.subject.id));
    return own ? { person: this.person(own.login), onBehalfOf: null } : this.standIn(product.subject.name);
  }

  officer(product: DemoProduct): Part {
    const staff = DISTRICT_STAFF[DISTRICT_CODE[product.district]];
    return staff ? { person: this.person(staff.officer), onBehalfOf: null } : this.standIn(`huyện ${product.district}`);
  }

  secretary(level: LevelId, product: DemoProduct): Part {
    if (level === 'province') return { person: this.person(PROVINCE_SECRETARY), onBehalfOf: null };
    if (level === 'central') return this.standIn('Hội đồng cấp Trung ương');
    const staff = DISTRICT_STAFF[DISTRICT_CODE[product.district]];
    return staff
      ? { person: this.person(staff.secretary), onBehalfOf: null }
      : this.standIn(`Hội đồng huyện ${product.district}`);
  }
}

/** `Bế Văn Đức`, or `Nông Thị Hà thay huyện Bảo Lạc` when the coordinator stands in. */
export function byWhom(part: Part): string {
  return part.onBehalfOf ? `${part.person.name} thay ${part.onBehalfOf}` : part.person.name;
}

/** An API refusal in one line: who asked, what, and the problem document's words. */
export function refusal(part: Part, what: string, error: unknown): Error {
  if (!(error instanceof ApiError)) return error instanceof Error ? error : new Error(String(error));
  const { status, title, detail, missingGrant } = error.problem;
  const why = missingGrant ? `missing ${missingGrant}` : (detail ?? title);
  return new Error(`${part.person.login}: ${what} was refused with ${status}: ${why}`);
}
