// A product's registration in a cycle: what the registerProduct Update and the
// registration form carry, and the checks of the earlier application a
// re-evaluation or an upgrade names.
import { z } from 'zod';
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

/** Two registrations are the same product when the subject and the name match, whatever the case and spacing. */
export function productNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}
