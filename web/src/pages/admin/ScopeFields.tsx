// The role and what it covers. Only the controls the role uses are shown (a level and a unit for an officer or a
// secretary, a subject id for a producer); hidden ones are emptied so nothing stale is sent. Whether the choice is
// allowed is the domain's rule, checked by the form's schema and again by the API.
import { useEffect } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { GrantRole, type GrantRole as Role } from '../../../../domain/access';
import { LevelId } from '../../../../domain/schemas';
import { unitsAtLevel } from '../../../../domain/units';
import { Field } from '../../components/Field';
import type { GrantFormValues } from './grantRequest';
import { useRuleText } from '../../i18n/rules';

const AT_A_LEVEL: readonly Role[] = ['dossier_officer', 'council_secretary'];

export function ScopeFields({
  form,
  province,
}: {
  form: UseFormReturn<GrantFormValues, unknown, unknown>;
  province: string;
}) {
  const { t } = useTranslation(['admin', 'domain']);
  const ruleText = useRuleText();
  const { register, watch, setValue, formState } = form;
  const errors = formState.errors.scope;
  const role = watch('role');
  const level = watch('scope.level');
  const atLevel = AT_A_LEVEL.includes(role);
  const units = atLevel && level ? unitsAtLevel(province, level) : [];
  useEffect(() => {
    if (!atLevel) setValue('scope.level', '');
    if (units.length === 0) setValue('scope.unit', '');
    if (role !== 'subject') setValue('scope.subjectId', '');
  }, [atLevel, units.length, role, setValue]);
  return (
    <div className="form-row">
      <Field label={t('give.role')} error={ruleText(formState.errors.role?.message)}>
        <select {...register('role')}>
          {GrantRole.options.map((option) => (
            <option key={option} value={option}>
              {t(`domain:grantRole.${option}`)}
            </option>
          ))}
        </select>
      </Field>
      {atLevel ? (
        <Field label={t('give.level')} error={ruleText(errors?.level?.message)}>
          <select {...register('scope.level')}>
            <option value="">{t('give.choose')}</option>
            {LevelId.options.map((option) => (
              <option key={option} value={option}>
                {t(`domain:level.${option}`)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {units.length > 0 ? (
        <Field label={t('give.unit')} error={ruleText(errors?.unit?.message)}>
          <select {...register('scope.unit')}>
            <option value="">{t('give.choose')}</option>
            {units.map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unit.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {role === 'subject' ? (
        <Field label={t('give.subjectId')} hint={t('give.subjectIdHint')} error={ruleText(errors?.subjectId?.message)}>
          <input {...register('scope.subjectId')} autoComplete="off" />
        </Field>
      ) : null}
    </div>
  );
}
