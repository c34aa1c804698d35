// A cycle's calendar as the read model holds it: the date that ends the phase
// the cycle last recorded; and how a start body gives a cycle its calendar, a
// year's dates or a rehearsal's minutes.
import {
  type CycleCalendar,
  phaseAt,
  phaseEndOf,
  Rehearsal,
  rehearsalCalendar,
  StartCycleBody,
} from '../../domain/cycle';

const CALENDAR: CycleCalendar = {
  registrationOpens: '2023-03-01T00:00:00+07:00',
  registrationCloses: '2023-04-30T23:59:00+07:00',
  dossierDeadline: '2023-05-31T23:59:00+07:00',
  evaluation: { district: '2023-08-31T23:59:00+07:00', province: '2023-10-31T23:59:00+07:00' },
  cycleEnds: '2023-12-31T23:59:00+07:00',
};

const issues = (body: unknown) =>
  StartCycleBody.safeParse(body).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

const START = {
  province: 'CB',
  year: 2023,
  targets: { newProductsThreeStarsOrMore: 30 },
};

describe("the end of a cycle's phase", () => {
  it.each([
    ['NOT_OPEN', CALENDAR.registrationOpens],
    ['REGISTRATION', CALENDAR.registrationCloses],
    ['DOSSIER', CALENDAR.dossierDeadline],
    ['EVALUATION', CALENDAR.evaluation.province],
    ['CLOSING', CALENDAR.cycleEnds],
    ['ENDED', null],
  ] as const)('%s ends at %s', (phase, endsAt) => {
    expect(phaseEndOf(CALENDAR, phase)).toBe(endsAt);
  });

  it('is the date phaseAt gives while the phase is in force', () => {
    for (const at of ['2023-02-01', '2023-04-01', '2023-05-15', '2023-09-15', '2023-11-15', '2024-02-01']) {
      const { phase, endsAt } = phaseAt(CALENDAR, Date.parse(at));
      expect(phaseEndOf(CALENDAR, phase)).toBe(endsAt);
    }
  });
});

describe('a start body', () => {
  it('takes a calendar or a rehearsal, not both and not neither', () => {
    expect(issues({ ...START, calendar: CALENDAR })).toEqual([]);
    expect(issues({ ...START, rehearsal: { minutes: { registration: 5, dossier: 5, evaluation: {} } } })).toEqual([]);
    const either = ['calendar: give either calendar or rehearsal, not both'];
    expect(issues(START)).toEqual(either);
    expect(
      issues({ ...START, calendar: CALENDAR, rehearsal: { minutes: { registration: 5, dossier: 5, evaluation: {} } } }),
    ).toEqual(either);
  });

  it("says which rehearsal's minutes are out of bounds", () => {
    expect(issues({ ...START, rehearsal: { minutes: { registration: 0, dossier: 5, evaluation: {} } } })).toEqual([
      'rehearsal.minutes.registration: must be at least 1 minute',
    ]);
  });

  it("lays a rehearsal's dates out from now, each so many minutes after the one before", () => {
    const rehearsal = Rehearsal.parse({
      startsIn: 2,
      minutes: { registration: 10, dossier: 5, evaluation: { district: 3, province: 4 } },
    });
    expect(rehearsalCalendar(rehearsal, new Date('2023-03-01T00:00:00.000Z'))).toEqual({
      registrationOpens: '2023-03-01T00:02:00.000Z',
      registrationCloses: '2023-03-01T00:12:00.000Z',
      dossierDeadline: '2023-03-01T00:17:00.000Z',
      evaluation: { district: '2023-03-01T00:20:00.000Z', province: '2023-03-01T00:24:00.000Z' },
      cycleEnds: '2023-03-01T00:54:00.000Z',
    });
  });
});
