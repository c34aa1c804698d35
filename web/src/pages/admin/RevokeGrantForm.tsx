// The confirmation before a grant is revoked: it names the grant and asks why, since the audit keeps the reason.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerForm } from '../../components/useServerForm';
import { Reason } from '../../../../domain/access';
import { useRuleText } from '../../i18n/rules';
import { describeScope, type Grant } from './scope';

const RevokeBody = z.object({ reason: Reason });

interface RevokeGrantFormProps {
  grant: Grant;
  onDone: (revoked: Grant) => void;
  onCancel: () => void;
}

export function RevokeGrantForm({ grant, onDone, onCancel }: RevokeGrantFormProps) {
  const { t } = useTranslation(['admin', 'domain', 'common']);
  const ruleText = useRuleText();
  const { form, mutation, onSubmit } = useServerForm({
    schema: RevokeBody,
    defaultValues: { reason: '' },
    submit: (body) => unwrap(api.DELETE('/v1/grants/{id}', { params: { path: { id: grant.id } }, body })),
    invalidates: [['grants'], ['grant-changes']],
    onDone,
  });
  const { errors } = form.formState;
  // The confirmation opens above the list, away from the button that asked for it: the reader is taken there.
  const { setFocus } = form;
  useEffect(() => setFocus('reason'), [setFocus]);
  return (
    <div role="group" aria-labelledby="revoke-heading" className="card revoke">
      <h3 id="revoke-heading">{t('revoke.title', { id: grant.id })}</h3>
      <p>
        {t('revoke.confirm', {
          subject: grant.subject,
          role: t(`domain:grantRole.${grant.role}`),
          scope: describeScope(grant.scope, t),
        })}
      </p>
      <ProblemAlert error={mutation.error} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field label={t('revoke.reason')} error={ruleText(errors.reason?.message)}>
          <textarea rows={2} {...form.register('reason')} />
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? t('common:state.saving') : t('revoke.submit')}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('common:form.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
