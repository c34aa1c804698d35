// Which deadline a product's next date is, from what the read model keeps.
import { deadlineKindOf } from '../../domain/deadline-kinds';

const DUE = '2025-03-01T00:00:00.000Z';
const before = { certificateValidUntil: null, lastInspectionOutcome: null, dueAt: DUE };

describe('the kind of a product’s next deadline', () => {
  it('is the stage’s own before certification', () => {
    expect(deadlineKindOf({ ...before, stage: 'REGISTERED' })).toBe('dossier');
    expect(deadlineKindOf({ ...before, stage: 'DOSSIER_REVIEW' })).toBe('dossier-review');
    expect(deadlineKindOf({ ...before, stage: 'AWAITING_SUPPLEMENT' })).toBe('supplement');
    expect(deadlineKindOf({ ...before, stage: 'EVALUATION' })).toBe('evaluation');
  });

  it('after certification, tells the expiry, a corrective action’s re-check and an inspection round apart', () => {
    const certified = { stage: 'POST_INSPECTION' as const, dueAt: DUE };
    expect(
      deadlineKindOf({ ...certified, certificateValidUntil: '2025-03-01T00:00:00Z', lastInspectionOutcome: 'pass' }),
    ).toBe('certificate-expiry');
    expect(
      deadlineKindOf({
        ...certified,
        certificateValidUntil: '2027-01-01T00:00:00.000Z',
        lastInspectionOutcome: 'corrective-action',
      }),
    ).toBe('corrective-action');
    expect(
      deadlineKindOf({ ...certified, certificateValidUntil: '2027-01-01T00:00:00.000Z', lastInspectionOutcome: null }),
    ).toBe('inspection');
  });
});
