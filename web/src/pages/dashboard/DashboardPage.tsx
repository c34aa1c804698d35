// Placeholder until this page is built.
import { PageTitle } from '../../components/PageTitle';

export default function DashboardPage() {
  return <PageTitle title="DashboardPage" />;
}
