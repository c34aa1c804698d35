// Which deadline a product's next date is, told from the read model, which
// keeps the date (next_deadline) but not its kind: each stage before
// certification waits under one kind of deadline; after it, a date is the
// certificate's expiry, the re-check a corrective action was given, or the
// round of post-inspection (workflows/product/workflow.ts).
import type { DeadlineKind, Stage } from './schemas';

const KIND_OF_STAGE: Partial<Record<Stage, DeadlineKind>> = {
  REGISTERED: 'dossier',
  DOSSIER_REVIEW: 'dossier-review',
  AWAITING_SUPPLEMENT: 'supplement',
  EVALUATION: 'evaluation',
};

export interface DatedProduct {
  stage: Stage;
  dueAt: string;
  /** When its certificate expires; null before one is issued. */
  certificateValidUntil: string | null;
  /** The outcome of its latest post-inspection finding; null before one is recorded. */
  lastInspectionOutcome: string | null;
}

export function deadlineKindOf(product: DatedProduct): DeadlineKind {
  const kind = KIND_OF_STAGE[product.stage];
  if (kind) return kind;
  const expires = product.certificateValidUntil;
  if (expires !== null && Date.parse(expires) === Date.parse(product.dueAt)) return 'certificate-expiry';
  return product.lastInspectionOutcome === 'corrective-action' ? 'corrective-action' : 'inspection';
}
