// The certificate (giấy chứng nhận) the product holds or held: its number, rating, who decided and when, how long
// it is valid and whether it still is (a re-evaluation supersedes it, a post-inspection may downgrade or revoke it).
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../format/dates';
import { Facts } from './Facts';
import type { CertificateRow } from './product-detail';
import { Stars } from './Stars';

export function CertificateCard({ certificate }: { certificate: CertificateRow | null }) {
  const { t } = useTranslation('product');
  return (
    <section aria-labelledby="certificate">
      <h2 id="certificate">{t('certificate.title')}</h2>
      {certificate ? (
        <Facts
          facts={[
            [t('certificate.number'), certificate.number],
            [t('certificate.stars'), <Stars key="stars" count={certificate.stars} />],
            [t('certificate.level'), t(`domain:level.${certificate.level}`, { defaultValue: certificate.level })],
            [t('certificate.decidedOn'), formatDate(certificate.decidedOn)],
            [t('certificate.validUntil'), formatDate(certificate.validUntil)],
            [
              t('certificate.status'),
              t(`certificate.statuses.${certificate.status}`, { defaultValue: certificate.status }),
            ],
          ]}
        />
      ) : (
        <p className="muted">{t('certificate.none')}</p>
      )}
    </section>
  );
}
