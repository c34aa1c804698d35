// Who and what the product is, where it stands, and for the province's staff the workflow behind it in Temporal UI.
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { Facts, type Fact } from './Facts';
import { placeName } from './place';
import type { ProductDetail } from './product-detail';
import { Stars } from './Stars';

export function ProductHeader({ detail }: { detail: ProductDetail }) {
  const { t } = useTranslation('product');
  const { product, state, workflowUrl } = detail;
  const workflowLink = workflowUrl ? (
    <a className="button secondary" href={workflowUrl} target="_blank" rel="noreferrer">
      {t('header.workflow')}
    </a>
  ) : null;
  const facts: Fact[] = [
    [t('header.productId'), product.productId],
    [t('header.stage'), t(`domain:stage.${state.stage}`)],
    [t('header.level'), state.level ? t(`domain:level.${state.level}`) : t('common:none')],
    [t('header.stars'), <Stars key="stars" count={state.stars} />],
    [t('header.subject'), product.subjectId],
    [t('header.place'), placeName(product.province, product.unit) ?? t('common:none')],
    [t('header.group'), t(`domain:group.${product.group}`, { defaultValue: product.group })],
    [t('header.kind'), t(`domain:kind.${product.kind}`, { defaultValue: product.kind })],
    [t('header.cycle'), product.cycleId],
  ];
  return (
    <PageTitle title={product.name} actions={workflowLink}>
      <Facts facts={facts} />
    </PageTitle>
  );
}
