import {
  INSPECTION_OUTCOMES,
  inspectionProblems,
  revocationDecisionProblems,
  revocationProposedAt,
} from '../../domain/post-inspection';
import { RecordInspection } from '../../domain/product';

const NOW = Date.parse('2026-12-02T03:00:00Z'); // 10:00 in Vietnam
const CERTIFICATE = { decidedOn: '2025-12-01T03:00:00Z', validUntil: '2028-12-01T03:00:00Z' };

describe('what a post-inspection team may conclude', () => {
  const context = { now: NOW, certificate: CERTIFICATE };
  const inspectedAt = '2026-12-02T02:00:00Z';

  it('is pass, corrective action, referral to re-evaluation or a proposal to revoke', () => {
    expect(INSPECTION_OUTCOMES).toEqual(['pass', 'corrective-action', 're-evaluation', 'revocation-proposed']);
    for (const result of [
      { outcome: 'pass' },
      { outcome: 'corrective-action', findings: 'Thiếu tem', dueAt: '2027-01-02T00:00:00Z' },
      { outcome: 're-evaluation', findings: 'Quy mô giảm' },
      { outcome: 'revocation-proposed', ground: 'food-safety', findings: 'Mẫu vượt ngưỡng' },
    ] as const) {
      expect(inspectionProblems({ result, inspectedAt }, context)).toEqual([]);
    }
  });

  it('is never a downgrade or a revocation: those are the authority’s', () => {
    const refusal =
      'result.outcome: inspectors do not change a rating or revoke on their own authority; ' +
      "propose revocation ('revocation-proposed') or refer to re-evaluation ('re-evaluation')";
    // The schema still reads them, so that histories recorded before replay.
    const downgrade = RecordInspection.shape.result.parse({ outcome: 'downgrade', toStars: 3, grounds: 'Bao bì' });
    expect(inspectionProblems({ result: downgrade, inspectedAt }, context)).toEqual([refusal]);
    expect(inspectionProblems({ result: { outcome: 'revoke', grounds: 'ATTP' }, inspectedAt }, context)).toEqual([
      refusal,
    ]);
  });

  it('is dated no later than now and no earlier than the certificate’s decision day', () => {
    const pass = { outcome: 'pass' } as const;
    expect(inspectionProblems({ result: pass, inspectedAt: '2026-12-02T03:00:00Z' }, context)).toEqual([]);
    expect(inspectionProblems({ result: pass, inspectedAt: '2026-12-02T03:00:00.001Z' }, context)).toEqual([
      'inspectedAt: must not be in the future',
    ]);
    // 17:00 UTC on 30 November is 1 December in Vietnam: the decision's own day.
    expect(inspectionProblems({ result: pass, inspectedAt: '2025-11-30T17:00:00Z' }, context)).toEqual([]);
    expect(inspectionProblems({ result: pass, inspectedAt: '2025-11-30T16:59:59Z' }, context)).toEqual([
      'inspectedAt: must not be before the certificate was decided (2025-12-01)',
    ]);
  });

  it('gives a correction a deadline after now and no later than the certificate’s expiry', () => {
    const corrective = (dueAt: string) => ({ outcome: 'corrective-action', findings: 'Thiếu tem', dueAt }) as const;
    const problems = (dueAt: string) => inspectionProblems({ result: corrective(dueAt), inspectedAt }, context);
    expect(problems('2026-12-02T03:00:00Z')).toEqual(['result.dueAt: must be after now (2026-12-02T03:00:00.000Z)']);
    expect(problems('2026-12-02T03:00:01Z')).toEqual([]);
    expect(problems(CERTIFICATE.validUntil)).toEqual([]);
    expect(problems('2028-12-01T03:00:01Z')).toEqual([
      'result.dueAt: must not be after the certificate expires (2028-12-01T03:00:00Z)',
    ]);
  });

  it('reports every problem at once', () => {
    const result = { outcome: 'revoke', grounds: 'ATTP' } as const;
    expect(inspectionProblems({ result, inspectedAt: '2027-01-01T00:00:00Z' }, context)).toHaveLength(2);
  });
});

describe('the authority’s revocation decision', () => {
  const proposedAt = '2026-11-20T09:00:00Z'; // 16:00 on 20 November in Vietnam
  const decision = (decidedOn: string) => ({ number: '45/QĐ-UBND', decidedOn, authority: 'UBND tỉnh Cao Bằng' });
  const problems = (
    decidedOn: string,
    extra: { outcome?: 'revoke' | 'decline'; ground?: 'other'; note?: string } = {},
  ) =>
    revocationDecisionProblems(
      { outcome: 'revoke', ground: 'food-safety', ...extra, decision: decision(decidedOn) },
      { now: NOW, proposedAt },
    );

  it('is dated from the day of the proposal to now', () => {
    // 20 November 00:00 in Vietnam is the proposal's day, though hours before it.
    expect(problems('2026-11-19T17:00:00Z')).toEqual([]);
    expect(problems('2026-11-19T16:59:59Z')).toEqual([
      'decision.decidedOn: must not be before the revocation was proposed (2026-11-20, Vietnam time)',
    ]);
    expect(problems('2026-12-02T03:00:00Z')).toEqual([]);
    expect(problems('2026-12-02T03:00:00.001Z')).toEqual(['decision.decidedOn: must not be in the future']);
  });

  it('states the ground when it is "other", for a revocation', () => {
    expect(problems('2026-12-01T00:00:00Z', { ground: 'other' })).toEqual([
      "note: must state the ground when the ground is 'other'",
    ]);
    expect(problems('2026-12-01T00:00:00Z', { ground: 'other', note: 'Chủ thể giải thể' })).toEqual([]);
    expect(problems('2026-12-01T00:00:00Z', { ground: 'other', outcome: 'decline' })).toEqual([]);
  });
});

describe('when the revocation awaiting a decision was proposed', () => {
  const history = (action: string, stageTo: string) => [
    { action: 'enter:POST_INSPECTION', stageTo: 'POST_INSPECTION', at: '2026-01-01T00:00:00Z' },
    { action, stageTo, at: '2026-11-21T00:00:00Z' },
  ];
  const proposal = { outcome: 'revocation-proposed', inspectedAt: '2026-11-20T09:00:00Z' } as const;

  it('is the day of the team’s inspection that proposed it', () => {
    const state = {
      stage: 'REVOCATION_PROPOSED',
      history: history('recordInspection', 'REVOCATION_PROPOSED'),
      inspections: [proposal],
    };
    expect(revocationProposedAt(state)).toBe('2026-11-20T09:00:00Z');
  });

  it('is the moment the application entered the stage, when no inspection of the team proposed it', () => {
    const state = {
      stage: 'REVOCATION_PROPOSED',
      history: history('enter:REVOCATION_PROPOSED', 'REVOCATION_PROPOSED'),
      inspections: [{ outcome: 'pass', inspectedAt: '2026-02-01T00:00:00Z' } as const],
    };
    expect(revocationProposedAt(state)).toBe('2026-11-21T00:00:00Z');
  });

  it('is nothing when no proposal awaits', () => {
    const state = {
      stage: 'POST_INSPECTION',
      history: history('recordInspection', 'POST_INSPECTION'),
      inspections: [],
    };
    expect(revocationProposedAt(state)).toBeNull();
  });
});
