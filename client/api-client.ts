// A small typed client of the OCOP HTTP API (api/, /v1), over fetch. It holds
// no credentials of the engine's own: only a bearer token, asked for per
// request so that a caller can refresh it. Errors come back as the API's
// problem+json documents (RFC 9457), or as ApiUnreachable.
import type { CycleInput, CycleState, CycleTemplate, RegisterProduct } from '../domain/cycle';
import type { ActionAnswer, ProductState } from '../domain/product';
import type { ProductQuery } from '../domain/product-list';
import type { CycleVerification } from '../domain/consistency';
import type { CycleReport } from '../domain/report';
import type { ActionName } from '../domain/stages';
import type { AnnouncedDecision, AnnouncedRevocation, DecisionSummary } from '../domain/announcements';
import type { RecognitionDecisionBody } from '../domain/recognition';
import type { z } from 'zod';

export type { AnnouncedDecision, AnnouncedRevocation, DecisionSummary };

export type { ProductQuery };

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; rule: string }[];
  missingGrant?: string;
}

/** The API answered with an error status; `problem` is its body, or one made from the status. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

/** No answer: the API is down, refused the connection, or took longer than the timeout. */
export class ApiUnreachable extends Error {
  override name = 'ApiUnreachable';
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`cannot reach the OCOP API at ${url}: ${reason}`);
  }
}

export interface Health {
  status?: string;
  issuer?: string;
  audience?: string;
  [key: string]: unknown;
}

export interface Me {
  principal: { issuer: string; subject: string; name: string | null; kind: 'person' | 'service'; id: string };
  grants: Grant[];
}

export interface Grant {
  id: string;
  issuer: string;
  subject: string;
  role: string;
  scope: { province: string; unit?: string; level?: string; subjectId?: string };
  validFrom: string;
  validUntil: string | null;
  revokedAt: string | null;
}

export interface GrantChange {
  id: string;
  grantId: string;
  change: 'granted' | 'revoked';
  by?: unknown;
  reason: string | null;
  at: string;
  [key: string]: unknown;
}

/** One page of a list; `nextCursor` asks for the next one, null on the last. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface GrantQuery {
  subject?: string;
  limit?: number;
  cursor?: string;
}

export interface GrantChangeQuery {
  grantId?: string;
  limit?: number;
  cursor?: string;
}

export interface NewGrant {
  issuer?: string;
  subject: string;
  displayName?: string;
  role: string;
  scope: Grant['scope'];
  validFrom?: string;
  validUntil?: string;
  reason: string;
}

export interface CycleSummary {
  cycleId: string;
  province: string;
  year: number;
  ruleSetId: string;
  phase: string;
}

export interface CycleSchedule {
  scheduleId: string;
  nextRuns: string[];
  paused: boolean;
  recentRuns: number;
}

export interface Started {
  workflowId: string;
}

export interface ImportRow {
  line: number;
  status: 'registered' | 'refused';
  productId?: string;
  error?: string | Problem;
}

export interface ImportResult {
  rows: ImportRow[];
  registered: number;
  refused: number;
}

/** A row of the product list: the read model's columns, as the API names them. */
export interface ProductRow {
  productId: string;
  cycleId?: string;
  name?: string;
  stage?: string;
  level?: string | null;
  stars?: number | null;
  group?: string;
  unit?: string | null;
  subjectId?: string;
  subjectName?: string;
  deadline?: string | null;
  updatedAt?: string;
  [key: string]: unknown;
}

/** What POST /v1/contacts answers: the rows imported, and each refusal (a row may have several). */
export interface ContactImport {
  total: number;
  imported: number;
  contacts: { row: number; province: string; role: string; level: string; name: string }[];
  refused: { row: number; field: string | null; reason: string }[];
}

export interface ProductPage {
  items: ProductRow[];
  nextCursor: string | null;
}

export interface ProductView {
  product: Record<string, unknown>;
  state: ProductState;
  timeline: {
    seq: number;
    action: string;
    at: string;
    stageFrom: string | null;
    stageTo: string;
    level: string | null;
    actor: { role: string; name: string | null; principalId?: string | null; grantId?: string | null };
  }[];
  [key: string]: unknown;
}

export interface Task {
  productId: string;
  name: string;
  stage: string;
  level: string | null;
  deadline: string | null;
  action: string;
}

/** A recognition decision (quyết định công nhận) as POST /v1/cycles/{id}/recognition-decisions takes it. */
export type RecognitionDecisionRequest = z.input<typeof RecognitionDecisionBody>;

export type DecisionProductOutcome =
  | { productId: string; status: 'accepted'; stars: number; certificateNumber: string; validUntil: string }
  | { productId: string; status: 'refused'; problem: { status: number; title: string; detail: string } };

export interface RecognitionDecisionAnswer {
  decisionId: string | null;
  changed: boolean;
  accepted: number;
  refused: number;
  products: DecisionProductOutcome[];
}

export interface DecisionQuery {
  province?: string;
  year?: number;
  cycle?: string;
  limit?: number;
}

/** The path under /v1/products/{id}/ of each human action. */
export const ACTION_PATHS: Record<ActionName, string> = {
  submitDossier: 'dossier',
  reviewDossier: 'dossier-review',
  submitSupplement: 'supplement',
  recordCouncilResult: 'council-results',
  recordInspection: 'inspections',
  withdraw: 'withdrawal',
  extendDeadline: 'deadline-extensions',
  recordRecognitionDecision: 'recognition-decision',
  recordRevocationDecision: 'revocation-decision',
};

export interface ApiClientOptions {
  /** e.g. http://127.0.0.1:8480, without /v1 */
  baseUrl: string;
  /** The bearer token for a request, or null to send none. */
  token?: () => Promise<string | null> | string | null;
  /** How long to wait for an answer; actions wait for a worker, so the default is generous. */
  timeoutMs?: number;
}

type Query = Record<string, string | number | undefined>;

interface Request {
  method?: 'GET' | 'POST' | 'DELETE';
  query?: Query;
  json?: unknown;
  csv?: string;
  accept?: string;
}

const seg = encodeURIComponent;

export class ApiClient {
  readonly baseUrl: string;
  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  health = () => this.request<Health>('/healthz', {}, false);
  me = () => this.request<Me>('/v1/me');

  listCycles = () => this.request<CycleSummary[]>('/v1/cycles');
  startCycle = (input: CycleInput & { rehearsal?: unknown }) =>
    this.request<Started & { cycleId: string }>('/v1/cycles', { method: 'POST', json: input });
  cycle = (cycleId: string) => this.request<CycleState>(`/v1/cycles/${seg(cycleId)}`);
  extendCalendar = (cycleId: string, body: { deadline: string; until: string; reason: string }) =>
    this.request<CycleState>(`/v1/cycles/${seg(cycleId)}/calendar-extensions`, { method: 'POST', json: body });
  registerProduct = (cycleId: string, body: Omit<RegisterProduct, 'actor'>) =>
    this.request<Started & { productId: string }>(`/v1/cycles/${seg(cycleId)}/products`, {
      method: 'POST',
      json: body,
    });
  importProducts = (cycleId: string, csv: string) =>
    this.request<ImportResult>(`/v1/cycles/${seg(cycleId)}/imports`, { method: 'POST', csv });
  report = (cycleId: string) => this.request<CycleReport>(`/v1/cycles/${seg(cycleId)}/report`);
  verification = (cycleId: string) => this.request<CycleVerification>(`/v1/cycles/${seg(cycleId)}/verification`);
  reportCsv = (cycleId: string) =>
    this.request<string>(`/v1/cycles/${seg(cycleId)}/report`, { query: { format: 'csv' }, accept: 'text/csv' });

  listProducts = (query: ProductQuery) => this.request<ProductPage>('/v1/products', { query: { ...query } });
  product = (productId: string) => this.request<ProductView>(`/v1/products/${seg(productId)}`);
  act = (productId: string, action: ActionName, body: Record<string, unknown>) =>
    this.request<ActionAnswer>(`/v1/products/${seg(productId)}/${ACTION_PATHS[action]}`, {
      method: 'POST',
      json: body,
    });
  tasks = () => this.request<Task[]>('/v1/tasks');

  recordDecision = (cycleId: string, body: RecognitionDecisionRequest) =>
    this.request<RecognitionDecisionAnswer>(`/v1/cycles/${seg(cycleId)}/recognition-decisions`, {
      method: 'POST',
      json: body,
    });
  // The announcements are public: asked for without a token.
  decisions = (query: DecisionQuery) =>
    this.request<DecisionSummary[]>('/v1/recognition-decisions', { query: { ...query } }, false);
  decision = (id: string) => this.request<AnnouncedDecision>(`/v1/recognition-decisions/${seg(id)}`, {}, false);
  decisionCsv = (id: string) =>
    this.request<string>(`/v1/recognition-decisions/${seg(id)}/export.csv`, { accept: 'text/csv' }, false);
  revocations = (query: Omit<DecisionQuery, 'cycle'>) =>
    this.request<AnnouncedRevocation[]>('/v1/revocation-decisions', { query: { ...query } }, false);

  notifications = (query: { status?: string; limit?: number; province?: string; cursor?: string }) =>
    this.request<unknown>('/v1/notifications', { query });
  retryNotification = (id: string) =>
    this.request<unknown>(`/v1/notifications/${seg(id)}/retry`, { method: 'POST', json: {} });
  retryFailedNotifications = () =>
    this.request<unknown>('/v1/notifications/retry-failed', { method: 'POST', json: {} });
  importContacts = (csv: string) => this.request<ContactImport>('/v1/contacts', { method: 'POST', csv });
  createSchedule = (body: CycleTemplate & { month: number; day: number }) =>
    this.request<CycleSchedule>('/v1/schedules', { method: 'POST', json: body });
  schedule = (province: string) => this.request<CycleSchedule>(`/v1/schedules/${seg(province)}`);

  grants = (query: GrantQuery) => this.request<Page<Grant>>('/v1/grants', { query: { ...query } });
  grant = (body: NewGrant) => this.request<Grant>('/v1/grants', { method: 'POST', json: body });
  revokeGrant = (id: string, reason: string) =>
    this.request<unknown>(`/v1/grants/${seg(id)}`, { method: 'DELETE', json: { reason } });
  grantChanges = (query: GrantChangeQuery) =>
    this.request<Page<GrantChange>>('/v1/grant-changes', { query: { ...query } });

  private url(path: string, query: Query = {}): string {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  private async request<T>(path: string, request: Request = {}, authenticated = true): Promise<T> {
    const headers: Record<string, string> = { accept: request.accept ?? 'application/json' };
    const token = authenticated ? await this.options.token?.() : null;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (request.csv !== undefined) {
      headers['content-type'] = 'text/csv; charset=utf-8';
      body = request.csv;
    } else if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    const response = await this.send(this.url(path, request.query), {
      method: request.method ?? 'GET',
      headers,
      body,
    });
    const type = response.headers.get('content-type') ?? '';
    const text = await response.text();
    if (!response.ok) throw new ApiError(problemOf(response.status, response.statusText, type, text));
    if (/json/.test(type)) return JSON.parse(text) as T;
    return text as T;
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs ?? 90_000) });
    } catch (error) {
      throw new ApiUnreachable(this.baseUrl, unreachableReason(error));
    }
  }
}

function problemOf(status: number, statusText: string, type: string, text: string): Problem {
  if (/json/.test(type)) {
    try {
      const body = JSON.parse(text) as Partial<Problem>;
      return { ...body, status, title: body.title ?? statusText };
    } catch {
      // Not the document it claims to be: the status says what it can.
    }
  }
  return { status, title: statusText || `HTTP ${status}`, detail: text.slice(0, 300) || undefined };
}

function unreachableReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ENOTFOUND') return 'unknown host';
  return cause?.message ?? (error as Error).message;
}
