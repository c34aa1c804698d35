// Placeholder until this page is built.
import { PageTitle } from '../../components/PageTitle';

export default function TasksPage() {
  return <PageTitle title="TasksPage" />;
}
