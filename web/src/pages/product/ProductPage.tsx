// A product's page (/products/:productId): who and what it is, what it waits for, what the signed-in person may do
// about it now, and its whole story: every action, the councils' scores, its certificate and its inspections.
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ActionForms } from './ActionForms';
import { CertificateCard, decisionOf } from './CertificateCard';
import { CouncilScores } from './CouncilScores';
import { Inspections } from './Inspections';
import { NextDeadline } from './NextDeadline';
import './product.css';
import { useProductDetail } from './product-detail';
import { ProductHeader } from './ProductHeader';
import { StatusNotes } from './StatusNotes';
import { Timeline } from './Timeline';

export default function ProductPage() {
  const { t } = useTranslation('product');
  const { productId = '' } = useParams();
  const detail = useProductDetail(productId);
  if (detail.isPending) return <Loading />;
  if (detail.isError) {
    return (
      <>
        <PageTitle title={t('title', { productId })} />
        <ProblemAlert error={detail.error} />
      </>
    );
  }
  const { state, timeline, scores, certificate, inspections } = detail.data;
  return (
    <>
      <ProductHeader detail={detail.data} />
      <StatusNotes detail={detail.data} />
      <NextDeadline deadline={state.deadline} />
      <ActionForms detail={detail.data} />
      <Timeline entries={timeline} />
      <CouncilScores sheets={scores} summaries={state.scores} />
      <div className="grid">
        <CertificateCard certificate={certificate} decision={decisionOf(detail.data)} />
        <Inspections inspections={inspections} />
      </div>
    </>
  );
}
