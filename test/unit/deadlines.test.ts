import { inspectionDueDates } from '../../domain/deadlines';

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
