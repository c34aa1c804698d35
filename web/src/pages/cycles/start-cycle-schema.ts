// The start-a-cycle form as the API reads it. The fields hold what the inputs hold (datetime-local text in Vietnam's
// time, numbers as typed, shares in per cent); the schema turns them into the request body and checks that body
// with the schemas the API itself checks it with: the cycle's own (domain/cycle.ts) for a calendar, and the
// rehearsal's (also there) for a calendar of minutes. Every field is named by the body's path, so what the
// checks say of `calendar.dossierDeadline` shows beside that field, before sending or after.
import { z } from 'zod';
import { CAO_BANG_2023_TARGETS, CycleInput, Rehearsal, yearInVietnam } from '../../../../domain/cycle';
import { getRuleSet, ruleSetForDate, RuleSetId } from '../../../../domain/rules';
import { LevelId } from '../../../../domain/schemas';
import { fromLocalInput } from '../../format/dates';
import { checkedBy } from './checked-by';

export const CALENDAR_MODES = ['calendar', 'rehearsal'] as const;

const Text = z.string();
/** An empty input is a value left out; the body's schema says whether it may be. */
const numberOf = (text: string) => (text.trim() === '' ? undefined : Number(text));
const PerLevel = z.partialRecord(LevelId, Text);
/** A share typed in per cent, sent as a fraction of 1 as the plan's targets hold it. */
const Percent = Text.transform((text) => numberOf(text))
  .pipe(z.number().min(0).max(100))
  .transform((percent) => percent / 100);

const Fields = z.object({
  province: Text,
  year: Text,
  /** '' leaves it out: the API takes the rule set in force when registration opens. */
  ruleSetId: RuleSetId.or(z.literal('')),
  /** Why a real calendar keeps a rule set other than the one in force (quy định chuyển tiếp); '' for none. */
  ruleSetOverride: Text,
  mode: z.enum(CALENDAR_MODES),
  calendar: z.object({
    registrationOpens: Text,
    registrationCloses: Text,
    dossierDeadline: Text,
    evaluation: PerLevel,
    cycleEnds: Text,
  }),
  rehearsal: z.object({
    startsIn: Text,
    minutes: z.object({ registration: Text, dossier: Text, evaluation: PerLevel, closing: Text }),
  }),
  targets: z.object({
    newProductsThreeStarsOrMore: Text,
    productsFourStarsOrMore: Text,
    productsFiveStars: Text,
    cooperativeShare: Percent,
    smeShare: Percent,
    rankedProductsKeptShare: Percent,
  }),
});
export type StartCycleFields = z.input<typeof Fields>;
type Parsed = z.output<typeof Fields>;

const instantOf = (text: string) => (text === '' ? undefined : fromLocalInput(text));

/**
 * The rule set the cycle will run under: the one chosen, or the one in force when registration opens (a
 * rehearsal's opens now). It names the levels whose councils the calendar dates.
 */
export function effectiveRuleSet(
  fields: Pick<StartCycleFields, 'ruleSetId' | 'mode'> & { registrationOpens: string },
  now: Date = new Date(),
): RuleSetId {
  if (fields.ruleSetId) return fields.ruleSetId;
  const opens = fields.mode === 'calendar' ? instantOf(fields.registrationOpens) : undefined;
  return ruleSetForDate(opens ?? now.toISOString()).id;
}

/** A transitional arrangement's reason is sent only with a real calendar naming a rule set other than the one in force. */
export function needsOverride(fields: Pick<StartCycleFields, 'ruleSetId' | 'mode'> & { registrationOpens: string }) {
  return (
    fields.mode === 'calendar' &&
    fields.ruleSetId !== '' &&
    fields.ruleSetId !== effectiveRuleSet({ ...fields, ruleSetId: '' })
  );
}

/** Only the chosen rule set's levels sit in a council, so only theirs are sent. */
function perLevel<T>(ruleSetId: RuleSetId, values: Partial<Record<LevelId, string>>, read: (text: string) => T) {
  return Object.fromEntries(
    getRuleSet(ruleSetId).levels.flatMap(({ id }) => {
      const value = read(values[id] ?? '');
      return value === undefined ? [] : [[id, value]];
    }),
  );
}

/** The body as the form has it; the API's schemas below decide whether it may be sent. */
function toDraft(form: Parsed) {
  const ruleSetId = effectiveRuleSet({ ...form, registrationOpens: form.calendar.registrationOpens });
  const override = needsOverride({ ...form, registrationOpens: form.calendar.registrationOpens });
  const common = {
    province: form.province,
    year: Number(form.year),
    ...(form.ruleSetId ? { ruleSetId: form.ruleSetId } : {}),
    ...(override && form.ruleSetOverride.trim() ? { ruleSetOverride: { reason: form.ruleSetOverride } } : {}),
    targets: {
      newProductsThreeStarsOrMore: Number(form.targets.newProductsThreeStarsOrMore),
      productsFourStarsOrMore: Number(form.targets.productsFourStarsOrMore),
      productsFiveStars: Number(form.targets.productsFiveStars),
      cooperativeShare: form.targets.cooperativeShare,
      smeShare: form.targets.smeShare,
      rankedProductsKeptShare: form.targets.rankedProductsKeptShare,
    },
  };
  const { calendar, rehearsal } = form;
  if (form.mode === 'rehearsal') {
    const { minutes } = rehearsal;
    return {
      ...common,
      rehearsal: {
        startsIn: numberOf(rehearsal.startsIn),
        minutes: {
          registration: numberOf(minutes.registration),
          dossier: numberOf(minutes.dossier),
          evaluation: perLevel(ruleSetId, minutes.evaluation, numberOf),
          closing: numberOf(minutes.closing),
        },
      },
    };
  }
  return {
    ...common,
    calendar: {
      registrationOpens: instantOf(calendar.registrationOpens),
      registrationCloses: instantOf(calendar.registrationCloses),
      dossierDeadline: instantOf(calendar.dossierDeadline),
      evaluation: perLevel(ruleSetId, calendar.evaluation, instantOf),
      cycleEnds: instantOf(calendar.cycleEnds),
    },
  };
}

/** What POST /v1/cycles checks of a rehearsal: the cycle's fields but its calendar, and the rehearsal's minutes. */
const RehearsalStart = z.strictObject(CycleInput.shape).omit({ calendar: true }).extend({ rehearsal: Rehearsal });

/** The form's values in, the body the API accepts out: the same parse the API gives it, defaults filled in. */
export const StartCycleRequest = Fields.transform(toDraft).transform((draft, context) =>
  'rehearsal' in draft ? checkedBy(RehearsalStart)(draft, context) : checkedBy(CycleInput)(draft, context),
);

export type StartCycleRequestBody = z.output<typeof StartCycleRequest>;

/**
 * The calendar most provinces follow, the same the `ocop` CLI starts with: registration through March and April,
 * dossiers by 31 May, councils by 31 August, 31 October and 15 December (one date per level of the chain).
 */
export function calendarDefaults(year: string): StartCycleFields['calendar'] {
  const day = (monthDay: string, time = '23:59') => `${year}-${monthDay}T${time}`;
  return {
    registrationOpens: day('03-01', '00:00'),
    registrationCloses: day('04-30'),
    dossierDeadline: day('05-31'),
    evaluation: { district: day('08-31'), commune: day('08-31'), province: day('10-31'), central: day('12-15') },
    cycleEnds: day('12-31'),
  };
}

/** This year's cycle under Cao Bằng's 2023 plan (Kế hoạch 1070/KH-UBND); a rehearsal gives each step minutes. */
export function startCycleDefaults(province: string, now: Date = new Date()): StartCycleFields {
  const year = String(yearInVietnam(now.toISOString()));
  return {
    province,
    year,
    ruleSetId: '',
    ruleSetOverride: '',
    mode: 'calendar',
    calendar: calendarDefaults(year),
    rehearsal: {
      startsIn: '0',
      minutes: {
        registration: '30',
        dossier: '30',
        evaluation: { district: '30', commune: '30', province: '30', central: '30' },
        closing: '30',
      },
    },
    // Cao Bằng's plan for 2023, as the form's fields hold it: counts as text, shares in per cent.
    targets: {
      newProductsThreeStarsOrMore: String(CAO_BANG_2023_TARGETS.newProductsThreeStarsOrMore),
      productsFourStarsOrMore: String(CAO_BANG_2023_TARGETS.productsFourStarsOrMore),
      productsFiveStars: String(CAO_BANG_2023_TARGETS.productsFiveStars),
      cooperativeShare: String(CAO_BANG_2023_TARGETS.cooperativeShare * 100),
      smeShare: String(CAO_BANG_2023_TARGETS.smeShare * 100),
      rankedProductsKeptShare: String(CAO_BANG_2023_TARGETS.rankedProductsKeptShare * 100),
    },
  };
}
