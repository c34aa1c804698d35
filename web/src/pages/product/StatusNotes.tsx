// What the product's stage alone does not say: the rating a council gave that waits for the authority's
// recognition decision (chờ quyết định công nhận), a post-inspection's referral to re-evaluation (the certificate
// stands meanwhile) and a proposal to revoke that waits for the issuing authority.
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format/dates';
import { latestInspection, type ProductDetail } from './product-detail';

function PendingRecognition({ detail }: { detail: ProductDetail }) {
  const { t } = useTranslation('product');
  const pending = detail.state.pendingRecognition;
  if (!pending) return null;
  return (
    <p className="pending-recognition">
      {t('status.pendingRecognition', {
        stars: t('domain:stars', { count: pending.stars }),
        level: t(`domain:level.${pending.level}`, { defaultValue: pending.level }),
      })}
    </p>
  );
}

function InspectionNote({ detail }: { detail: ProductDetail }) {
  const { t } = useTranslation('product');
  // A referral stands until a later inspection concludes otherwise.
  const done = detail.inspections.filter((row) => row.outcome !== null);
  const referral = done.at(-1)?.outcome === 're-evaluation' ? done.at(-1) : undefined;
  const proposal = latestInspection(detail.inspections, 'revocation-proposed');
  const findings = (details: Record<string, unknown>) => (typeof details.findings === 'string' ? details.findings : '');
  if (detail.state.stage === 'REVOCATION_PROPOSED' && proposal) {
    const ground = typeof proposal.details.ground === 'string' ? proposal.details.ground : 'other';
    return (
      <p className="referral">
        {t('status.revocationProposed', {
          at: formatDateTime(proposal.inspectedAt),
          ground: t(`domain:revocationGround.${ground}`, { defaultValue: ground }),
          findings: findings(proposal.details),
        })}
      </p>
    );
  }
  if (!referral || !['POST_INSPECTION', 'CERTIFIED'].includes(detail.state.stage)) return null;
  return (
    <p className="referral">
      {t('status.referral', { at: formatDateTime(referral.inspectedAt), findings: findings(referral.details) })}
    </p>
  );
}

export function StatusNotes({ detail }: { detail: ProductDetail }) {
  return (
    <div className="status-notes">
      <PendingRecognition detail={detail} />
      <InspectionNote detail={detail} />
    </div>
  );
}
