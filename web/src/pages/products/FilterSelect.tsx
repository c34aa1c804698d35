// One filter as a list of choices, "all" first: choosing applies it at once.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';

export interface Choice {
  value: string;
  label: string;
}

interface FilterSelectProps {
  label: string;
  value: string | number | undefined;
  onChange: (value: string | undefined) => void;
  choices?: readonly Choice[];
  /** Grouped choices (<optgroup>), when a flat list is not enough. */
  children?: ReactNode;
}

export function FilterSelect({ label, value, onChange, choices = [], children }: FilterSelectProps) {
  const { t } = useTranslation('products');
  return (
    <Field label={label}>
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">{t('filters.all')}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
        {children}
      </select>
    </Field>
  );
}
