import { useMe } from '../auth/session';
import { usePageTitle } from '../../lib/usePageTitle';
import { CentreDashboard } from './CentreDashboard';
import { OfficerDashboard } from './OfficerDashboard';

/** Each role's first screen: a unit sees its own columns and items; the website centre sees the site. */
export default function DashboardPage() {
  usePageTitle('工作台');
  const me = useMe();
  return me.permissions['article.read'] === 'all' ? <CentreDashboard /> : <OfficerDashboard />;
}
