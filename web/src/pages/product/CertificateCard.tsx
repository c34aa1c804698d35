// The certificate (giấy chứng nhận) the product holds or held: its number, rating, the recognition decision it was
// issued under (number, date, authority: its 36 months run from that date), how long it is valid and whether it
// still is (a re-evaluation supersedes it, the issuing authority may revoke it).
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../format/dates';
import { Facts, type Fact } from './Facts';
import type { CertificateRow, ProductDetail } from './product-detail';
import { Stars } from './Stars';

type Decision = { number: string; decidedOn: string; authority: string };

/** The recognition decision of the certificate shown: the workflow's, while it is the certificate it holds. */
export function decisionOf({ certificate, state }: ProductDetail): Decision | undefined {
  const held = state.certificate;
  return certificate && held && held.number === certificate.number ? held.decision : undefined;
}

export function CertificateCard({
  certificate,
  decision,
}: {
  certificate: CertificateRow | null;
  decision?: Decision;
}) {
  const { t } = useTranslation('product');
  if (!certificate) {
    return (
      <section aria-labelledby="certificate">
        <h2 id="certificate">{t('certificate.title')}</h2>
        <p className="muted">{t('certificate.none')}</p>
      </section>
    );
  }
  const facts: Fact[] = [
    [t('certificate.number'), certificate.number],
    [t('certificate.stars'), <Stars key="stars" count={certificate.stars} />],
    [t('certificate.level'), t(`domain:level.${certificate.level}`, { defaultValue: certificate.level })],
    ...(decision
      ? ([
          [t('certificate.decision'), decision.number],
          [t('certificate.authority'), decision.authority],
        ] satisfies Fact[])
      : []),
    [t('certificate.decidedOn'), formatDate(decision?.decidedOn ?? certificate.decidedOn)],
    [t('certificate.validUntil'), formatDate(certificate.validUntil)],
    [t('certificate.status'), t(`certificate.statuses.${certificate.status}`, { defaultValue: certificate.status })],
  ];
  return (
    <section aria-labelledby="certificate">
      <h2 id="certificate">{t('certificate.title')}</h2>
      <Facts facts={facts} />
    </section>
  );
}
