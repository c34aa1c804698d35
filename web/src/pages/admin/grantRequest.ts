// The body of POST /v1/grants and its form. The grant's own fields and the rules that tie scope to role are the
// domain's (domain/access.ts), so the browser refuses what the API would; the form keeps every control a string and
// turns blanks into absent fields and Vietnam's local times into instants before that check.
import { z } from 'zod';
import { GranteeSubject, GrantInputFields, GrantRole, Reason, refineGrantInput } from '../../../../domain/access';
import { LevelId } from '../../../../domain/schemas';
import { fromLocalInput } from '../../format/dates';

// The revoke form takes its reason from here, beside the grant form's.

export const GrantRequest = GrantInputFields.extend({
  subject: GranteeSubject,
  displayName: z.string().trim().min(1).max(200).optional(),
  reason: Reason,
}).superRefine(refineGrantInput);

const blank = (value: string) => (value.trim() === '' ? undefined : value);
const instant = (local: string) => (local === '' ? undefined : fromLocalInput(local));

export const GrantForm = z
  .object({
    subject: z.string(),
    displayName: z.string(),
    role: GrantRole,
    scope: z.object({
      province: z.string(),
      level: LevelId.or(z.literal('')),
      unit: z.string(),
      subjectId: z.string(),
    }),
    validFrom: z.string(),
    validUntil: z.string(),
    reason: z.string(),
  })
  .transform((form): z.input<typeof GrantRequest> => ({
    subject: form.subject,
    displayName: blank(form.displayName),
    role: form.role,
    scope: {
      province: form.scope.province,
      level: form.scope.level === '' ? undefined : form.scope.level,
      unit: blank(form.scope.unit),
      subjectId: blank(form.scope.subjectId),
    },
    validFrom: instant(form.validFrom),
    validUntil: instant(form.validUntil),
    reason: form.reason,
  }))
  .pipe(GrantRequest);

export type GrantFormValues = z.input<typeof GrantForm>;

export function emptyGrantForm(province: string): GrantFormValues {
  return {
    subject: '',
    displayName: '',
    role: 'dossier_officer',
    scope: { province, level: '', unit: '', subjectId: '' },
    validFrom: '',
    validUntil: '',
    reason: '',
  };
}
