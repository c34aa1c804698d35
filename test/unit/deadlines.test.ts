import {
  certificateTerms,
  dossierReviewDeadline,
  evaluationDeadline,
  inspectionDueDates,
  scaleDuration,
} from '../../domain/deadlines';
import { CycleDurations, ProductApplicationInput } from '../../domain/product';
import { getRuleSet } from '../../domain/rules';
import { hatDe } from '../support/fixtures';

describe('inspectionDueDates', () => {
  const decidedOn = '2026-01-31T03:00:00.000Z';
  const validUntil = '2029-01-31T03:00:00.000Z';

  it('falls due every interval after the decision, up to and including the expiry', () => {
    expect(inspectionDueDates(decidedOn, validUntil, 'P12M')).toEqual([
      '2027-01-31T03:00:00.000Z',
      '2028-01-31T03:00:00.000Z',
      '2029-01-31T03:00:00.000Z',
    ]);
  });

  it('does not drift at month ends: every k-th date is k intervals from the decision', () => {
    const dates = inspectionDueDates(decidedOn, '2026-06-30T03:00:00.000Z', 'P1M');
    expect(dates.slice(0, 3)).toEqual([
      '2026-02-28T03:00:00.000Z',
      '2026-03-31T03:00:00.000Z',
      '2026-04-30T03:00:00.000Z',
    ]);
  });

  it('counts an inspection due at the very instant of expiry, and none a millisecond after it', () => {
    expect(inspectionDueDates(decidedOn, '2029-01-31T02:59:59.999Z', 'P12M')).toEqual([
      '2027-01-31T03:00:00.000Z',
      '2028-01-31T03:00:00.000Z',
    ]);
  });

  it('keeps a decision of 29 February on the last day of February, and on the 29th again in a leap year', () => {
    // A chain of yearly steps would stay on the 28th once it reached it; k years from the decision does not.
    expect(inspectionDueDates('2024-02-29T03:00:00.000Z', '2028-02-29T03:00:00.000Z', 'P12M')).toEqual([
      '2025-02-28T03:00:00.000Z',
      '2026-02-28T03:00:00.000Z',
      '2027-02-28T03:00:00.000Z',
      '2028-02-29T03:00:00.000Z',
    ]);
  });

  it('falls on the 31st again after a February, every six months from 31 August', () => {
    expect(inspectionDueDates('2023-08-31T03:00:00.000Z', '2025-08-31T03:00:00.000Z', 'P6M')).toEqual([
      '2024-02-29T03:00:00.000Z',
      '2024-08-31T03:00:00.000Z',
      '2025-02-28T03:00:00.000Z',
      '2025-08-31T03:00:00.000Z',
    ]);
  });

  it('adds days exactly, counting the leap day', () => {
    expect(inspectionDueDates('2024-02-01T03:00:00.000Z', '2024-04-01T03:00:00.000Z', 'P30D')).toEqual([
      '2024-03-02T03:00:00.000Z',
      '2024-04-01T03:00:00.000Z',
    ]);
    expect(inspectionDueDates('2023-02-01T03:00:00.000Z', '2023-03-03T03:00:00.000Z', 'P30D')).toEqual([
      '2023-03-03T03:00:00.000Z',
    ]);
  });

  it('gives none when the first falls after the expiry', () => {
    expect(inspectionDueDates(decidedOn, '2026-06-30T00:00:00.000Z', 'P12M')).toEqual([]);
  });

  it.each(['P0D', 'PT0S', 'P0Y0M'])('refuses a zero interval %s instead of looping', (interval) => {
    expect(() => inspectionDueDates(decidedOn, validUntil, interval)).toThrow(
      `postInspectionInterval: "${interval}" is no period: inspections need an interval longer than zero`,
    );
  });

  it('refuses an interval that would give more than 1000 inspections', () => {
    expect(() => inspectionDueDates(decidedOn, validUntil, 'PT1H')).toThrow(
      `postInspectionInterval: "PT1H" gives more than 1000 inspections before ${validUntil}`,
    );
  });
});

describe('scaleDuration', () => {
  it('multiplies every part, so the k-th step is one addition from the start', () => {
    expect(scaleDuration('P12M', 3)).toBe('P0Y36M0W0DT0H0M0S');
    expect(scaleDuration('P1Y2M3W4DT5H6M7S', 2)).toBe('P2Y4M6W8DT10H12M14S');
  });
});

describe('the deadlines a stage sets', () => {
  const now = new Date('2024-05-01T08:00:00.000Z');
  const application = (evaluation: Record<string, string>) =>
    ProductApplicationInput.parse(
      hatDe('CB-2024-0001', { deadlines: { dossier: '2024-04-01T00:00:00.000Z', evaluation } }),
    );

  it("gives a council the calendar's date for its level while that date lies ahead", () => {
    const app = application({ district: '2024-05-01T08:00:00.001Z' });
    expect(evaluationDeadline(app, 'district', now)).toEqual({
      kind: 'evaluation',
      dueAt: '2024-05-01T08:00:00.001Z',
      level: 'district',
    });
  });

  it("gives the cycle's default span, 30 days, once the calendar's date has come or for a level it does not name", () => {
    const app = application({ district: now.toISOString() });
    const inThirtyDays = { kind: 'evaluation', dueAt: '2024-05-31T08:00:00.000Z' };
    expect(evaluationDeadline(app, 'district', now)).toEqual({ ...inThirtyDays, level: 'district' });
    expect(evaluationDeadline(app, 'province', now)).toEqual({ ...inThirtyDays, level: 'province' });
  });

  it('gives an officer 15 days to review a dossier unless the cycle says otherwise', () => {
    expect(dossierReviewDeadline(CycleDurations.parse({}), now).dueAt).toBe('2024-05-16T08:00:00.000Z');
    expect(dossierReviewDeadline(CycleDurations.parse({ dossierReview: 'PT5M' }), now).dueAt).toBe(
      '2024-05-01T08:05:00.000Z',
    );
  });

  it("takes the certificate's terms from the rule set, 36 months and yearly inspections, unless the cycle overrides them", () => {
    const ruleSet = getRuleSet('OCOP_148_2023');
    expect(certificateTerms(ruleSet, CycleDurations.parse({}))).toEqual({
      validity: 'P36M',
      inspectionInterval: 'P12M',
      expiryNoticeLead: 'P30D',
    });
    expect(certificateTerms(ruleSet, CycleDurations.parse({ postInspectionInterval: 'P6M' })).inspectionInterval).toBe(
      'P6M',
    );
  });
});
