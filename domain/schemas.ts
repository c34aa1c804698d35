// The vocabulary of the OCOP cycle as zod schemas: every type the engine uses
// is inferred from here, so a field is described once and validated the same
// way in the client, the workflow validators and the activities.
import { z } from 'zod';
import { identifierText, nameText, TEXT_MAX } from './text';

export const PROVINCE_CODE = /^[A-Z]{2,3}$/;

export const ProvinceCode = z.string().regex(PROVINCE_CODE, 'must be 2 or 3 capital letters, e.g. CB for Cao Bằng');
export const Year = z.number().int().min(2018).max(2100);

/** Evaluation levels, from the commune up to the central council. */
export const LevelId = z.enum(['commune', 'district', 'province', 'central']);
export type LevelId = z.infer<typeof LevelId>;

/** The six product groups in force since 2022. */
export const ProductGroup = z.enum([
  'food', // thực phẩm
  'beverage', // đồ uống
  'herbal', // dược liệu và sản phẩm từ dược liệu
  'handicraft', // thủ công mỹ nghệ
  'ornamental', // sinh vật cảnh
  'tourism', // dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch
]);
export type ProductGroup = z.infer<typeof ProductGroup>;

/** Subjects (chủ thể OCOP): who may apply with a product. */
export const SubjectType = z.enum([
  'cooperative', // hợp tác xã
  'cooperative_group', // tổ hợp tác
  'enterprise', // doanh nghiệp (mostly small and medium)
  'household', // hộ kinh doanh
]);
export type SubjectType = z.infer<typeof SubjectType>;

export const ApplicationKind = z.enum(['new', 're-evaluation', 'upgrade']);
export type ApplicationKind = z.infer<typeof ApplicationKind>;

export const Role = z.enum([
  'producer', // the subject itself
  'officer', // receives and checks dossiers at a level
  'council_secretary', // records a council's (hội đồng) result
  'inspector', // member of a post-inspection team (đoàn hậu kiểm)
  'coordinator', // the provincial OCOP office, may act for anyone
]);
export type Role = z.infer<typeof Role>;

/** The engine's own actor id, for transitions no person made: lapses, expiry, supersession. */
export const ENGINE_ACTOR_ID = 'ocop-engine';

export const Actor = z.object({
  id: identifierText(128),
  role: Role,
  /** The level an officer or a council secretary belongs to. */
  level: LevelId.optional(),
  /**
   * Who acted and under which grant, as the API authenticated them (principals.id,
   * grants.id). Optional: actions recorded before the API, and the system's own, carry none.
   */
  principalId: identifierText(64).optional(),
  grantId: identifierText(32).optional(),
});
export type Actor = z.infer<typeof Actor>;

export const Subject = z.object({
  id: identifierText(120),
  name: nameText(TEXT_MAX.name),
  type: SubjectType,
  email: z.email({ error: 'must be an email address, e.g. thu.ky@example.vn' }).max(254).optional(),
});
export type Subject = z.infer<typeof Subject>;

export const Stage = z.enum([
  'REGISTERED',
  'DOSSIER_REVIEW',
  'AWAITING_SUPPLEMENT',
  'EVALUATION',
  'AWAITING_DECISION', // chờ quyết định công nhận: the council rated it, the authority has yet to decide
  'CERTIFIED',
  'POST_INSPECTION',
  'REVOCATION_PROPOSED', // đề nghị thu hồi: the inspection team proposed it, the issuing authority decides
  'NOT_RANKED',
  'REJECTED',
  'WITHDRAWN',
  'LAPSED',
  'REVOKED',
  'EXPIRED',
  'SUPERSEDED',
]);
export type Stage = z.infer<typeof Stage>;

export const TERMINAL_STAGES: readonly Stage[] = [
  'NOT_RANKED',
  'REJECTED',
  'WITHDRAWN',
  'LAPSED',
  'REVOKED',
  'EXPIRED',
  'SUPERSEDED',
];

export function isTerminal(stage: Stage): boolean {
  return TERMINAL_STAGES.includes(stage);
}

/** The years an instant may fall in: PostgreSQL refuses year 0, and no OCOP date lies outside these. */
export const INSTANT_YEARS = { min: 1900, max: 2999 } as const;

/** An ISO-8601 instant as it travels through payloads and the database. */
export const Instant = z.iso.datetime({ offset: true }).refine((instant) => {
  const year = new Date(Date.parse(instant)).getUTCFullYear();
  return year >= INSTANT_YEARS.min && year <= INSTANT_YEARS.max;
}, `must fall between the years ${INSTANT_YEARS.min} and ${INSTANT_YEARS.max}`);
/** What a stage waits for until its deadline. */
export const DeadlineKind = z.enum([
  'dossier',
  'dossier-review',
  'supplement',
  'evaluation',
  'inspection',
  'corrective-action',
  'certificate-expiry',
]);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

/** The deadline an application waits under: its kind, when it falls due, and at which level. */
export interface Deadline {
  kind: DeadlineKind;
  dueAt: string;
  level?: LevelId;
}
