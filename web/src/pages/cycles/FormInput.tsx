// One input of the start-a-cycle form, registered under its body path, with the error the checks (or the API) give
// that path in the reader's words; its own onChange runs after the form has taken the value.
import type { InputHTMLAttributes } from 'react';
import type { Path, UseFormReturn } from 'react-hook-form';
import { Field } from '../../components/Field';
import { useRuleText } from '../../i18n/rules';
import type { StartCycleFields, StartCycleRequestBody } from './start-cycle-schema';

export type StartCycleFormApi = UseFormReturn<StartCycleFields, unknown, StartCycleRequestBody>;

interface FormInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'form' | 'name'> {
  form: StartCycleFormApi;
  name: Path<StartCycleFields>;
  label: string;
  hint?: string;
}

export function FormInput({ form, name, label, hint, onChange, ...input }: FormInputProps) {
  const ruleText = useRuleText();
  const error = ruleText(form.getFieldState(name, form.formState).error?.message);
  return (
    <Field label={label} error={error} {...(hint ? { hint } : {})}>
      <input {...input} {...form.register(name, onChange ? { onChange } : {})} />
    </Field>
  );
}
