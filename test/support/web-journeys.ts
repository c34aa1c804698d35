// What the browser journeys stand on but are not about: a Cao Bằng cycle, its
// products registered and moved along by the people whose work that is, each
// through the API under their own token, and the read model caught up before a
// page reads it.
import { DEMO_SUBJECT_IDS } from '../../api/identity/demo-accounts';
import { ApiClient } from '../../client/api-client';
import type { CycleCalendar, CycleInput, CycleTargets } from '../../domain/cycle';
import { productWorkflowId } from '../../domain/ids';
import type { ProductApplicationInput } from '../../domain/product';
import type { Stage } from '../../domain/schemas';
import type { ApiStack } from './api';
import { eventually, timerSummaries } from './env';
import { DOSSIER, hatDe, inDays, partsFor } from './fixtures';

export const COORDINATOR = 'nong.thi.ha';

/** Who reviews dossiers and who records councils, district by district. */
const DISTRICT_PEOPLE: Readonly<Record<string, { officer: string; secretary: string }>> = {
  '047': { officer: 'be.van.duc', secretary: 'luc.thi.mai' },
  '051': { officer: 'hoang.van.nam', secretary: 'ma.thi.lan' },
};

function peopleOf(unit: string): { officer: string; secretary: string } {
  const people = DISTRICT_PEOPLE[unit];
  if (!people) throw new Error(`no demo officer or secretary works in district ${unit}`);
  return people;
}

/** The API as one demo person uses it, with their token from the real provider. */
export function apiAs(api: ApiStack, login: string): ApiClient {
  return new ApiClient({ baseUrl: api.url, token: () => api.tokenFor(login) });
}

/** A cycle whose registration opened yesterday, each later step a month or so apart: nothing falls due in a test. */
export function openCycle(year: number, targets: Partial<CycleTargets> = {}): CycleInput & { calendar: CycleCalendar } {
  return {
    province: 'CB',
    year,
    ruleSetId: 'OCOP_148_2023',
    compressed: true,
    calendar: {
      registrationOpens: inDays(-1),
      registrationCloses: inDays(30),
      dossierDeadline: inDays(45),
      evaluation: { district: inDays(60), province: inDays(90), central: inDays(120) },
      cycleEnds: inDays(150),
    },
    targets: { newProductsThreeStarsOrMore: 1, ...targets },
  };
}

/** Starts the cycle as the coordinator does, and waits until the cycles list names it. */
export async function startCycle(api: ApiStack, input: CycleInput): Promise<string> {
  const { cycleId } = await apiAs(api, COORDINATOR).startCycle(input);
  await eventually(
    () => api.db.selectFrom('cycles').select('id').where('id', '=', cycleId).executeTakeFirst(),
    Boolean,
  );
  return cycleId;
}

export interface Product {
  name: string;
  subject: { id: string; name: string; type: 'cooperative' | 'enterprise' | 'household' | 'cooperative_group' };
  unit: string;
}

/** Hạt dẻ of the demo cooperative of Trùng Khánh, whose producer signs in as htx.hatde. */
export const HAT_DE: Product = {
  name: 'Hạt dẻ Trùng Khánh',
  subject: { id: DEMO_SUBJECT_IDS.hatDeTrungKhanh, name: 'HTX Nông nghiệp Hạt dẻ Trùng Khánh', type: 'cooperative' },
  unit: '047',
};

/** A product of the demo company of Hòa An: another subject's, in another district. */
export const MIEN_DONG: Product = {
  name: 'Miến dong Hòa An',
  subject: { id: DEMO_SUBJECT_IDS.nongSanHoaAn, name: 'Công ty TNHH Nông sản sạch Hòa An', type: 'enterprise' },
  unit: '051',
};

/** Waits until the read model holds the product at `stage`: the pages read it from there. */
export async function inReadModel(api: ApiStack, productId: string, stage?: Stage): Promise<void> {
  const row = await eventually(
    () => api.db.selectFrom('products').select('stage').where('id', '=', productId).executeTakeFirst(),
    (found) => Boolean(found) && (!stage || found?.stage === stage),
    20_000,
  );
  if (!row || (stage && row.stage !== stage)) {
    throw new Error(`product ${productId} is ${row?.stage ?? 'not'} in the read model, not ${stage ?? 'there'}`);
  }
}

/** Registers the product as the coordinator does, in the cycle's registration window. */
export async function register(api: ApiStack, cycleId: string, product: Product): Promise<string> {
  const { productId } = await apiAs(api, COORDINATOR).registerProduct(cycleId, {
    product: { name: product.name, group: 'food' },
    subject: product.subject,
    unit: product.unit,
    kind: 'new',
  });
  await inReadModel(api, productId, 'REGISTERED');
  return productId;
}

/** The dossier handed in on the subject's behalf: the product waits for its district's officer. */
export async function submitDossier(api: ApiStack, productId: string): Promise<void> {
  await apiAs(api, COORDINATOR).act(productId, 'submitDossier', { documents: DOSSIER });
  await inReadModel(api, productId, 'DOSSIER_REVIEW');
}

/** The dossier handed in and accepted by the district's officer: the product waits for its district council. */
export async function toDistrictCouncil(api: ApiStack, productId: string, unit: string): Promise<void> {
  await submitDossier(api, productId);
  await apiAs(api, peopleOf(unit).officer).act(productId, 'reviewDossier', { decision: { outcome: 'accept' } });
  await inReadModel(api, productId, 'EVALUATION');
}

/** The district People's Committee's decision recognising its council's 3-star products (quyết định công nhận). */
export const DISTRICT_DECISION = { number: '215/QĐ-UBND', authority: 'Ủy ban nhân dân huyện Trùng Khánh' };

/**
 * The district council, one appointed member who chairs it, scores the product `total` of 100: 50 to 69 rates it
 * 3 stars there, and it waits for the recognition decision.
 */
export async function rateAtDistrict(api: ApiStack, productId: string, unit: string, total: number): Promise<void> {
  await toDistrictCouncil(api, productId, unit);
  await apiAs(api, peopleOf(unit).secretary).act(productId, 'recordCouncilResult', {
    level: 'district',
    meetingDate: new Date(Date.now() - 1_000).toISOString(),
    councilSize: 1,
    round: 1,
    sheets: [{ memberId: 'tv-1', chair: true, parts: partsFor(total) }],
  });
  await inReadModel(api, productId, 'AWAITING_DECISION');
}

/** Rated at the district, then recognised by the district's decision (by the coordinator's office) today. */
export async function certifyAtDistrict(api: ApiStack, productId: string, unit: string, total: number): Promise<void> {
  await rateAtDistrict(api, productId, unit, total);
  await apiAs(api, COORDINATOR).act(productId, 'recordRecognitionDecision', {
    decision: { ...DISTRICT_DECISION, decidedOn: new Date().toISOString() },
  });
  await inReadModel(api, productId, 'POST_INSPECTION');
}

/**
 * An application of `cycleId` started directly, its dossier due `dueInMs` from now and a grace of an hour after:
 * for a journey about that deadline passing, which a cycle's calendar of days would not bring within a test.
 */
export async function dueSoon(
  api: ApiStack,
  productId: string,
  product: Product,
  dueInMs: number,
): Promise<{ dueAt: number }> {
  const dueAt = Date.now() + dueInMs;
  const application: ProductApplicationInput = hatDe(productId, {
    product: { name: product.name, group: 'food' },
    subject: product.subject,
    unit: product.unit,
    deadlines: { dossier: new Date(dueAt).toISOString(), evaluation: {} },
    durations: { reminderOffsets: [], lapseGrace: 'PT1H' },
  });
  await api.client.startProductApplication(application);
  await inReadModel(api, productId, 'REGISTERED');
  return { dueAt };
}

/** What a timer of the workflow's history is for, as the workflow summarised it. */
/**
 * The deadline passed and the application is overdue: its workflow has started the grace period's timer, so any
 * action it is sent from now on is judged overdue. (The escalation's notice is written a moment before that.)
 */
export async function overdue(api: ApiStack, productId: string): Promise<void> {
  const graceStarted = (summaries: string[]) => summaries.some((summary) => summary.startsWith('grace:'));
  const summaries = await eventually(
    () => timerSummaries(api.client.client, productWorkflowId(productId)),
    graceStarted,
    30_000,
  );
  if (!graceStarted(summaries)) throw new Error(`product ${productId} did not become overdue`);
}

/** The deadline passed and the workflow escalated it: its notice is in the outbox. */
export async function escalated(api: ApiStack, productId: string): Promise<void> {
  const found = await eventually(
    () =>
      api.db
        .selectFrom('notifications')
        .select('id')
        .where('template', '=', 'deadline-escalation')
        .where((eb) => eb(eb.ref('payload', '->>').key('productId'), '=', productId))
        .executeTakeFirst(),
    Boolean,
    30_000,
  );
  if (!found) throw new Error(`product ${productId}'s deadline was not escalated`);
}

/** An instant as the app shows it, dd/MM/yyyy HH:mm in Vietnam's time, and as a datetime-local input takes it. */
export function inVietnam(at: Date): { shown: string; input: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map(({ type, value }) => [type, value]),
  );
  const { year, month, day, hour, minute } = parts;
  return { shown: `${day}/${month}/${year} ${hour}:${minute}`, input: `${year}-${month}-${day}T${hour}:${minute}` };
}
