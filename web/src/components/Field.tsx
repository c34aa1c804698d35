// A labelled control with its error beside it: the label names the field, the error is tied to the control
// (aria-describedby) so a screen reader reads it with the field, and aria-invalid marks the control itself.
import { cloneElement, useId, type ReactElement } from 'react';
import { useRuleText } from '../i18n/rules';

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ReactElement<Record<string, unknown>>;
}

export function Field({ label, error: rule, hint, children }: FieldProps) {
  const id = useId();
  // The domain words its rules in English; whatever reaches a field is shown in the reader's language.
  const error = useRuleText()(rule);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {cloneElement(children, { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
