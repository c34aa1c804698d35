// Who the council was and which round it scored: the members appointed to it, chair included, against which the
// quorum counts (three quarters by default, a rule-set setting), and the round, a second one when the first
// round's sheets spread further apart than the rule set allows.
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { quorumNeeded } from '../../../../../domain/council';
import type { RuleSet } from '../../../../../domain/rules';
import { Field } from '../../../components/Field';
import type { CouncilInput } from './council';

interface CouncilMeetingProps {
  ruleSet: RuleSet;
  form: UseFormReturn<CouncilInput, unknown, unknown>;
  errorOf: (name: string) => string | undefined;
}

export function CouncilMeeting({ ruleSet, form, errorOf }: CouncilMeetingProps) {
  const { t } = useTranslation('product');
  const size = form.watch('councilSize');
  const quorum =
    typeof size === 'number' && Number.isInteger(size) && size > 0
      ? t('forms.recordCouncilResult.quorum', { count: quorumNeeded(ruleSet.council, size) })
      : t('forms.recordCouncilResult.councilSizeHint');
  const rounds = ruleSet.council.rounds === 2 ? [1, 2] : [1];
  return (
    <div className="form-row">
      <Field label={t('forms.recordCouncilResult.councilSize')} hint={quorum} error={errorOf('councilSize')}>
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={50}
          step={1}
          {...form.register('councilSize', { setValueAs: numberOrUndefined })}
        />
      </Field>
      {rounds.length > 1 ? (
        <Field label={t('forms.recordCouncilResult.round')} error={errorOf('round')}>
          <select {...form.register('round', { setValueAs: numberOrUndefined })}>
            {rounds.map((round) => (
              <option key={round} value={round}>
                {t(`forms.recordCouncilResult.rounds.${round}`)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
    </div>
  );
}

/** An empty number field is no value (the validator then names what is missing), not NaN. */
function numberOrUndefined(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : undefined;
}
