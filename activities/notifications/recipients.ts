// Who receives a notice: the subject at the address its registration gave, and
// the contacts of the province for every other role in the audience.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database';
import { audienceRole, defaultAudience, LEVEL_BOUND } from '../../domain/notifications';
import { getRuleSet, RuleSetId } from '../../domain/rules';
import type { LevelId, Role } from '../../domain/schemas';
import { contactsFor } from '../../read-model/contacts';
import type { AudienceEntry, NotifyRequest } from '../notify';

export type Db = Kysely<Database> | Transaction<Database>;

export interface Recipient {
  /** An email address, or the role and contact id when there is none: part of the delivery's key. */
  id: string;
  role: Role;
  level: LevelId | null;
  name: string | null;
  email: string | null;
  webhookUrl: string | null;
}

/** The level whose officers receive the product's dossier, from its rule set. */
async function dossierLevel(trx: Db, productId: string | null): Promise<LevelId | null> {
  if (!productId) return null;
  const product = await trx.selectFrom('products').select('rule_set').where('id', '=', productId).executeTakeFirst();
  const ruleSetId = RuleSetId.safeParse(product?.rule_set);
  if (!ruleSetId.success) return null;
  const levels = getRuleSet(ruleSetId.data).levels;
  return (levels.find((l) => l.reviewsDossier) ?? levels[0])?.id ?? null;
}

/** An officer belongs to the level that reviews dossiers, a council secretary to the deadline's level. */
async function boundLevel(trx: Db, role: Role, req: NotifyRequest): Promise<LevelId | undefined> {
  const own = role === 'officer' ? await dossierLevel(trx, req.productId) : null;
  return own ?? req.level ?? undefined;
}

/** Everyone the request's audience names, once each; `warn` hears of a role with no contact. */
export async function recipientsOf(trx: Db, req: NotifyRequest, warn: (message: string) => void): Promise<Recipient[]> {
  const audience: AudienceEntry[] =
    req.audience ?? defaultAudience(req.template, req.deadlineKind).map((a) => ({ role: audienceRole(a) }));
  const found = new Map<string, Recipient>();
  for (const { role, level } of audience) {
    if (role === 'producer') {
      const subjectName = typeof req.data.subjectName === 'string' ? req.data.subjectName : null;
      const id = req.subjectEmail ?? 'producer';
      if (!found.has(id)) {
        found.set(id, { id, role, level: null, name: subjectName, email: req.subjectEmail ?? null, webhookUrl: null });
      }
      continue;
    }
    const at = LEVEL_BOUND.includes(role) ? (level ?? (await boundLevel(trx, role, req))) : level;
    const contacts = await contactsFor(trx, { province: req.province, role, level: at });
    if (!contacts.length) warn(`no ${role}${at ? ` (${at})` : ''} contact in ${req.province}`);
    for (const c of contacts) {
      const id = c.email ?? `${role}:${c.id}`;
      if (found.has(id)) continue;
      found.set(id, { id, role, level: at ?? null, name: c.name, email: c.email, webhookUrl: c.webhook_url });
    }
  }
  return [...found.values()];
}
