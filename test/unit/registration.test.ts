// What a registration must say: the product's place, and for a re-rating the
// product it re-rates; and what the engine records of who acts.
import { checkPreviousApplication, RegisterProduct, RegistrationFields } from '../../domain/cycle';
import { Actor, type ApplicationKind } from '../../domain/schemas';

const registration = (kind: ApplicationKind, previousProductId?: string) => ({
  actor: { id: 'vp-ocop-cb', role: 'coordinator' },
  product: { name: 'Hạt dẻ Trùng Khánh', group: 'food' },
  subject: { id: 'htx-trung-khanh', name: 'HTX Trùng Khánh', type: 'cooperative' },
  unit: '047',
  kind,
  previousProductId,
});

/** The registration as a form without a place would send it. */
function placeless(): Record<string, unknown> {
  const form: Record<string, unknown> = { ...registration('new') };
  delete form.unit;
  return form;
}

const issues = (value: unknown) =>
  RegisterProduct.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('a registration and the product it re-rates', () => {
  it.each(['re-evaluation', 'upgrade'] as const)('%s: names the earlier product', (kind) => {
    expect(issues(registration(kind))).toEqual([
      `previousProductId: required for a ${kind}: the product whose certificate it replaces`,
    ]);
    expect(issues(registration(kind, 'CB-2020-0007'))).toEqual([]);
  });

  it('a new product names none', () => {
    expect(issues(registration('new'))).toEqual([]);
    expect(issues(registration('new', 'CB-2020-0007'))).toEqual([
      'previousProductId: only a re-evaluation or an upgrade names a previous product',
    ]);
  });
});

describe("a registration's place", () => {
  it('is required, as a district or commune code', () => {
    expect(issues(placeless())).toEqual([
      'unit: required: the code of the district (under OCOP_148_2023) or commune (under OCOP_1489_2025) the product comes from',
    ]);
    expect(issues({ ...placeless(), unit: 'Trùng Khánh' })).toEqual([
      'unit: must be a 3 to 5 digit administrative code, e.g. 047 for Trùng Khánh',
    ]);
  });

  it('is optional where the cycle reads registrations recorded before products had one', () => {
    expect(RegistrationFields.safeParse(placeless()).success).toBe(true);
  });
});

describe('an actor', () => {
  const actorIssues = (value: unknown) =>
    Actor.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('may carry the principal and the grant it acted under, each bounded', () => {
    expect(
      actorIssues({ id: 'principal:12', role: 'officer', level: 'district', principalId: '12', grantId: '7' }),
    ).toEqual([]);
    expect(actorIssues({ id: 'x'.repeat(129), role: 'coordinator' })).toEqual(['id: must be at most 128 characters']);
    expect(actorIssues({ id: 'a', role: 'coordinator', principalId: '1'.repeat(65), grantId: '2'.repeat(33) })).toEqual(
      ['principalId: must be at most 64 characters', 'grantId: must be at most 32 characters'],
    );
  });

  it('needs neither, as recorded histories and the system carry none', () => {
    expect(actorIssues({ id: 'vp-ocop-cb', role: 'coordinator' })).toEqual([]);
  });
});

describe('the application a re-evaluation names', () => {
  const asked = {
    kind: 're-evaluation' as const,
    previousProductId: 'CB-2020-0007',
    subject: { id: 'htx-trung-khanh' },
    product: { name: 'Hạt dẻ Trùng Khánh' },
  };
  const certified = { subjectId: 'htx-trung-khanh', productName: 'hạt dẻ  trùng khánh', hasActiveCertificate: true };

  it('may be the same subject’s certified product, whatever the case and spacing of its name', () => {
    expect(checkPreviousApplication(certified, asked)).toBeUndefined();
    expect(
      checkPreviousApplication(undefined, { ...asked, kind: 'new', previousProductId: undefined }),
    ).toBeUndefined();
  });

  it('refuses an unknown id, another subject’s product, another product, one without a certificate, and itself', () => {
    expect(checkPreviousApplication(undefined, asked)).toBe(
      'must name an existing application: CB-2020-0007 is not known',
    );
    expect(checkPreviousApplication({ ...certified, subjectId: 'hkd-ha-quang' }, asked)).toBe(
      'must name an application of subject htx-trung-khanh: CB-2020-0007 belongs to another subject',
    );
    expect(checkPreviousApplication({ ...certified, productName: 'Miến dong' }, asked)).toBe(
      'must name an application of the same product: CB-2020-0007 is "Miến dong"',
    );
    expect(checkPreviousApplication({ ...certified, hasActiveCertificate: false }, asked)).toBe(
      'must name a certified application: CB-2020-0007 holds no certificate in force',
    );
    expect(checkPreviousApplication(certified, { ...asked, productId: 'CB-2020-0007' })).toBe(
      'must name an earlier application, not CB-2020-0007 itself',
    );
  });
});
