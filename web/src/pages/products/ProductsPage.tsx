// Placeholder until this page is built.
import { PageTitle } from '../../components/PageTitle';

export default function ProductsPage() {
  return <PageTitle title="ProductsPage" />;
}
