import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageHeading } from '../../layout/AppLayout';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccess } from '../auth/session';
import { AnnualTab } from './AnnualTab';
import { BulletinsTab } from './BulletinsTab';
import { CoverageTab } from './CoverageTab';
import { TrendsTab } from './TrendsTab';

/** Trends, the monthly 通报 archive, the annual figures and (for the county) roster coverage; the tab lives in the address. */
export default function ReportsPage() {
  usePageTitle('通报与统计');
  const access = useAccess();
  const [params, setParams] = useSearchParams();
  const county = access.scope('guarantee.read') === 'all';
  const tabs = [
    { key: 'trends', label: '更新趋势', children: <TrendsTab /> },
    { key: 'bulletins', label: '月度通报', children: <BulletinsTab /> },
    { key: 'annual', label: '年度报表', children: <AnnualTab /> },
    ...(county ? [{ key: 'coverage', label: '人员与覆盖', children: <CoverageTab /> }] : []),
  ];
  const active = tabs.some((t) => t.key === params.get('tab')) ? params.get('tab')! : 'trends';
  return (
    <>
      <PageHeading title="通报与统计" />
      <Tabs activeKey={active} onChange={(k) => setParams({ tab: k })} items={tabs} destroyOnHidden />
    </>
  );
}
