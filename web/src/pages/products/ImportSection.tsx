// Registering a cycle's products from a spreadsheet, for those whose grants allow importing (the coordinator). The
// API registers each row on its own and answers each with its product id or its refusal, shown row by row below.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { mayDo } from '../../../../domain/access';
import { CSV_MAX_BYTES, CSV_MAX_ROWS } from '../../../../domain/csv-limits';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/SessionProvider';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerForm } from '../../components/useServerForm';
import { importSchema } from './import-form';
import { ImportResults } from './ImportResults';
import type { CycleSummary } from './useCycles';

const MIB = CSV_MAX_BYTES / 1024 / 1024;

async function importFile({ cycleId, file }: { cycleId: string; file: FileList }) {
  const csv = (await file[0]?.text()) ?? '';
  return unwrap(
    api.POST('/v1/cycles/{cycleId}/imports', {
      params: { path: { cycleId } },
      body: csv,
      bodySerializer: (body) => body,
      headers: { 'content-type': 'text/csv' },
    }),
  );
}

/** The cycles this person may import into; none hides the section. */
export function useImportableCycles(cycles: CycleSummary[]): CycleSummary[] {
  const { me } = useSession();
  const provinces = new Set(
    (me?.grants ?? []).filter((grant) => mayDo(grant.role, 'importProducts')).map((grant) => grant.scope.province),
  );
  return cycles.filter((cycle) => provinces.has(cycle.province));
}

interface ImportSectionProps {
  cycles: CycleSummary[];
  chosen: string | undefined;
  onImported: () => void;
}

export function ImportSection({ cycles, chosen, onImported }: ImportSectionProps) {
  const { t } = useTranslation('products');
  const schema = useMemo(
    () =>
      importSchema({ fileRequired: t('import.fileRequired'), fileTooLarge: t('import.fileTooLarge', { mib: MIB }) }),
    [t],
  );
  const { form, mutation, onSubmit } = useServerForm({
    schema,
    defaultValues: { cycleId: cycles.some((cycle) => cycle.cycleId === chosen) ? chosen : cycles[0]?.cycleId },
    submit: importFile,
    invalidates: [['products'], ['dashboard'], ['report'], ['tasks']],
    onDone: onImported,
  });
  const { errors } = form.formState;
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t('import.heading')}</h2>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="form-row">
          <Field label={t('import.cycle')} error={errors.cycleId?.message}>
            <select {...form.register('cycleId')}>
              {cycles.map((cycle) => (
                <option key={cycle.cycleId} value={cycle.cycleId}>
                  {cycle.cycleId}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={t('import.file')}
            hint={t('import.fileHint', { mib: MIB, rows: CSV_MAX_ROWS })}
            error={errors.file?.message}
          >
            <input type="file" accept=".csv,text/csv" {...form.register('file')} />
          </Field>
        </div>
        <button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('import.uploading') : t('import.submit')}
        </button>
      </form>
      <ProblemAlert error={mutation.error} />
      {mutation.data ? <ImportResults result={mutation.data} /> : null}
    </section>
  );
}
