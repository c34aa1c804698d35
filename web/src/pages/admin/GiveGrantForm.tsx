// Give a grant: the person by their sign-in name at the provider (the token's `sub`, which is how the API names
// grantees), a role within a scope of the admin's province, an optional period, and the reason for the audit.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerForm } from '../../components/useServerForm';
import { emptyGrantForm, GrantForm } from './grantRequest';
import type { Grant } from './scope';
import { useRuleText } from '../../i18n/rules';
import { ScopeFields } from './ScopeFields';

export function GiveGrantForm({ province }: { province: string }) {
  const { t } = useTranslation(['admin', 'domain', 'common']);
  const ruleText = useRuleText();
  const [given, setGiven] = useState<Grant | null>(null);
  const { form, mutation, onSubmit } = useServerForm({
    schema: GrantForm,
    defaultValues: emptyGrantForm(province),
    submit: (body) => unwrap(api.POST('/v1/grants', { body })),
    invalidates: [['grants'], ['grant-changes']],
    onDone: (grant) => {
      setGiven(grant);
      form.reset(emptyGrantForm(province));
    },
  });
  const { register, formState } = form;
  const { errors } = formState;
  return (
    <section aria-labelledby="give-heading">
      <h2 id="give-heading">{t('give.title')}</h2>
      {given ? (
        <p className="success" role="status">
          {t('give.done', { id: given.id, subject: given.subject, role: t(`domain:grantRole.${given.role}`) })}
        </p>
      ) : null}
      <ProblemAlert error={mutation.error} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="form-row">
          <Field label={t('give.subject')} hint={t('give.subjectHint')} error={ruleText(errors.subject?.message)}>
            <input {...register('subject')} autoComplete="off" />
          </Field>
          <Field
            label={t('give.displayName')}
            hint={t('give.displayNameHint')}
            error={ruleText(errors.displayName?.message)}
          >
            <input {...register('displayName')} autoComplete="off" />
          </Field>
        </div>
        <ScopeFields form={form} province={province} />
        <div className="form-row">
          <Field label={t('give.validFrom')} hint={t('give.validFromHint')} error={ruleText(errors.validFrom?.message)}>
            <input type="datetime-local" {...register('validFrom')} />
          </Field>
          <Field
            label={t('give.validUntil')}
            hint={t('give.validUntilHint')}
            error={ruleText(errors.validUntil?.message)}
          >
            <input type="datetime-local" {...register('validUntil')} />
          </Field>
        </div>
        <Field label={t('give.reason')} error={ruleText(errors.reason?.message)}>
          <textarea rows={2} {...register('reason')} />
        </Field>
        <button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('common:state.saving') : t('give.submit')}
        </button>
      </form>
    </section>
  );
}
