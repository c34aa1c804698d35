// A date and time as the office reads it (Vietnam's time, in the browser's own picker), held in the form as the
// ISO instant the API takes, so the domain's schema checks the very value that is sent. The picker writes dates as
// the browser's language does, so the hint repeats the chosen time as dd/MM/yyyy HH:mm.
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { formatDateTime, fromLocalInput, toLocalInput } from '../../../format/dates';

interface DateTimeFieldProps<Values extends FieldValues, Output> {
  /** The form's control; `Output` is what its schema makes of the values (a form may send another shape). */
  control: Control<Values, unknown, Output>;
  name: Path<Values>;
  label: string;
  error: string | undefined;
  hint?: string;
}

function instantOf(value: unknown): string | null {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
}

export function DateTimeField<Values extends FieldValues, Output = Values>({
  control,
  name,
  label,
  error,
  hint,
}: DateTimeFieldProps<Values, Output>) {
  const {
    field: { ref, value, onChange, onBlur },
  } = useController({ control, name });
  const { t } = useTranslation('product');
  const instant = instantOf(value);
  const zone = instant ? t('forms.chosenTime', { value: formatDateTime(instant) }) : t('forms.vietnamTime');
  return (
    <Field label={label} error={error} hint={hint ? `${hint}. ${zone}` : zone}>
      <input
        type="datetime-local"
        name={name}
        ref={ref}
        value={instant ? toLocalInput(instant) : ''}
        onBlur={onBlur}
        onChange={(event) => onChange(event.target.value ? fromLocalInput(event.target.value) : '')}
      />
    </Field>
  );
}
