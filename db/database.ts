// The tables as kysely sees them. The migrations under ./migrations create
// exactly these; the workflow history stays the source of truth and these are
// its queryable projection.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface CyclesTable {
  id: string; // CB-2023
  province: string;
  year: number;
  rule_set: string;
  calendar: JSONColumnType<Record<string, string>>;
  targets: JSONColumnType<Record<string, number>>;
  phase: string;
  final_report: JSONColumnType<Record<string, unknown>> | null;
  updated_at: Timestamp;
  created_at: CreatedAt;
}

export interface SubjectsTable {
  id: string; // the subject's business key, e.g. its tax code
  province: string;
  name: string;
  type: string;
  email: string | null;
  created_at: CreatedAt;
}

export interface ProductsTable {
  id: string; // CB-2023-0007
  workflow_id: string;
  cycle_id: string;
  province: string;
  year: number;
  name: string;
  product_group: string;
  subject_id: string;
  kind: string;
  rule_set: string;
  stage: string;
  level: string | null;
  stars: number | null;
  score: number | null;
  next_deadline: Timestamp | null;
  certificate_no: string | null;
  /** Its place: a district code under OCOP_148_2023, a commune code under OCOP_1489_2025 (null before 0005). */
  unit: string | null;
  /** The application a re-evaluation or an upgrade re-rates (null for new products, and before 0008). */
  previous_product_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The sequence number of the last event applied: updates only move forward. */
  last_seq: number;
  updated_at: Timestamp;
  created_at: CreatedAt;
}

export interface ProductEventsTable {
  id: Generated<string>;
  workflow_id: string;
  product_id: string;
  seq: number;
  action: string;
  stage_from: string | null;
  stage_to: string;
  level: string | null;
  actor_id: string;
  actor_role: string;
  /** principals.id of who acted, and grants.id of the grant used (null for the system and before 0005). */
  principal_id: string | null;
  grant_id: string | null;
  payload: JSONColumnType<Record<string, unknown>>;
  occurred_at: Timestamp;
  recorded_at: CreatedAt;
}

export interface ScoreSheetsTable {
  product_id: string;
  level: string;
  member_id: string;
  parts: JSONColumnType<Record<string, number>>;
  total: number;
  /** 1, or 2 for a council's second round (0008). */
  round: ColumnType<number, number | undefined, number>;
  recorded_at: Timestamp;
}

export interface CertificatesTable {
  number: string;
  province: string;
  year: number;
  serial: number;
  product_id: string;
  level: string;
  stars: number;
  decided_on: Timestamp;
  valid_until: Timestamp;
  status: string;
  /** The recognition decision that issued it (null before 0008). */
  decision_number: ColumnType<string | null, string | null | undefined, string | null>;
  decision_date: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  decision_authority: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface CertificateCountersTable {
  province: string;
  year: number;
  last_serial: number;
}

export interface InspectionsTable {
  product_id: string;
  /** The product's findings in order: a yearly round may have several. */
  seq: number;
  /** The yearly post-inspection round the finding belongs to. */
  round: number;
  due_at: Timestamp;
  inspected_at: Timestamp | null;
  outcome: string | null;
  details: JSONColumnType<Record<string, unknown>>;
  recorded_at: CreatedAt;
}

export interface ContactsTable {
  id: Generated<string>;
  province: string;
  role: string;
  level: string;
  name: string;
  email: string | null;
  webhook_url: string | null;
  created_at: CreatedAt;
}

/** The outbox: one row per notification, under the key its sender gave it. */
export interface NotificationsTable {
  id: Generated<string>;
  idempotency_key: string;
  template: string;
  locale: string;
  payload: JSONColumnType<Record<string, unknown>>;
  /** pending, sent (every delivery sent), failed (one failed), or skipped (nobody reachable). */
  status: string;
  /** Delivery rounds: the activity's attempts and operators' retries. */
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

/** One recipient over one channel; its key is the notification's key, the channel and the recipient. */
export interface NotificationDeliveriesTable {
  id: Generated<string>;
  notification_id: string;
  key: string;
  channel: string;
  /** Who: an email address, or the contact's role and name when it has none. */
  recipient: string;
  role: string;
  level: string | null;
  name: string | null;
  /** Where: the email address or the webhook URL; null for the log. */
  target: string | null;
  /** pending, sent or failed. */
  status: string;
  /** A failure the receiver meant (a webhook's 4xx): only an operator's retry sends it again. */
  permanent: ColumnType<boolean, boolean | undefined, boolean>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface RegistrationsTable {
  cycle_id: string;
  serial: number;
  product_id: string;
  subject_id: string;
  /** The product's name folded for comparison: a subject registers a product once per cycle. */
  name_key: string;
  registered_at: Timestamp;
}

export interface PrincipalsTable {
  id: Generated<string>;
  issuer: string;
  subject: string;
  display_name: string | null;
  /** person, or service for a client-credentials client. */
  kind: ColumnType<string, string | undefined, string>;
  last_seen_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface GrantsTable {
  id: Generated<string>;
  issuer: string;
  subject: string;
  role: string;
  province: string;
  /** A district (148) or commune (1489) code; null for the whole province. */
  unit: string | null;
  level: string | null;
  /** The producer's subject id, for the subject role. */
  subject_id: string | null;
  valid_from: ColumnType<Date, string | Date | undefined, string | Date>;
  valid_until: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface GrantChangesTable {
  id: Generated<string>;
  grant_id: string;
  change: string;
  by_issuer: string;
  by_subject: string;
  by_grant_id: string | null;
  reason: string | null;
  details: JSONColumnType<Record<string, unknown>>;
  at: CreatedAt;
}

/** An accepted request that changed something, by whom and under which grant (0006). */
export interface ApiActionsTable {
  id: Generated<string>;
  principal_id: string;
  grant_id: string | null;
  operation: string;
  method: string;
  /** The route's pattern, e.g. /v1/cycles/:cycleId/calendar-extensions, and its params. */
  route: string;
  params: JSONColumnType<Record<string, string>>;
  status: number;
  request_id: string;
  at: CreatedAt;
}

export interface Database {
  cycles: CyclesTable;
  subjects: SubjectsTable;
  products: ProductsTable;
  registrations: RegistrationsTable;
  product_events: ProductEventsTable;
  score_sheets: ScoreSheetsTable;
  certificates: CertificatesTable;
  certificate_counters: CertificateCountersTable;
  inspections: InspectionsTable;
  contacts: ContactsTable;
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  principals: PrincipalsTable;
  grants: GrantsTable;
  grant_changes: GrantChangesTable;
  api_actions: ApiActionsTable;
}
