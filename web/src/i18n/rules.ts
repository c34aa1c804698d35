// The domain's rules in the reader's language. The domain's schemas, the workflows and the API word every rule in
// English ("must give the reason", "must be later than the current registrationCloses 2026-04-30T16:59:00.000Z"),
// and the API hands those words on as they are. Each rule a person can meet has its words in the `rules` catalogue,
// found here by how the rule reads; the numbers, dates and names it carries are taken out (named groups) and given
// back in the reader's words. A message no rule matches (zod's own, already in the app's language) stays as it is.
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format/dates';

/** One rule's wording: its key in the `rules` catalogue, and the pattern whose named groups the words interpolate. */
export interface Rule {
  key: string;
  pattern: RegExp;
}

// Anchored and case-sensitive, so that no catalogue's own words (which begin with a capital) are read as a rule.
// Where two rules begin alike, the narrower comes first.
export const RULES: readonly Rule[] = [
  // Texts, numbers and identifiers (domain/schemas.ts, ids.ts, units.ts, duration.ts, access.ts; api/openapi.ts).
  { key: 'empty', pattern: /^must not be empty$/ },
  { key: 'atMostCharacters', pattern: /^must be at most (?<max>\d+) characters$/ },
  { key: 'atMostYears', pattern: /^must be at most (?<max>\d+) years$/ },
  { key: 'atMostDays', pattern: /^must be at most (?<max>\d+) days$/ },
  { key: 'atMostPoints', pattern: /^must be at most (?<max>\d+) \(part (?<part>[^ )]+) under [^)]+\)$/ },
  { key: 'atMost', pattern: /^must be at most (?<max>\d+)$/ },
  { key: 'atLeastMinutes', pattern: /^must be at least (?<min>\d+) minutes?$/ },
  { key: 'atLeast', pattern: /^must be at least (?<min>\d+)$/ },
  { key: 'wholeNumber', pattern: /^must be a whole number$/ },
  { key: 'positivePeriod', pattern: /^must be a positive period/ },
  { key: 'zeroPeriod', pattern: /^must be longer than zero/ },
  { key: 'atLeastPeriod', pattern: /^must be at least (?<min>P\w+)(?: \((?<why>[^)]*)\))? from any date/ },
  { key: 'atMostRounds', pattern: /^must be at most (?<max>\d+) rounds/ },
  { key: 'atMostSheets', pattern: /^must (?:list|hold) at most (?<max>\d+) sheets$/ },
  { key: 'atMostProducts', pattern: /^must list at most (?<max>\d+) products$/ },
  { key: 'duration', pattern: /^must be an ISO-8601 duration/ },
  { key: 'provinceCode', pattern: /^must be 2 or 3 capital letters/ },
  { key: 'unitCode', pattern: /^must be a 3 to 5 digit administrative code/ },
  { key: 'productId', pattern: /^must look like CB-2023-0007/ },
  { key: 'cycleId', pattern: /^must look like CB-2023 / },
  { key: 'email', pattern: /^must be an email address/ },
  { key: 'url', pattern: /^must be an http:\/\/ or https:\/\/ URL$/ },
  { key: 'cursor', pattern: /^must be the nextCursor of the previous page/ },
  // A product's actions (domain/product.ts, scoring.ts; workflows/product/application.ts).
  { key: 'reason', pattern: /^must give the reason$/ },
  { key: 'documents', pattern: /^must list at least one document$/ },
  { key: 'missing', pattern: /^must name what is missing$/ },
  { key: 'findings', pattern: /^must say what to correct$/ },
  { key: 'grounds', pattern: /^must give the grounds$/ },
  { key: 'partMissing', pattern: /^is missing \(part (?<part>[^ )]+)/ },
  { key: 'notANumber', pattern: /^must be a finite number/ },
  { key: 'negative', pattern: /^must not be negative/ },
  { key: 'notAScorePart', pattern: /^is not a score part under \S+ \(expected (?<expected>[^)]+)\)$/ },
  { key: 'bonus', pattern: /^must be between 0 and (?<max>\d+)$/ },
  { key: 'duplicateMember', pattern: /^"(?<member>.*)" already scored in sheets\[\d+\]/ },
  { key: 'members', pattern: /^needs at least (?<count>\d+) member/ },
  { key: 'afterNow', pattern: /^must be after now/ },
  { key: 'notFuture', pattern: /^must not be in the future$/ },
  { key: 'laterThanDeadline', pattern: /^must be later than the current deadline (?<at>\S+)$/ },
  { key: 'beforeExpiry', pattern: /^must not be after the certificate expires \((?<at>[^)]+)\)$/ },
  { key: 'belowStars', pattern: /^must be below the current (?<stars>\d+) stars$/ },
  { key: 'expiryNotExtended', pattern: /^a certificate-expiry date is not extended/ },
  { key: 'deadlinePassed', pattern: /^the (?<deadlineKind>[\w-]+) deadline (?<at>\S+) has passed$/ },
  { key: 'noOpenDeadline', pattern: /^stage (?<stage>\w+) has no open deadline to extend$/ },
  // A council's own rules and the mandatory criteria by star (domain/council.ts, scoring.ts; action-checks.ts).
  { key: 'councilSizeRequired', pattern: /^is required: the number of appointed members, chair included$/ },
  { key: 'wholeNumberRange', pattern: /^must be a whole number from (?<min>\d+) to (?<max>\d+)$/ },
  {
    key: 'quorum',
    pattern: /^(?<scored>\d+) of (?<size>\d+) members scored; the quorum under \S+ is (?<needed>\d+) \(/,
  },
  { key: 'sheetsOverSize', pattern: /^(?<sheets>\d+) sheets for a council of (?<size>\d+) members$/ },
  { key: 'noChair', pattern: /^no sheet is marked chair/ },
  { key: 'secondChair', pattern: /^sheets\[(?<sheet>\d+)\] is already the chair's: one chair per council$/ },
  { key: 'oneRound', pattern: /^must be 1: councils under \S+ score in one round$/ },
  { key: 'mustBeSecondRound', pattern: /^must be 2: the first round's sheets spread too far/ },
  { key: 'mustBeFirstRound', pattern: /^must be 1: a second round follows only a first round spread too far$/ },
  { key: 'noBonus', pattern: /^must be 0: \S+ gives no bonus points/ },
  { key: 'atMostCriteria', pattern: /^must list at most (?<max>\d+) criteria$/ },
  { key: 'beforeRegistered', pattern: /^must not be before the product was registered on (?<day>\S+)$/ },
  // The recognition decision and post-inspection (domain/recognition.ts, post-inspection.ts; recognition.ts).
  { key: 'decisionNumber', pattern: /^must give the decision number/ },
  { key: 'decisionAuthority', pattern: /^must name the authority that issued the decision$/ },
  { key: 'decisionNotFuture', pattern: /^must not be in the future: record a decision once it is issued$/ },
  { key: 'beforeMeeting', pattern: /^must not be before the council's meeting on (?<day>\S+)$/ },
  { key: 'ministryNumber', pattern: /^required for a 5-star certificate, which the ministry numbers$/ },
  { key: 'notMinistry', pattern: /^only a 5-star certificate carries the ministry's number/ },
  { key: 'noPendingRating', pattern: /^no rating awaits a recognition decision$/ },
  { key: 'reevaluationFindings', pattern: /^must say why the product is referred to re-evaluation$/ },
  { key: 'teamFindings', pattern: /^must say what the team found$/ },
  { key: 'authorityOnly', pattern: /^inspectors do not change a rating or revoke on their own authority/ },
  { key: 'beforeCertificate', pattern: /^must not be before the certificate was decided \((?<day>[^)]+)\)$/ },
  { key: 'beforeProposal', pattern: /^must not be before the revocation was proposed \((?<day>[^,)]+)/ },
  { key: 'otherGround', pattern: /^must state the ground when the ground is 'other'$/ },
  // A decision for many products (api/recognition-decisions.ts).
  { key: 'atLeastOneProduct', pattern: /^must list at least one product$/ },
  { key: 'listedTwice', pattern: /^lists (?<id>\S+) twice$/ },
  { key: 'productOfCycle', pattern: /^must be a product of cycle (?<cycle>\S+)$/ },
  { key: 'productUnknown', pattern: /^no product (?<id>\S+) is registered$/ },
  // A cycle's calendar (domain/cycle.ts; workflows/cycle/annual-cycle.ts).
  { key: 'laterThanCalendar', pattern: /^must be later than the current (?<point>[\w.]+) (?<at>\S+)$/ },
  { key: 'afterCalendar', pattern: /^must be after calendar\.(?<point>[\w.]+) \((?<at>[^)]+)\)$/ },
  { key: 'yearOfCalendar', pattern: /^must be the year registration opens \((?<year>\d+)\)$/ },
  { key: 'calendarOrRehearsal', pattern: /^give either calendar or rehearsal, not both$/ },
  { key: 'notInCalendar', pattern: /^(?<point>[\w.]+) is not in this cycle's calendar$/ },
  { key: 'calendarPassed', pattern: /^(?<point>[\w.]+) already passed on (?<at>\S+)$/ },
  { key: 'registrationNotOpen', pattern: /^registration opens on (?<at>\S+)$/ },
  { key: 'registrationClosed', pattern: /^registration closed on (?<at>\S+)$/ },
  // Starting a cycle (domain/cycle-start.ts, cycle.ts): the rule set in force by date, a calendar ahead of us.
  {
    key: 'ruleSetNotInForce',
    pattern:
      /^is (?<asked>OCOP_\w+), but (?<inForce>OCOP_\w+) \(.*\) is in force when registration opens on (?<day>\S+);/,
  },
  { key: 'calendarAllPast', pattern: /^is \S+, already past: the whole calendar has passed/ },
  { key: 'overrideReason', pattern: /^must give the reason, e\.g\. the transitional provision/ },
  { key: 'overrideNotNeeded', pattern: /^is only for a rule set other than the one in force \((?<inForce>OCOP_\w+)\)/ },
  { key: 'rehearsalNoOverride', pattern: /^a rehearsal uses the rule set it names without an override/ },
  { key: 'rehearsalNotBackfill', pattern: /^a rehearsal is not a back-fill of records/ },
  { key: 'backfillNotPast', pattern: /^is only for a calendar entirely in the past; this one ends on (?<at>\S+)$/ },
  { key: 'unknownKey', pattern: /^unknown key (?<key>.+); the keys are (?<keys>.+)$/ },
  // A registration (domain/cycle.ts, product.ts; api/routes/cycles.ts).
  { key: 'unitRequired', pattern: /^required: the code of the district/ },
  {
    key: 'previousRequired',
    pattern: /^required for a (?<applicationKind>[\w-]+): the product whose certificate it replaces$/,
  },
  { key: 'previousNotAllowed', pattern: /^only a re-evaluation or an upgrade names a previous product$/ },
  { key: 'previousItself', pattern: /^must name an earlier application, not (?<id>\S+) itself$/ },
  { key: 'previousUnknown', pattern: /^must name an existing application: (?<id>\S+) is not known$/ },
  {
    key: 'previousOtherSubject',
    pattern: /^must name an application of subject (?<subject>\S+): (?<id>\S+) belongs to another subject$/,
  },
  {
    key: 'previousOtherProduct',
    pattern: /^must name an application of the same product: (?<id>\S+) is "(?<name>.*)"$/,
  },
  { key: 'previousNotCertified', pattern: /^must name a certified application: (?<id>\S+) holds no certificate/ },
  { key: 'previousOtherProvince', pattern: /^must name an application of (?<province>\w+), not (?<id>\S+)$/ },
  {
    key: 'alreadyRegistered',
    pattern: /^"(?<name>.*)" of subject (?<subject>\S+) is already registered in (?<cycle>\S+) as (?<id>\S+)$/,
  },
  // A grant (domain/access.ts, units.ts).
  { key: 'absent', pattern: /^must be absent: / },
  { key: 'subjectRequired', pattern: /^is required for a subject grant$/ },
  { key: 'unitForLevel', pattern: /^is required for a (?<role>\w+) grant at level (?<level>\w+)$/ },
  { key: 'levelRequired', pattern: /^is required for a (?<role>\w+) grant: one of (?<levels>.+)$/ },
  { key: 'wrongLevel', pattern: /^a (?<role>\w+) grant must be at one of (?<levels>.+)$/ },
  { key: 'unknownDistrict', pattern: /^must be one of (?<province>.+)'s districts(?: under \S+)?: / },
  { key: 'unknownCommune', pattern: /^must be one of (?<province>.+)'s communes(?: under \S+)?: / },
  { key: 'noUnitList', pattern: /^no list of (?<province>.+)'s .+ is known to the engine yet$/ },
  { key: 'afterValidFrom', pattern: /^must be after validFrom \((?<at>[^)]+)\)$/ },
];

export interface RuleMatch {
  key: string;
  values: Record<string, string>;
}

/** The rule a message words, with the values it carries; undefined when it is no rule the catalogue knows. */
export function matchRule(message: string): RuleMatch | undefined {
  for (const { key, pattern } of RULES) {
    const match = pattern.exec(message);
    if (match) return { key, values: { ...match.groups } };
  }
  return undefined;
}

/**
 * The rules a problem's detail names. The API words it as the client library words a refusal,
 * `what: a.b: rule; c: rule` (api/errors.ts), so each part loses its action and its field before it is matched.
 */
export function rulesOfDetail(detail: string): string[] {
  return detail.split('; ').map((part) => part.replace(/^[\w ]+: (?=[\w.[\]]+: )/, '').replace(/^[\w.[\]]+: /, ''));
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

const inCatalogue =
  (prefix: string) =>
  (t: Translate, value: string): string =>
    t(`${prefix}.${value}`, { defaultValue: value });

/** A date of the calendar by its name in the cycles' catalogue: `registrationCloses`, `evaluation.district`. */
function calendarPoint(t: Translate, point: string): string {
  const [date = point, level] = point.split('.');
  const options = level ? { level: inCatalogue('domain:level')(t, level) } : {};
  return t(`cycles:calendarDate.${date}`, { ...options, defaultValue: point });
}

/** How each named value reads in the reader's words; any other value (a number, an id) is shown as it is. */
const VALUE_WORDS: Readonly<Record<string, (t: Translate, value: string) => string>> = {
  at: (_t, value) => (Number.isNaN(Date.parse(value)) ? value : formatDateTime(value)),
  point: calendarPoint,
  role: inCatalogue('domain:grantRole'),
  level: inCatalogue('domain:level'),
  levels: (t, value) =>
    value
      .split(', ')
      .map((level) => inCatalogue('domain:level')(t, level))
      .join(', '),
  deadlineKind: inCatalogue('domain:deadlineKind'),
  applicationKind: inCatalogue('domain:kind'),
  stage: inCatalogue('domain:stage'),
  asked: inCatalogue('cycles:ruleSet'),
  inForce: inCatalogue('cycles:ruleSet'),
  // A sheet's index as the form numbers its sheets, from 1.
  sheet: (_t, value) => String(Number(value) + 1),
  // An ISO day (2026-12-02) in the office's dd/MM/yyyy; a day already written so stays.
  day: (_t, value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value.split('-').reverse().join('/') : value),
};

/** A matched rule in the words of `t`'s language. */
export function ruleWords(t: Translate, { key, values }: RuleMatch): string {
  const words = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, VALUE_WORDS[name]?.(t, value) ?? value]),
  );
  return t(`rules:${key}`, words);
}

/** A message in the words of `t`'s language when it words a known rule, else the message as it is. */
export function ruleText(t: Translate, message: string): string {
  const match = matchRule(message);
  return match ? ruleWords(t, match) : message;
}

/** For a field's error beside the field: the rule in the reader's language. */
export function useRuleText(): (message: string | undefined) => string | undefined {
  const { t } = useTranslation('rules');
  return (message) => (message ? ruleText(t, message) : undefined);
}
