// Placeholder until this page is built.
import { PageTitle } from '../../components/PageTitle';

export default function AdminPage() {
  return <PageTitle title="AdminPage" />;
}
