// The fields of a grant request that the API and the admin page's form both
// check: whom it is for (their provider's `sub`) and why, for the audit.
import { GranteeSubject, Reason } from '../../domain/access';

describe('a grant request’s subject and reason', () => {
  it('trims both and keeps what is left', () => {
    expect(GranteeSubject.parse('  be.van.duc ')).toBe('be.van.duc');
    expect(Reason.parse(' cán bộ mới của phòng Nông nghiệp ')).toBe('cán bộ mới của phòng Nông nghiệp');
  });

  it('refuses blanks and what is too long, saying why', () => {
    const rule = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;
    expect(rule(GranteeSubject.safeParse('   '))).toBe('must not be empty');
    expect(rule(GranteeSubject.safeParse('x'.repeat(256)))).toBe('must be at most 255 characters');
    expect(GranteeSubject.safeParse('x'.repeat(255)).success).toBe(true);
    expect(rule(Reason.safeParse(''))).toBe('must not be empty');
    expect(rule(Reason.safeParse('x'.repeat(501)))).toBe('must be at most 500 characters');
    expect(Reason.safeParse('x'.repeat(500)).success).toBe(true);
  });
});
