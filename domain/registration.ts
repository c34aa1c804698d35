// A product's registration in a cycle: what the registerProduct Update and the
// registration form carry, and the checks of the earlier application a
// re-evaluation or an upgrade names.
import { z } from 'zod';
import { confusablesKey } from './confusables';
import { checkPreviousProduct, ProductApplicationInput } from './product';
import { Actor, ApplicationKind, Subject } from './schemas';
import { UnitCode } from './units';

/**
 * The fields of a registration, as the cycle's handler reads them; see
 * RegisterProduct. `unit` stays optional here because registrations recorded
 * before products had a place must still replay.
 */
export const RegistrationFields = z.object({
  actor: Actor,
  product: ProductApplicationInput.shape.product,
  subject: Subject,
  unit: ProductApplicationInput.shape.unit,
  kind: ApplicationKind.default('new'),
  previousProductId: ProductApplicationInput.shape.previousProductId,
});

export type RegistrationFields = z.output<typeof RegistrationFields>;

const RequiredUnit = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'required: the code of the district (under OCOP_148_2023) or commune (under OCOP_1489_2025) the product comes from'
        : undefined,
  })
  .pipe(UnitCode);

/**
 * What the `registerProduct` Update carries. Whether the unit is one of the
 * province's is checked by the cycle, which knows the province and rule set.
 */
const RegistrationRequest = RegistrationFields.extend({ unit: RequiredUnit });
export const RegisterProduct = RegistrationRequest.superRefine(checkPreviousProduct);
export type RegisterProduct = z.input<typeof RegisterProduct>;

/** An import is sent in batches of at most this many registrations, each one registerProducts Update. */
export const REGISTRATION_BATCH_MAX = 100;

const batchOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    registrations: z
      .array(item)
      .min(1, 'must hold at least one registration')
      .max(REGISTRATION_BATCH_MAX, `must hold at most ${REGISTRATION_BATCH_MAX} registrations`),
  });

/** What the `registerProducts` Update carries: registrations taken in order, each answered on its own. */
export const RegisterProducts = batchOf(RegisterProduct);
export type RegisterProducts = z.input<typeof RegisterProducts>;

/** A batch's envelope alone: the cycle's validator checks each registration by itself, to name it by index. */
export const RegistrationBatch = batchOf(z.unknown());

/** Why a registration is refused as AlreadyExists: its subject registered the same name in the cycle. */
export function alreadyRegistered(cycleId: string, registration: RegistrationIdentity, duplicateOf: string): string {
  const { product, subject } = registration;
  return `product.name: "${product.name}" of subject ${subject.id} is already registered in ${cycleId} as ${duplicateOf}`;
}

/** What tells one registration from another in a cycle: the subject, and the product's name (by its key). */
export interface RegistrationIdentity {
  subject: { id: string };
  product: { name: string };
}

/** One registration's answer within a batch: its application, or why the cycle refused it (`field: rule`). */
export type RegistrationOutcome =
  | { status: 'registered'; productId: string; workflowId: string }
  | { status: 'refused'; type: 'AlreadyExists' | 'ValidationError'; message: string };

/** What a registration form says, without who sends it: the API and the CLI add the actor they authenticated. */
export const RegistrationForm = RegistrationRequest.omit({ actor: true }).superRefine(checkPreviousProduct);
export type RegistrationForm = z.input<typeof RegistrationForm>;

/** What the read model knows of the application a re-evaluation or an upgrade names. */
export interface PreviousApplication {
  subjectId: string;
  productName: string;
  /** Whether it holds a certificate in force (certificates.status = 'active'). */
  hasActiveCertificate: boolean;
}

/**
 * Why a re-evaluation or an upgrade may not re-rate `previous` (the rule broken
 * by `previousProductId`), or undefined when it may: it must name an existing
 * certified application of the same subject and product, and not itself.
 * `previous` is undefined when no such application exists. The new product's
 * id is known only once the cycle assigns it, so a caller checking before the
 * Update leaves `productId` out; the cycle's reservation passes it.
 */
export function checkPreviousApplication(
  previous: PreviousApplication | undefined,
  registration: {
    kind?: ApplicationKind;
    previousProductId?: string;
    subject: { id: string };
    product: { name: string };
    productId?: string;
  },
): string | undefined {
  const { previousProductId: id, kind = 'new' } = registration;
  if (kind === 'new' || !id) return undefined;
  if (id === registration.productId) return `must name an earlier application, not ${id} itself`;
  if (!previous) return `must name an existing application: ${id} is not known`;
  if (previous.subjectId !== registration.subject.id) {
    return `must name an application of subject ${registration.subject.id}: ${id} belongs to another subject`;
  }
  if (productNameKey(previous.productName) !== productNameKey(registration.product.name)) {
    return `must name an application of the same product: ${id} is "${previous.productName}"`;
  }
  if (!previous.hasActiveCertificate) return `must name a certified application: ${id} holds no certificate in force`;
  return undefined;
}

/**
 * Two registrations are the same product when the subject and the name match, whatever the case, the spacing,
 * the invisible characters and the look-alike letters (see confusablesKey).
 */
export function productNameKey(name: string): string {
  return confusablesKey(name);
}
