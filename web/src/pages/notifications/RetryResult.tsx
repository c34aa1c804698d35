// What a retry did: how many went out and which still failed, or that the worker is still at it.
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { RetryAnswer } from './useOutbox';

function Finished({ answer }: { answer: RetryAnswer }) {
  const { t } = useTranslation('notifications');
  if (answer.retried.length === 0) return <p>{t('retry.nothing')}</p>;
  return (
    <>
      <p>{t('retry.done', { count: answer.retried.length, sent: answer.sent, failed: answer.failed })}</p>
      <ul>
        {answer.retried.map((delivery) => (
          <li key={delivery.id}>
            {t('retry.line', {
              id: delivery.id,
              recipient: delivery.recipient,
              status: t(`status.${delivery.status}`),
            })}
            {delivery.status === 'failed' && delivery.lastError ? ` — ${delivery.lastError}` : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function RetryResult({ answer, error }: { answer: RetryAnswer | undefined; error: unknown }) {
  const { t } = useTranslation('notifications');
  if (error) return <ProblemAlert error={error} />;
  if (!answer) return null;
  return (
    <div className={answer.finished && answer.failed === 0 ? 'success' : 'problem'} role="status">
      {answer.finished ? (
        <Finished answer={answer} />
      ) : (
        <p>{t('retry.stillRunning', { workflowId: answer.workflowId })}</p>
      )}
    </div>
  );
}
