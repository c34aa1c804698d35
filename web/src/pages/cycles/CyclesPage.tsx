// Placeholder until this page is built.
import { PageTitle } from '../../components/PageTitle';

export default function CyclesPage() {
  return <PageTitle title="CyclesPage" />;
}
