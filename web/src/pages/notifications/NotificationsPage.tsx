// Placeholder until this page is built.
import { PageTitle } from '../../components/PageTitle';

export default function NotificationsPage() {
  return <PageTitle title="NotificationsPage" />;
}
