// The ground of a revocation (căn cứ thu hồi), chosen from the catalogue the provinces' decisions use
// (domain/recognition.ts RevocationGround), so a proposal and the decision on it name the same ground.
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { RevocationGround } from '../../../../../domain/recognition';
import { Field } from '../../../components/Field';

interface GroundFieldProps {
  label: string;
  error: string | undefined;
  registration: UseFormRegisterReturn;
}

export function GroundField({ label, error, registration }: GroundFieldProps) {
  const { t } = useTranslation('domain');
  return (
    <Field label={label} error={error}>
      <select {...registration}>
        <option value="">{t('common:choose')}</option>
        {RevocationGround.options.map((ground) => (
          <option key={ground} value={ground}>
            {t(`revocationGround.${ground}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}
