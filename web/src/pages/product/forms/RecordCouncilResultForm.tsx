// A council secretary's record of the council's meeting (kết quả hội đồng đánh giá, phân hạng) at the level the
// product is at: when it met and, at a scoring level, how many members it has and which round it scored, each
// member's score sheet (the chair's marked), any mandatory criterion failed and the star it is mandatory for, and
// a bonus only where the rule set allows one; at an assessment level (the commune under OCOP_1489_2025), the local
// criteria its report found unmet.
import { useTranslation } from 'react-i18next';
import type { RuleSet } from '../../../../../domain/rules';
import type { LevelId } from '../../../../../domain/schemas';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ActionForm } from './ActionForm';
import { CouncilExtras } from './CouncilExtras';
import { CouncilMeeting } from './CouncilMeeting';
import { councilSchema, useRuleSet } from './council';
import { DateTimeField } from './DateTimeField';
import { useErrorText } from '../../../components/useErrorText';
import { emptySheet, ScoreSheets } from './ScoreSheets';
import { useActionForm, type ActionFormProps } from './useActionForm';

interface CouncilProps extends ActionFormProps {
  cycleId: string;
  level: LevelId | null;
}

function CouncilForm({ ruleSet, level, ...props }: ActionFormProps & { ruleSet: RuleSet; level: LevelId }) {
  const { t } = useTranslation('product');
  const scoring = ruleSet.levels.find((candidate) => candidate.id === level)?.kind !== 'assessment';
  const { form, mutation, onSubmit } = useActionForm(props, councilSchema(ruleSet, scoring), {
    level,
    meetingDate: new Date().toISOString(),
    ...(scoring ? { round: 1, sheets: [emptySheet()] } : { sheets: [] }),
    mandatoryFailed: [],
    failedCriteria: [],
    bonus: 0,
  });
  const errorOf = useErrorText(form.formState.errors);
  return (
    <ActionForm action="recordCouncilResult" onSubmit={onSubmit} pending={mutation.isPending} error={mutation.error}>
      <p>{t('forms.recordCouncilResult.level', { level: t(`domain:level.${level}`) })}</p>
      <DateTimeField
        control={form.control}
        name="meetingDate"
        label={t('forms.recordCouncilResult.meetingDate')}
        error={errorOf('meetingDate')}
      />
      {scoring ? <CouncilMeeting ruleSet={ruleSet} form={form} errorOf={errorOf} /> : null}
      {scoring ? (
        <ScoreSheets
          ruleSet={ruleSet}
          control={form.control}
          register={form.register}
          watch={form.watch}
          errorOf={errorOf}
          revalidate={() => {
            if (form.formState.isSubmitted) void form.trigger('sheets');
          }}
        />
      ) : null}
      <CouncilExtras ruleSet={ruleSet} scoring={scoring} form={form} errorOf={errorOf} />
    </ActionForm>
  );
}

export function RecordCouncilResultForm({ cycleId, level, ...props }: CouncilProps) {
  const ruleSet = useRuleSet(cycleId);
  if (ruleSet.isPending) return <Loading />;
  if (ruleSet.isError) return <ProblemAlert error={ruleSet.error} />;
  // Only a product in evaluation is offered this form, and it is then at a level; without one there is nothing to record.
  if (!ruleSet.data || !level) return null;
  return <CouncilForm ruleSet={ruleSet.data} level={level} {...props} />;
}
