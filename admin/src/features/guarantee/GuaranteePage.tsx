import { useSearchParams } from 'react-router-dom';
import { PageHeading } from '../../layout/AppLayout';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccess, useMe } from '../auth/session';
import { DutyDrawer } from './DutyDrawer';
import { useUnitOverview } from './queries';
import { StatusBoard } from './StatusBoard';
import { UnitOverviewView } from './UnitOverviewView';
import { FoiOverdueCard } from '../foi/FoiOverdueCard';

/** County accounts get the status board of every duty; a unit's 信息员 and leaders get their own unit's view. */
export default function GuaranteePage() {
  usePageTitle('保障状态');
  const access = useAccess();
  return access.scope('guarantee.read') === 'all' ? (
    <>
      <StatusBoard />
      <FoiOverdueCard />
    </>
  ) : (
    <UnitGuarantee />
  );
}

function UnitGuarantee() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const overview = useUnitOverview();
  const duty = Number(params.get('duty')) || null;
  const open = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('duty', String(id));
    else next.delete('duty');
    setParams(next);
  };
  return (
    <>
      <PageHeading title={`${me.unit.shortName}保障状态`} />
      <UnitOverviewView overview={overview.data} loading={overview.isLoading} onOpen={open} />
      <DutyDrawer dutyId={duty} onClose={() => open(null)} />
      <FoiOverdueCard />
    </>
  );
}
