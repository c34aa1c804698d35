// Placeholder until this page is built.
import { PageTitle } from '../../components/PageTitle';

export default function ProductPage() {
  return <PageTitle title="ProductPage" />;
}
