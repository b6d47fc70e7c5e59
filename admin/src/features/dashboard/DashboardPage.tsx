import { useMe } from '../auth/session';
import { usePageTitle } from '../../lib/usePageTitle';
import { CentreDashboard } from './CentreDashboard';
import { firstScreenOf } from './first-screen';
import { LeaderDashboard } from './LeaderDashboard';
import { OfficerDashboard } from './OfficerDashboard';

/**
 * Each role's first screen (the app opens at / after signing in): the website centre today's queue and
 * the board, leaders and reviewers what awaits their approval, information officers their unit's items.
 */
export default function DashboardPage() {
  usePageTitle('工作台');
  const me = useMe();
  const screen = firstScreenOf(me);
  if (screen === 'leader') return <LeaderDashboard />;
  return screen === 'centre' ? <CentreDashboard /> : <OfficerDashboard />;
}
