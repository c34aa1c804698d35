// What the signed-in person may do now, one form per action the API offers (it alone decides: the stage, the
// person's grants and the deadline). The confirmation stays after the form is gone, since a done action is no
// longer offered.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionName } from '../../../../domain/stages';
import { DocumentsForm } from './forms/DocumentsForm';
import { ExtendDeadlineForm } from './forms/ExtendDeadlineForm';
import { RecordCouncilResultForm } from './forms/RecordCouncilResultForm';
import { RecordInspectionForm } from './forms/RecordInspectionForm';
import { RecordRecognitionDecisionForm } from './forms/RecordRecognitionDecisionForm';
import { RecordRevocationDecisionForm } from './forms/RecordRevocationDecisionForm';
import { ReviewDossierForm } from './forms/ReviewDossierForm';
import type { ActionFormProps } from './forms/useActionForm';
import { WithdrawForm } from './forms/WithdrawForm';
import { proposedGround, type ProductDetail } from './product-detail';

function ActionFormFor({ detail, ...props }: ActionFormProps & { detail: ProductDetail }) {
  const { state, product } = detail;
  switch (props.offered.action) {
    case 'submitDossier':
    case 'submitSupplement':
      return <DocumentsForm action={props.offered.action} {...props} />;
    case 'reviewDossier':
      return <ReviewDossierForm {...props} />;
    case 'recordCouncilResult':
      return <RecordCouncilResultForm cycleId={product.cycleId} level={state.level} {...props} />;
    case 'recordInspection':
      return <RecordInspectionForm {...props} />;
    case 'withdraw':
      return <WithdrawForm {...props} />;
    case 'extendDeadline':
      return <ExtendDeadlineForm currentDue={state.deadline?.dueAt ?? null} {...props} />;
    case 'recordRecognitionDecision':
      return <RecordRecognitionDecisionForm pending={state.pendingRecognition ?? null} {...props} />;
    case 'recordRevocationDecision':
      return <RecordRevocationDecisionForm proposed={proposedGround(detail.inspections)} {...props} />;
  }
}

export function ActionForms({ detail }: { detail: ProductDetail }) {
  const { t } = useTranslation('product');
  const [done, setDone] = useState<ActionName | null>(null);
  const offered = detail.actions;
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">{t('actions.title')}</h2>
      <div role="status">
        {done ? <p className="success">{t('actions.done', { action: t(`domain:action.${done}`) })}</p> : null}
      </div>
      {offered.length === 0 ? <p className="muted">{t('actions.none')}</p> : null}
      {offered.map((action) => (
        <ActionFormFor
          key={action.action}
          detail={detail}
          productId={detail.product.productId}
          offered={action}
          onDone={() => setDone(action.action)}
        />
      ))}
    </section>
  );
}
