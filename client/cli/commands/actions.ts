// The human actions of a product application, one subcommand each under
// `ocop product`. The payload comes from a JSON file, from flags, or both
// (flags win); you act as who you signed in as, under your grant. Each is
// checked against the action's schema before it is sent, the API checks the
// grant, and the workflow's validator has the last word: a refused action
// leaves no trace.
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { MAX_COUNCIL_SIZE } from '../../../domain/council';
import { ProductId } from '../../../domain/ids';
import {
  ExtendDeadline,
  RecordCouncilResult,
  RecordInspection,
  RecordRecognitionDecision,
  RecordRevocationDecision,
  ReviewDossier,
  RevocationGround,
  SubmitDossier,
  SubmitSupplement,
  Withdraw,
} from '../../../domain/product';
import { LevelId } from '../../../domain/schemas';
import type { ActionName } from '../../../domain/stages';
import { invalid, parseOrThrow } from '../errors';
import { formatActionAnswer } from '../format';
import { connect } from '../session';
import { group, needs, parseInstant, parseList, parseNumber, payloadFile, print } from './shared';

/** What a request body of each action holds: the domain's payload without the actor, whom the API names. */
const PAYLOADS: Record<ActionName, z.ZodType> = {
  submitDossier: SubmitDossier.omit({ actor: true }),
  reviewDossier: ReviewDossier.omit({ actor: true }),
  submitSupplement: SubmitSupplement.omit({ actor: true }),
  recordCouncilResult: RecordCouncilResult.omit({ actor: true }),
  recordInspection: RecordInspection.omit({ actor: true }),
  withdraw: Withdraw.omit({ actor: true }),
  extendDeadline: ExtendDeadline.omit({ actor: true }),
  recordRecognitionDecision: RecordRecognitionDecision.omit({ actor: true }),
  recordRevocationDecision: RecordRevocationDecision.omit({ actor: true }),
};

interface CommonOptions {
  product: string;
  file?: string;
  json?: boolean;
}

interface ActionSpec<A extends ActionName, O> {
  name: string;
  action: A;
  description: string;
  /** The flags that may stand in for fields of the file. */
  flags: (command: Command) => Command;
  /** The payload fields the flags give, undefined where a flag is absent. */
  fromFlags: (opts: O) => Record<string, unknown>;
  /** A field the payload takes when neither the file nor a flag gives it. */
  defaults?: () => Record<string, unknown>;
  /** What the flags change in the payload beyond its fields, e.g. which sheet is the chair's. */
  adjust?: (payload: Record<string, unknown>, opts: O) => Record<string, unknown>;
  /** The field a file holding a bare JSON array fills. */
  arrayField?: string;
  example: string;
}

const COUNCIL_SIZE = z.number().refine((n) => Number.isInteger(n) && n >= 1 && n <= MAX_COUNCIL_SIZE, {
  message: `must be a whole number from 1 to ${MAX_COUNCIL_SIZE}`,
});
/** The rule set's own cap is the workflow's to check; no total goes past 100. */
const BONUS = z.number().min(0, 'must not be negative').max(100, 'must be at most 100, the most a total can be');

const given = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

function defineAction<A extends ActionName, O>(product: Command, spec: ActionSpec<A, O>): void {
  const command = product
    .command(spec.name)
    .description(spec.description)
    .requiredOption('--product <id>', 'product application id, e.g. CB-2023-0007')
    .option('--file <file>', `JSON payload${spec.arrayField ? `, or a JSON array of ${spec.arrayField}` : ''}`);
  spec
    .flags(command)
    .option('--json', 'print the answer (where the application stands, and the transition recorded) as one JSON object')
    .addHelpText('after', `\nExample:\n  ${spec.example}`)
    .action(async (opts: CommonOptions & O) => {
      const productId = parseOrThrow(ProductId, opts.product, '--product');
      const merged = {
        ...spec.defaults?.(),
        ...(opts.file ? payloadFile(opts.file, spec.arrayField) : {}),
        ...given(spec.fromFlags(opts)),
      };
      const payload = spec.adjust ? spec.adjust(merged, opts) : merged;
      // Checked before anything is sent, so bad input is refused alike whether the API is up or not.
      parseOrThrow(PAYLOADS[spec.action], payload, spec.action);
      const answer = await connect().act(productId, spec.action, payload);
      print(Boolean(opts.json), answer, () => formatActionAnswer(answer));
    });
}

const documentsFlag = (command: Command) =>
  command.option('--documents <list>', 'comma-separated document names', parseList);

export function registerActionCommands(ocop: Command): void {
  const product = group(ocop, 'product', 'product applications (hồ sơ sản phẩm OCOP): register, show, act');

  defineAction(product, {
    name: 'submit-dossier',
    action: 'submitDossier',
    description: 'the subject submits its dossier (hồ sơ)',
    flags: documentsFlag,
    fromFlags: (o: { documents?: string[] }) => ({ documents: o.documents }),
    example: 'ocop product submit-dossier --product CB-2023-0007 --documents "Phiếu đăng ký,Báo cáo tự đánh giá"',
  });

  defineAction(product, {
    name: 'review',
    action: 'reviewDossier',
    description: 'an officer accepts the dossier, asks for a supplement, or rejects it',
    flags: (command) =>
      command
        .addOption(new Option('--decision <outcome>', 'the review').choices(['accept', 'request-supplement', 'reject']))
        .option('--missing <list>', 'with request-supplement: comma-separated missing documents', parseList)
        .option('--due <iso>', 'with request-supplement: when the supplement is due', parseInstant('--due'))
        .option('--reason <text>', 'with reject: why'),
    fromFlags: (o: { decision?: string; missing?: string[]; due?: string; reason?: string }) => {
      const because = `--decision ${o.decision}`;
      switch (o.decision) {
        case 'request-supplement':
          return {
            decision: {
              outcome: o.decision,
              missing: needs(o.missing, '--missing', because),
              dueAt: needs(o.due, '--due', because),
            },
          };
        case 'reject':
          return { decision: { outcome: o.decision, reason: needs(o.reason, '--reason', because) } };
        default:
          return { decision: o.decision && { outcome: o.decision } };
      }
    },
    example:
      'ocop product review --product CB-2023-0007 --decision request-supplement --missing "Công bố chất lượng" --due 2023-06-15T16:59:00Z',
  });

  defineAction(product, {
    name: 'supplement',
    action: 'submitSupplement',
    description: 'the subject sends the documents the officer asked for',
    flags: documentsFlag,
    fromFlags: (o: { documents?: string[] }) => ({ documents: o.documents }),
    example: 'ocop product supplement --product CB-2023-0007 --documents "Công bố chất lượng"',
  });

  defineAction(product, {
    name: 'council-result',
    action: 'recordCouncilResult',
    description: "a council secretary records the council's (hội đồng) score sheets or assessment",
    arrayField: 'sheets',
    flags: (command) =>
      command
        .addOption(new Option('--level <level>', 'the evaluation level').choices(LevelId.options))
        .option('--meeting-date <iso>', 'when the council met', parseInstant('--meeting-date'))
        .option('--council-size <n>', 'members appointed, chair included', parseNumber('--council-size', COUNCIL_SIZE))
        .addOption(
          new Option('--round <n>', 'the round of scoring; 2 after a first round spread too far').choices(['1', '2']),
        )
        .option('--chair <memberId>', "the chair's sheet (the one the file marks chair otherwise)")
        .option('--sub-group <id>', 'the score sheet the members filled, e.g. food.processed')
        .option(
          '--mandatory-failed <ids>',
          'comma-separated mandatory criteria failed, each as id:stars for the star it is mandatory for (default 3)',
          parseList,
        )
        .option('--failed-criteria <ids>', 'assessment levels: comma-separated local criteria failed', parseList)
        .option('--bonus <points>', 'bonus points, where the rule set allows them', parseNumber('--bonus', BONUS)),
    fromFlags: (o: CouncilFlags) => ({
      level: o.level,
      meetingDate: o.meetingDate,
      councilSize: o.councilSize,
      round: o.round === undefined ? undefined : Number(o.round),
      subGroup: o.subGroup,
      mandatoryFailed: o.mandatoryFailed?.map(mandatoryFailure),
      failedCriteria: o.failedCriteria,
      bonus: o.bonus,
    }),
    adjust: (payload, o: CouncilFlags) => (o.chair ? withChair(payload, o.chair) : payload),
    example:
      'ocop product council-result --product CB-2023-0007 --level district --meeting-date 2023-08-20T02:00:00Z --council-size 5 --chair tv-1 --file sheets.json',
  });

  defineAction(product, {
    name: 'inspection',
    action: 'recordInspection',
    description: 'a post-inspection team (đoàn hậu kiểm) records its finding on a certified product',
    defaults: () => ({ inspectedAt: new Date().toISOString() }),
    flags: (command) =>
      command
        .addOption(
          new Option('--outcome <outcome>', 'the finding').choices([
            'pass',
            'corrective-action',
            're-evaluation',
            'revocation-proposed',
          ]),
        )
        .option(
          '--findings <text>',
          'with corrective-action, re-evaluation or revocation-proposed: what the team found',
        )
        .option('--due <iso>', 'with corrective-action: by when', parseInstant('--due'))
        .addOption(
          new Option('--ground <ground>', 'with revocation-proposed: the ground').choices(RevocationGround.options),
        )
        .option('--inspected-at <iso>', 'when the team inspected; default now', parseInstant('--inspected-at')),
    fromFlags: (o: { outcome?: string; findings?: string; due?: string; ground?: string; inspectedAt?: string }) => {
      const because = `--outcome ${o.outcome}`;
      const result = (() => {
        switch (o.outcome) {
          case 'corrective-action':
            return {
              outcome: o.outcome,
              findings: needs(o.findings, '--findings', because),
              dueAt: needs(o.due, '--due', because),
            };
          case 're-evaluation':
            return { outcome: o.outcome, findings: needs(o.findings, '--findings', because) };
          case 'revocation-proposed':
            return {
              outcome: o.outcome,
              ground: needs(o.ground, '--ground', because),
              findings: needs(o.findings, '--findings', because),
            };
          default:
            return o.outcome && { outcome: o.outcome };
        }
      })();
      return { inspectedAt: o.inspectedAt, result };
    },
    example: 'ocop product inspection --product CB-2023-0007 --outcome pass',
  });

  defineAction(product, {
    name: 'withdraw',
    action: 'withdraw',
    description: 'the subject, or a coordinator, withdraws the application before certification',
    flags: (command) => command.option('--reason <text>', 'why'),
    fromFlags: (o: { reason?: string }) => ({ reason: o.reason }),
    example: 'ocop product withdraw --product CB-2023-0007 --reason "Chưa đủ sản lượng"',
  });

  defineAction(product, {
    name: 'extend-deadline',
    action: 'extendDeadline',
    description: 'a coordinator moves the open deadline of the application later',
    flags: (command) =>
      command.option('--until <iso>', 'the new deadline', parseInstant('--until')).option('--reason <text>', 'why'),
    fromFlags: (o: { until?: string; reason?: string }) => ({ until: o.until, reason: o.reason }),
    example: 'ocop product extend-deadline --product CB-2023-0007 --until 2023-06-30T16:59:00Z --reason "Lũ lụt"',
  });

  defineAction(product, {
    name: 'recognize',
    action: 'recordRecognitionDecision',
    description:
      "a coordinator records the authority's recognition decision for one product (ocop decision record: for many)",
    flags: (command) => decisionFlags(command).option('--certificate-number <no>', "5 stars: the ministry's number"),
    fromFlags: (o: DecisionFlags & { certificateNumber?: string }) => ({
      decision: decisionOf(o),
      certificateNumber: o.certificateNumber,
    }),
    example:
      'ocop product recognize --product CB-2026-0007 --decision-number 1234/QĐ-UBND --decided-on 2026-10-15T02:00:00Z --authority "UBND tỉnh Cao Bằng"',
  });

  defineAction(product, {
    name: 'revoke',
    action: 'recordRevocationDecision',
    description:
      "a coordinator records the issuing authority's decision on a proposed revocation: revoke (default), or decline it",
    defaults: () => ({ outcome: 'revoke' }),
    flags: (command) =>
      decisionFlags(command)
        .addOption(new Option('--outcome <outcome>', 'the decision; default revoke').choices(['revoke', 'decline']))
        .addOption(new Option('--ground <ground>', 'the ground of the revocation').choices(RevocationGround.options))
        .option('--note <text>', 'anything the decision adds'),
    fromFlags: (o: DecisionFlags & { outcome?: string; ground?: string; note?: string }) => ({
      outcome: o.outcome,
      decision: decisionOf(o),
      ground: o.ground,
      note: o.note,
    }),
    example:
      'ocop product revoke --product CB-2023-0007 --ground food-safety --decision-number 88/QĐ-UBND --decided-on 2026-11-02T02:00:00Z --authority "UBND tỉnh Cao Bằng"',
  });
}

interface DecisionFlags {
  decisionNumber?: string;
  decidedOn?: string;
  authority?: string;
}

const decisionFlags = (command: Command) =>
  command
    .option('--decision-number <no>', 'the number of the decision, e.g. 1234/QĐ-UBND')
    .option('--decided-on <iso>', 'the date of the decision', parseInstant('--decided-on'))
    .option('--authority <text>', 'who issued it, e.g. "UBND tỉnh Cao Bằng"');

/** The decision the flags name; absent when none is given, so a file's decision stands. */
function decisionOf(o: DecisionFlags): Record<string, unknown> | undefined {
  const fields = given({ number: o.decisionNumber, decidedOn: o.decidedOn, authority: o.authority });
  return Object.keys(fields).length ? fields : undefined;
}

interface CouncilFlags {
  level?: string;
  meetingDate?: string;
  councilSize?: number;
  round?: string;
  chair?: string;
  subGroup?: string;
  mandatoryFailed?: string[];
  failedCriteria?: string[];
  bonus?: number;
}

/** `A1.2:4` is criterion A1.2, mandatory for 4 stars; a bare id is mandatory from 3 stars. */
function mandatoryFailure(item: string): string | { criterion: string; forStars: number } {
  const match = /^(.+):([345])$/.exec(item);
  return match?.[1] && match[2] ? { criterion: match[1], forStars: Number(match[2]) } : item;
}

/** Marks the sheet of `memberId` as the chair's, and no other. */
function withChair(payload: Record<string, unknown>, memberId: string): Record<string, unknown> {
  const sheets = Array.isArray(payload.sheets) ? (payload.sheets as Record<string, unknown>[]) : [];
  if (!sheets.some((sheet) => sheet.memberId === memberId)) {
    throw invalid(`--chair: no sheet of member ${memberId} in the file`);
  }
  return { ...payload, sheets: sheets.map((sheet) => ({ ...sheet, chair: sheet.memberId === memberId })) };
}
