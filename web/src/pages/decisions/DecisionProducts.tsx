// The products a decision may name: those awaiting one at the level chosen, each ticked to be named, and at the
// central level, whose 5-star certificates the ministry numbers, with the number it gave.
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { MINISTRY_LEVEL, type DecisionBody, type DecisionFormInput } from './decision-form';
import type { AwaitingProduct } from './useDecisions';

interface DecisionProductsProps {
  form: UseFormReturn<DecisionFormInput, unknown, DecisionBody>;
  awaiting: AwaitingProduct[];
  errorOf: (name: string, options?: { deep?: boolean }) => string | undefined;
}

export function DecisionProducts({ form, awaiting, errorOf }: DecisionProductsProps) {
  const { t } = useTranslation('decisions');
  const { fields } = useFieldArray({ control: form.control, name: 'products' });
  const level = form.watch('level');
  // A list's own error sits at its root once the list is a field array.
  const productsError = errorOf('products.root') ?? errorOf('products', { deep: false });
  const byId = new Map(awaiting.map((product) => [product.productId, product]));
  return (
    <fieldset className="choice decision-products">
      <legend>{t('form.products')}</legend>
      {fields.map((field, index) => {
        const product = byId.get(field.productId);
        if (!product || field.level !== level) return null;
        const stars = product.stars ? ` · ${t('domain:stars', { count: product.stars })}` : '';
        return (
          <div key={field.id} className="decision-product">
            <label>
              <input type="checkbox" {...form.register(`products.${index}.include`)} />{' '}
              {`${product.name} (${product.productId})${stars}`}
            </label>
            {level === MINISTRY_LEVEL ? (
              <Field
                label={t('form.certificateNumber', { name: product.name })}
                error={errorOf(`products.${index}.certificateNumber`)}
              >
                <input autoComplete="off" maxLength={64} {...form.register(`products.${index}.certificateNumber`)} />
              </Field>
            ) : null}
          </div>
        );
      })}
      {productsError ? <p className="field-error">{productsError}</p> : null}
    </fieldset>
  );
}
