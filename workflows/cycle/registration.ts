// How a product enters the cycle: under the next serial (số thứ tự), once per
// subject and name, and then its own application workflow starts. One
// registration at a time (registerProduct), or a batch from an import
// (registerProducts), which reserves its serials in one activity and starts
// its applications side by side.
import {
  ActivityFailure,
  ApplicationFailure,
  isCancellation,
  ParentClosePolicy,
  proxyActivities,
  startChild,
} from '@temporalio/workflow';
import type { z } from 'zod';
import type { Activities } from '../../activities';
import type { ReservationRow } from '../../activities/cycle';
import {
  alreadyRegistered,
  type Cycle,
  type CyclePhase,
  productDeadlines,
  productNameKey,
  RegisterProduct,
  RegisterProducts,
  RegistrationBatch,
  RegistrationFields,
  type RegistrationOutcome,
} from '../../domain/cycle';
import { productId as makeProductId, serialOfProduct } from '../../domain/ids';
import type { ProductApplicationInput } from '../../domain/product';
import { checkUnit } from '../../domain/units';
import { refuse } from '../product/action-checks';
import { productStartOptions } from '../product/start-options';
import { APPLICATIONS_V2, FAILED_STARTS_RELEASED, type Patches } from '../patches';
import { productApplication, productApplicationV2 } from '../product/workflow';

const { reserveRegistration, reserveRegistrations, releaseRegistration } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** What registration reads and moves of the cycle. */
export interface RegisteringCycle {
  readonly cycleId: string;
  readonly input: Cycle;
  readonly calendar: Cycle['calendar'];
  readonly phase: CyclePhase;
  registered: number;
  readonly patches: Patches;
  /** Registrations are taken one at a time, so serials have no gaps. */
  oneAtATime<T>(work: () => Promise<T>): Promise<T>;
  showToOperators(): void;
}

/**
 * The validator of one registration: schema, place, stage, role, then
 * deadline. `label` starts every message: the Update's name, and in a batch
 * the registration's index.
 */
export function validateRegistration(cycle: RegisteringCycle, raw: unknown, label = 'registerProduct') {
  const parsed = RegisterProduct.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw refuse('ValidationError', `${label}: ${issues.join('; ')}`);
  }
  const { actor, subject, unit, previousProductId } = parsed.data;
  const { province, ruleSetId } = cycle.input;
  const misplaced = checkUnit(province, ruleSetId, unit);
  if (misplaced) throw refuse('ValidationError', `${label}: unit: ${misplaced}`);
  // Only the shape of the previous product is known here: whether it exists, is the
  // subject's and certified is the reservation's to check against the read model, and
  // whether it is the product itself cannot be told before the handler assigns the id.
  if (previousProductId && !previousProductId.startsWith(`${province}-`)) {
    const message = `${label}: previousProductId: must name an application of ${province}, not ${previousProductId}`;
    throw refuse('ValidationError', message);
  }
  const now = Date.now();
  const { registrationOpens: opens, registrationCloses: closes } = cycle.calendar;
  if (now < Date.parse(opens)) {
    throw refuse('WrongStage', `${label}: registration opens on ${opens}; the cycle is in phase ${cycle.phase}`);
  }
  if (actor.role !== 'coordinator' && actor.role !== 'producer') {
    throw refuse('Forbidden', `${label}: actor.role: ${actor.role} may not register; producer or coordinator may`);
  }
  if (actor.role === 'producer' && actor.id !== subject.id) {
    throw refuse('Forbidden', `${label}: actor.id: producer ${actor.id} may register only for itself`);
  }
  // Schema, stage, role, then deadline, as every validator checks them.
  if (now >= Date.parse(closes)) throw refuse('DeadlinePassed', `${label}: registration closed on ${closes}`);
  return parsed.data;
}

/** The validator of a batch: each registration as if alone, named by its index; one refused refuses the batch. */
export function validateRegistrations(cycle: RegisteringCycle, raw: unknown): void {
  const envelope = RegistrationBatch.safeParse(raw);
  if (!envelope.success) throw refuse('ValidationError', `registerProducts: ${issuesOf(envelope.error)}`);
  for (const [index, item] of envelope.data.registrations.entries()) {
    validateRegistration(cycle, item, `registerProducts: registrations.${index}`);
  }
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

/** Registers one product: the next serial, or AlreadyExists when its subject registered the name before. */
export function registerOne(
  cycle: RegisteringCycle,
  raw: RegisterProduct,
): Promise<{ productId: string; workflowId: string }> {
  // The validator checked the rules; a registration accepted before a rule was added must still replay.
  const registration = RegistrationFields.parse(raw);
  return cycle.oneAtATime(async () => {
    const productId = makeProductId(cycle.cycleId, cycle.registered + 1);
    const { duplicateOf } = await reserveOne(cycle, productId, registration);
    if (duplicateOf) {
      throw ApplicationFailure.create({
        type: 'AlreadyExists',
        nonRetryable: true,
        message: `registerProduct: ${alreadyRegistered(cycle.cycleId, registration, duplicateOf)}`,
      });
    }
    const started = await startOrRelease(cycle, registration, productId);
    // A serial whose start failed is spent all the same: no other product gets its number.
    cycle.registered += 1;
    cycle.showToOperators();
    if ('refused' in started) throw refuse('AlreadyExists', `registerProduct: ${started.refused}`);
    return { productId, workflowId: started.workflowId };
  });
}

/**
 * Registers a batch in order, each registration answered on its own. Its
 * serials are reserved in one activity and counted before any application
 * starts, so a start that fails gives no other product its number.
 */
export function registerMany(cycle: RegisteringCycle, raw: RegisterProducts): Promise<RegistrationOutcome[]> {
  const registrations = raw.registrations.map((r) => RegistrationFields.parse(r));
  return cycle.oneAtATime(async () => {
    const firstSerial = cycle.registered + 1;
    const reserved = await reserveRegistrations.executeWithOptions(
      { summary: `reserve serials from ${firstSerial} for ${registrations.length} registrations` },
      [{ cycleId: cycle.cycleId, firstSerial, at: new Date().toISOString(), rows: registrations.map(reservationRow) }],
    );
    cycle.registered += reserved.filter((r) => 'productId' in r).length;
    const outcomes = await Promise.all(
      reserved.map(async (answer, index): Promise<RegistrationOutcome> => {
        const registration = registrations[index];
        if (!registration)
          throw new Error(`reserveRegistrations answered ${reserved.length} of ${registrations.length}`);
        if ('duplicateOf' in answer) {
          const message = alreadyRegistered(cycle.cycleId, registration, answer.duplicateOf);
          return { status: 'refused', type: 'AlreadyExists', message };
        }
        if ('refused' in answer) return { status: 'refused', type: 'ValidationError', message: answer.refused };
        // Its serial was counted with the batch's, started or not.
        const started = await startOrRelease(cycle, registration, answer.productId);
        if ('refused' in started) return { status: 'refused', type: 'AlreadyExists', message: started.refused };
        return { status: 'registered', productId: answer.productId, workflowId: started.workflowId };
      }),
    );
    cycle.showToOperators();
    return outcomes;
  });
}

function reservationRow(registration: RegistrationFields): ReservationRow {
  return {
    subjectId: registration.subject.id,
    nameKey: productNameKey(registration.product.name),
    kind: registration.kind,
    previousProductId: registration.previousProductId,
    productName: registration.product.name,
  };
}

/**
 * Reserves the next serial, and for a re-evaluation or an upgrade checks the
 * application it names; a refusal of that check refuses the registration.
 */
async function reserveOne(
  cycle: RegisteringCycle,
  productId: string,
  registration: RegistrationFields,
): Promise<{ duplicateOf: string | null }> {
  const serial = cycle.registered + 1;
  try {
    return await reserveRegistration.executeWithOptions(
      { summary: `reserve serial ${serial} for ${registration.product.name}` },
      [{ ...reservationRow(registration), cycleId: cycle.cycleId, serial, productId, at: new Date().toISOString() }],
    );
  } catch (error) {
    // Reservations never failed this way before the check existed, so recorded histories take the same path.
    if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
      const { type, message } = error.cause;
      if (type === 'ValidationError') throw refuse(type, `registerProduct: ${message}`);
    }
    throw error;
  }
}

/**
 * Starts the application, or, when the server refuses the start (its id
 * taken, say), releases the reservation, so the subject may register again;
 * the caller counts the serial as spent, so no other product gets its number.
 * Histories recorded before FAILED_STARTS_RELEASED failed the registration and
 * kept the reservation.
 */
async function startOrRelease(
  cycle: RegisteringCycle,
  registration: RegistrationFields,
  productId: string,
): Promise<{ workflowId: string } | { refused: string }> {
  try {
    return { workflowId: await startApplication(cycle, registration, productId) };
  } catch (error) {
    if (isCancellation(error) || !cycle.patches.has(FAILED_STARTS_RELEASED)) throw error;
    const serial = serialOfProduct(productId);
    await releaseRegistration.executeWithOptions({ summary: `release serial ${serial}: its start failed` }, [
      { cycleId: cycle.cycleId, serial, productId },
    ]);
    const why = error instanceof Error ? error.message : String(error);
    return { refused: `the application ${productId} could not be started (${why}); register it again` };
  }
}

/** Starts the product's application; it outlives the cycle, its post-inspection running years after. */
async function startApplication(
  cycle: RegisteringCycle,
  registration: RegistrationFields,
  productId: string,
): Promise<string> {
  const { input, calendar } = cycle;
  const application: ProductApplicationInput = {
    productId,
    cycleId: cycle.cycleId,
    province: input.province,
    year: input.year,
    ruleSetId: input.ruleSetId,
    kind: registration.kind,
    product: registration.product,
    subject: registration.subject,
    unit: registration.unit,
    registeredBy: registration.actor,
    previousProductId: registration.previousProductId,
    deadlines: productDeadlines(calendar),
    durations: input.durations,
    notifications: input.notifications,
  };
  const { workflowId, ...options } = productStartOptions(application);
  // Cycles recorded before the new type started their applications under the old one.
  const type = cycle.patches.has(APPLICATIONS_V2) ? productApplicationV2 : productApplication;
  await startChild(type, { ...options, workflowId, parentClosePolicy: ParentClosePolicy.ABANDON });
  return workflowId;
}
