import {
  IsoDuration,
  PositiveDuration,
  addDuration,
  durationAtLeast,
  durationToMs,
  isZeroDuration,
  parseDuration,
  subtractDuration,
} from '../../domain/duration';

const utc = (iso: string) => new Date(iso);

describe('IsoDuration', () => {
  it.each(['P36M', 'P30D', 'P12M', 'PT5M', 'P1Y2M3DT4H5M6S', 'PT0.5S', 'P2W', 'P0D', 'PT36H'])('accepts %s', (iso) => {
    expect(IsoDuration.safeParse(iso)).toEqual({ success: true, data: iso });
  });

  it.each(['', 'P', 'PT', 'P1DT', '-P1D', 'P-1D', 'P1.5D', 'PT1.5M', '30D', 'P30', 'P1D2Y', 'p30d', 'P30D ', 'T5M'])(
    'refuses %j with a message naming the format',
    (iso) => {
      const parsed = IsoDuration.safeParse(iso);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([
        'must be an ISO-8601 duration such as P30D or PT5M',
      ]);
    },
  );

  it('refuses a number', () => {
    expect(IsoDuration.safeParse(30).success).toBe(false);
  });
});

describe('parseDuration', () => {
  it('reads every unit', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7.25S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7.25,
    });
  });

  it('tells months (before T) from minutes (after T)', () => {
    expect(parseDuration('P36M')).toMatchObject({ months: 36, minutes: 0 });
    expect(parseDuration('PT5M')).toMatchObject({ months: 0, minutes: 5 });
  });

  it('throws a message naming the input', () => {
    expect(() => parseDuration('P')).toThrow('"P" must be an ISO-8601 duration such as P30D or PT5M');
  });
});

describe('addDuration', () => {
  it('adds 36 months of certificate validity', () => {
    expect(addDuration(utc('2023-09-15T00:00:00Z'), 'P36M')).toEqual(utc('2026-09-15T00:00:00Z'));
  });

  it('clamps 31 January + 1 month to the end of February', () => {
    expect(addDuration(utc('2023-01-31T10:00:00Z'), 'P1M')).toEqual(utc('2023-02-28T10:00:00Z'));
    expect(addDuration(utc('2024-01-31T10:00:00Z'), 'P1M')).toEqual(utc('2024-02-29T10:00:00Z'));
  });

  it('clamps 29 February + 1 year to 28 February', () => {
    expect(addDuration(utc('2024-02-29T00:00:00Z'), 'P1Y')).toEqual(utc('2025-02-28T00:00:00Z'));
    expect(addDuration(utc('2024-02-29T00:00:00Z'), 'P4Y')).toEqual(utc('2028-02-29T00:00:00Z'));
  });

  it('carries months across the year', () => {
    expect(addDuration(utc('2023-11-30T00:00:00Z'), 'P3M')).toEqual(utc('2024-02-29T00:00:00Z'));
    expect(addDuration(utc('2023-05-05T00:00:00Z'), 'P12M')).toEqual(utc('2024-05-05T00:00:00Z'));
  });

  it('adds months before days', () => {
    // Days first would give 31 Jan + P1M = 29 Feb.
    expect(addDuration(utc('2024-01-30T00:00:00Z'), 'P1M1D')).toEqual(utc('2024-03-01T00:00:00Z'));
  });

  it('adds days through a leap day', () => {
    expect(addDuration(utc('2024-02-28T00:00:00Z'), 'P2D')).toEqual(utc('2024-03-01T00:00:00Z'));
    expect(addDuration(utc('2023-02-28T00:00:00Z'), 'P2D')).toEqual(utc('2023-03-02T00:00:00Z'));
  });

  it('adds weeks, time and fractional seconds exactly', () => {
    expect(addDuration(utc('2023-06-01T00:00:00Z'), 'P2W')).toEqual(utc('2023-06-15T00:00:00Z'));
    expect(addDuration(utc('2023-06-01T23:58:00Z'), 'PT5M')).toEqual(utc('2023-06-02T00:03:00Z'));
    expect(addDuration(utc('2023-06-01T00:00:00Z'), 'PT0.5S')).toEqual(utc('2023-06-01T00:00:00.500Z'));
    expect(addDuration(utc('2023-01-31T00:00:00Z'), 'P1Y2M3DT4H5M6S')).toEqual(utc('2024-04-03T04:05:06Z'));
  });

  it('does not change its argument', () => {
    const date = utc('2023-01-31T00:00:00Z');
    addDuration(date, 'P1M');
    expect(date).toEqual(utc('2023-01-31T00:00:00Z'));
  });

  it('refuses an invalid duration', () => {
    expect(() => addDuration(utc('2023-01-01T00:00:00Z'), 'P1X')).toThrow('"P1X" must be an ISO-8601 duration');
  });
});

describe('subtractDuration', () => {
  it('gives the expiry notice 30 days before expiry', () => {
    expect(subtractDuration(utc('2026-09-15T00:00:00Z'), 'P30D')).toEqual(utc('2026-08-16T00:00:00Z'));
  });

  it('gives a reminder 7 days before a deadline across a month', () => {
    expect(subtractDuration(utc('2023-03-03T17:00:00Z'), 'P7D')).toEqual(utc('2023-02-24T17:00:00Z'));
  });

  it('clamps 31 March - 1 month to the end of February, leap year or not', () => {
    expect(subtractDuration(utc('2024-03-31T00:00:00Z'), 'P1M')).toEqual(utc('2024-02-29T00:00:00Z'));
    expect(subtractDuration(utc('2023-03-31T00:00:00Z'), 'P1M')).toEqual(utc('2023-02-28T00:00:00Z'));
  });

  it('carries months back across the year', () => {
    expect(subtractDuration(utc('2026-02-15T00:00:00Z'), 'P36M')).toEqual(utc('2023-02-15T00:00:00Z'));
    expect(subtractDuration(utc('2024-01-15T00:00:00Z'), 'P2M')).toEqual(utc('2023-11-15T00:00:00Z'));
  });

  it('subtracts months, then days, then time', () => {
    expect(subtractDuration(utc('2024-03-31T00:00:00Z'), 'P1M1DT1H')).toEqual(utc('2024-02-27T23:00:00Z'));
  });

  it('undoes addDuration when no day is clamped', () => {
    const start = utc('2023-04-15T08:30:00Z');
    expect(subtractDuration(addDuration(start, 'P1Y2M3DT4H5M6S'), 'P1Y2M3DT4H5M6S')).toEqual(start);
  });
});

describe('durationToMs', () => {
  it('measures days, weeks and time exactly', () => {
    expect(durationToMs('PT5M')).toBe(300_000);
    expect(durationToMs('P30D')).toBe(30 * 86_400_000);
    expect(durationToMs('P2W')).toBe(14 * 86_400_000);
    expect(durationToMs('P1DT1H1M1.5S')).toBe(86_400_000 + 3_600_000 + 60_000 + 1_500);
    expect(durationToMs('PT0.5S')).toBe(500);
  });

  it('accepts zero years and months', () => {
    expect(durationToMs('P0Y0M1D')).toBe(86_400_000);
  });

  it.each(['P36M', 'P1Y', 'P1Y2M3DT4H'])('refuses %s, which has no fixed length', (iso) => {
    expect(() => durationToMs(iso)).toThrow(
      `"${iso}" has years or months, which have no fixed length: add it to a date with addDuration`,
    );
  });
});

describe('the longest duration', () => {
  it.each(['P101Y', 'P1201M', 'P751814Y409003M', 'PT880000H', 'P6Y768171M725D'])(
    'refuses %s as longer than 100 years',
    (iso) => {
      const result = IsoDuration.safeParse(iso);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual(['must be at most 100 years']);
    },
  );

  it.each(['P100Y', 'P36M', 'PT5M'])('accepts %s', (iso) => {
    expect(IsoDuration.safeParse(iso).success).toBe(true);
  });
});

describe('PositiveDuration', () => {
  it.each(['P1D', 'PT1S', 'P12M', 'PT0.5S', 'P0Y1M'])('accepts %s', (iso) => {
    expect(PositiveDuration.safeParse(iso)).toEqual({ success: true, data: iso });
  });

  it.each(['P0D', 'PT0S', 'P0Y0M0W0DT0H0M0S', 'PT0.0S'])('refuses %s as no period', (iso) => {
    expect(PositiveDuration.safeParse(iso).error?.issues.map((i) => i.message)).toEqual([
      'must be longer than zero: P0D or PT0S would fall due at once, and repeat forever',
    ]);
  });

  it.each(['-P1D', '-PT5M', ' -P12M'])('refuses the negative %j, naming the rule', (iso) => {
    expect(PositiveDuration.safeParse(iso).error?.issues.map((i) => i.message)).toEqual([
      'must be a positive period: a negative one such as -P1D runs backwards',
    ]);
  });

  it('still refuses what is not a duration', () => {
    expect(PositiveDuration.safeParse('30 days').error?.issues.map((i) => i.message)).toEqual([
      'must be an ISO-8601 duration such as P30D or PT5M',
    ]);
  });

  it('tells zero from positive', () => {
    expect(['P0D', 'PT0S', 'P1D', 'PT0.001S'].map(isZeroDuration)).toEqual([true, true, false, false]);
  });
});

describe('durationAtLeast', () => {
  const atLeast30Days = durationAtLeast('P30D', 'the expiry notice policy');

  it.each(['P30D', 'P31D', 'P2M', 'P1Y', 'PT720H', 'P4W2D'])('accepts %s for P30D', (iso) => {
    expect(atLeast30Days.safeParse(iso).success).toBe(true);
  });

  it.each(['P29D', 'PT719H', 'P4W1D', 'P1M'])('refuses %s, shorter than P30D from some date', (iso) => {
    expect(atLeast30Days.safeParse(iso).error?.issues.map((i) => i.message)).toEqual([
      'must be at least P30D (the expiry notice policy) from any date; a month counts as 28 days',
    ]);
  });

  it('refuses P0D as no period before comparing', () => {
    expect(atLeast30Days.safeParse('P0D').error?.issues.map((i) => i.message)).toEqual([
      'must be longer than zero: P0D or PT0S would fall due at once, and repeat forever',
    ]);
  });

  it('counts a month in the floor as its longest', () => {
    expect(durationAtLeast('P1M').safeParse('P31D').success).toBe(true);
    expect(durationAtLeast('P1M').safeParse('P30D').error?.issues[0]?.message).toBe(
      'must be at least P1M from any date; a month counts as 28 days',
    );
  });
});
