// "Quyết định công nhận" on a cycle's page, for the province's coordinators: one decision recorded for several
// products the councils rated, and the decisions the cycle already has, each with its CSV export.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useProvincesAllowed } from '../cycles/grants';
import { DecisionList } from './DecisionList';
import { DecisionOutcomes } from './DecisionOutcomes';
import './decisions.css';
import { RecognitionDecisionForm } from './RecognitionDecisionForm';
import { useAwaiting, useCycleDecisions, type DecisionOutcome } from './useDecisions';

export function RecognitionDecisions({ cycleId, province }: { cycleId: string; province: string }) {
  const { t } = useTranslation('decisions');
  const mayDecide = useProvincesAllowed('recordRecognitionDecision').includes(province);
  const awaiting = useAwaiting(cycleId, mayDecide);
  const decisions = useCycleDecisions(cycleId, mayDecide);
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);
  if (!mayDecide) return null;
  const products = awaiting.data ?? [];
  return (
    <section aria-labelledby="recognition-decisions" className="recognition-decisions">
      <h2 id="recognition-decisions">{t('title')}</h2>
      <ProblemAlert error={awaiting.error ?? decisions.error} />
      {awaiting.isPending ? <Loading /> : null}
      {awaiting.data && products.length === 0 ? <p className="muted">{t('noneAwaiting')}</p> : null}
      {products.length > 0 ? (
        <RecognitionDecisionForm
          key={products.map((product) => product.productId).join(' ')}
          cycleId={cycleId}
          awaiting={products}
          onRecorded={setOutcome}
        />
      ) : null}
      {outcome ? <DecisionOutcomes outcome={outcome} /> : null}
      <h3>{t('list.title')}</h3>
      {decisions.data ? <DecisionList decisions={decisions.data} /> : null}
    </section>
  );
}
