// `ocop users`: a province admin's grants: who may do what, where, and for how
// long. Every grant and revocation is audited by the API; `changes` lists them.
import { type Command, Option } from 'commander';
import { GrantInput, GrantRole } from '../../../domain/access';
import { LevelId } from '../../../domain/schemas';
import { formatGrantChanges, formatGrants } from '../format';
import type { Page } from '../../api-client';
import { CliError, EXIT, invalid, parseOrThrow } from '../errors';
import { connect } from '../session';
import { group, parseInstant, parseText, print } from './shared';

interface GrantOptions {
  subject: string;
  issuer?: string;
  name?: string;
  role: string;
  province: string;
  unit?: string;
  level?: string;
  subjectId?: string;
  from?: string;
  until?: string;
  reason: string;
  json?: boolean;
}

const PAGE_SIZE = 200;
/** A province's grants fit in a few pages; past this many rows, a narrower question is the answer. */
const MAX_ROWS = 5_000;

/** Every page of a list the API pages, in order, for a command that prints the whole list. */
async function everyPage<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    all.push(...page.items);
    if (all.length > MAX_ROWS) {
      throw new CliError(EXIT.failure, `more than ${MAX_ROWS} rows: narrow the question (--subject, --grant)`);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

const given = <T extends Record<string, unknown>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;

function grantInput(opts: GrantOptions) {
  const input = {
    role: opts.role,
    scope: given({ province: opts.province, unit: opts.unit, level: opts.level, subjectId: opts.subjectId }),
    ...given({ validFrom: opts.from, validUntil: opts.until }),
  };
  // The role's rules on its scope, checked here too, so a bad grant is refused before it is sent.
  return parseOrThrow(GrantInput, input, 'grant');
}

function parseGrantId(value: string): string {
  if (!/^\d{1,18}$/.test(value)) throw invalid('--grant: must be a grant id (digits), as users list shows it');
  return value;
}

export function registerUsersCommands(ocop: Command): void {
  const users = group(ocop, 'users', "people's and services' grants: role, scope and validity (for province admins)");

  users
    .command('list')
    .description("the grants in your province, or one principal's")
    .option('--subject <login>', "only this principal's grants (the token's sub)", parseText('--subject', 255))
    .option('--json', 'print one JSON array')
    .action(async (opts: { subject?: string; json?: boolean }) => {
      const api = connect();
      const grants = await everyPage((cursor) => api.grants({ subject: opts.subject, limit: PAGE_SIZE, cursor }));
      print(Boolean(opts.json), grants, () => formatGrants(grants));
    });

  users
    .command('grant')
    .description('give a principal a role in a scope, from now or a given date')
    .requiredOption(
      '--subject <login>',
      "who: the principal's subject at the provider, e.g. be.van.duc",
      parseText('--subject', 255),
    )
    .option('--issuer <url>', "the principal's provider; default the API's", parseText('--issuer', 2000))
    .option('--name <display name>', 'how to show the principal until it signs in', parseText('--name', 200))
    .addOption(new Option('--role <role>', 'the role').choices(GrantRole.options).makeOptionMandatory())
    .requiredOption('--province <code>', 'the province, e.g. CB')
    .option('--unit <code>', 'a district (148) or commune (1489) code, e.g. 047')
    .addOption(new Option('--level <level>', 'the council or review level').choices(LevelId.options))
    .option('--subject-id <id>', "with --role subject: the producer's subject id")
    .option('--from <iso>', 'valid from; default now', parseInstant('--from'))
    .option('--until <iso>', 'valid until; default open-ended', parseInstant('--until'))
    .requiredOption('--reason <text>', 'why, for the audit', parseText('--reason'))
    .option('--json', 'print the grant as one JSON object')
    .addHelpText(
      'after',
      '\nExample:\n  ocop users grant --subject be.van.duc --role dossier_officer --province CB --unit 047 --level district --reason "Quyết định 12/QĐ-UBND"',
    )
    .action(async (opts: GrantOptions) => {
      const input = grantInput(opts);
      const grant = await connect().grant({
        ...input,
        ...given({ issuer: opts.issuer, displayName: opts.name }),
        subject: opts.subject,
        reason: opts.reason,
      });
      print(Boolean(opts.json), grant, () => `Granted ${grant.id}\n\n${formatGrants([grant])}`);
    });

  users
    .command('revoke')
    .description('end a grant now; what was done under it stays in the record')
    .requiredOption('--grant <id>', 'the grant, as users list shows it', parseGrantId)
    .requiredOption('--reason <text>', 'why, for the audit', parseText('--reason'))
    .option('--json', 'print one JSON object')
    .action(async (opts: { grant: string; reason: string; json?: boolean }) => {
      const answer = await connect().revokeGrant(opts.grant, opts.reason);
      print(Boolean(opts.json), answer ?? { id: opts.grant, revoked: true }, () => `Revoked ${opts.grant}`);
    });

  users
    .command('changes')
    .description('the audit of grants: who granted or revoked what, when, and why')
    .option('--grant <id>', 'only the changes to this grant, as users list shows it', parseGrantId)
    .option('--json', 'print one JSON array')
    .action(async (opts: { grant?: string; json?: boolean }) => {
      const api = connect();
      const changes = await everyPage((cursor) => api.grantChanges({ grantId: opts.grant, limit: PAGE_SIZE, cursor }));
      print(Boolean(opts.json), changes, () => formatGrantChanges(changes));
    });
}
