// What became of each product a decision named: recognised, with its certificate and the date it is valid until
// (36 months from the decision), or refused, with the API's reason in the reader's words.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../format/dates';
import { useRuleText } from '../../i18n/rules';
import { rulesOfDetail } from '../../i18n/rules';
import type { DecisionOutcome } from './useDecisions';

export function DecisionOutcomes({ outcome }: { outcome: DecisionOutcome }) {
  const { t } = useTranslation('decisions');
  const ruleText = useRuleText();
  return (
    <div className="decision-outcomes">
      <p role="status" className={outcome.refused === 0 ? 'success' : 'problem'}>
        {t('outcome.summary', { accepted: outcome.accepted, refused: outcome.refused })}
      </p>
      <ul>
        {outcome.products.map((product) => (
          <li key={product.productId}>
            <Link to={`/products/${encodeURIComponent(product.productId)}`}>{product.productId}</Link>
            {': '}
            {product.status === 'accepted'
              ? t('outcome.accepted', {
                  stars: t('domain:stars', { count: product.stars }),
                  number: product.certificateNumber,
                  until: formatDate(product.validUntil),
                })
              : t('outcome.refused', {
                  reason: rulesOfDetail(product.problem.detail)
                    .map((rule) => ruleText(rule))
                    .join('; '),
                })}
          </li>
        ))}
      </ul>
    </div>
  );
}
