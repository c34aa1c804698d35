// When a deadline's reminders go out and how long each wait lasts
// (domain/reminder-times.ts), which workflows/deadline.ts waits on.
import { remindersAhead, timeoutUntil } from '../../domain/reminder-times';

const NOW = Date.parse('2024-05-01T08:00:00.000Z');
const ms = (instant: string) => Date.parse(instant);

describe('remindersAhead', () => {
  it('sends each reminder its offset before the deadline, soonest first whatever the order configured', () => {
    const expected = [
      { offset: 'P7D', at: ms('2024-05-03T08:00:00.000Z') },
      { offset: 'P1D', at: ms('2024-05-09T08:00:00.000Z') },
    ];
    expect(remindersAhead('2024-05-10T08:00:00.000Z', ['P7D', 'P1D'], NOW)).toEqual(expected);
    expect(remindersAhead('2024-05-10T08:00:00.000Z', ['P1D', 'P7D'], NOW)).toEqual(expected);
  });

  it('does not send late a reminder whose time has come or passed when the deadline is set', () => {
    // Due in exactly one day: the P1D reminder would go out now, and does not.
    expect(remindersAhead('2024-05-02T08:00:00.000Z', ['P7D', 'P1D'], NOW)).toEqual([]);
    expect(remindersAhead('2024-05-02T08:00:00.001Z', ['P7D', 'P1D'], NOW)).toEqual([{ offset: 'P1D', at: NOW + 1 }]);
  });

  it('sends none for a deadline already past', () => {
    expect(remindersAhead('2024-04-30T08:00:00.000Z', ['P7D', 'P1D', 'PT5M'], NOW)).toEqual([]);
  });

  it('sends none when the policy configures none', () => {
    expect(remindersAhead('2024-06-01T08:00:00.000Z', [], NOW)).toEqual([]);
  });

  it('counts a month back from the end of March to the end of February, which has 29 days in a leap year', () => {
    const before = (dueAt: string) => remindersAhead(dueAt, ['P1M'], ms('2020-01-01T00:00:00.000Z'))[0]?.at;
    expect(before('2024-03-31T03:00:00.000Z')).toBe(ms('2024-02-29T03:00:00.000Z'));
    expect(before('2023-03-31T03:00:00.000Z')).toBe(ms('2023-02-28T03:00:00.000Z'));
  });

  it('orders a month and 30 days by the calendar: from 31 March a month back is the earlier', () => {
    expect(remindersAhead('2024-03-31T03:00:00.000Z', ['P30D', 'P1M'], ms('2024-01-01T00:00:00.000Z'))).toEqual([
      { offset: 'P1M', at: ms('2024-02-29T03:00:00.000Z') },
      { offset: 'P30D', at: ms('2024-03-01T03:00:00.000Z') },
    ]);
  });

  it('takes minutes for a compressed calendar', () => {
    expect(remindersAhead('2024-05-01T08:10:00.000Z', ['PT5M'], NOW)).toEqual([
      { offset: 'PT5M', at: ms('2024-05-01T08:05:00.000Z') },
    ]);
  });

  it('keeps both of two offsets that fall at the same time, in the order configured', () => {
    expect(remindersAhead('2024-05-10T08:00:00.000Z', ['P1W', 'P7D'], NOW).map((r) => r.offset)).toEqual([
      'P1W',
      'P7D',
    ]);
  });
});

describe('timeoutUntil', () => {
  it('waits until the wake time', () => {
    expect(timeoutUntil(NOW + 86_400_000, NOW)).toBe(86_400_000);
    expect(timeoutUntil(NOW + 1, NOW)).toBe(1);
  });

  it('waits 1 ms, never 0 or less, for a wake time that has come or passed', () => {
    expect(timeoutUntil(NOW, NOW)).toBe(1);
    expect(timeoutUntil(NOW - 60_000, NOW)).toBe(1);
  });
});
