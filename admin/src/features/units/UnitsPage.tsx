import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageHeading } from '../../layout/AppLayout';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccess } from '../auth/session';
import { GrantsTab } from './GrantsTab';
import { GroupsTab } from './GroupsTab';
import { UnitsTab } from './UnitsTab';

export default function UnitsPage() {
  usePageTitle('单位与分组');
  const canWrite = useAccess().can('unit.write');
  const [params, setParams] = useSearchParams();
  return (
    <>
      <PageHeading title="单位与分组" />
      <Tabs
        activeKey={params.get('tab') ?? 'units'}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={[
          { key: 'units', label: '单位', children: <UnitsTab canWrite={canWrite} /> },
          { key: 'groups', label: '单位分组', children: <GroupsTab canWrite={canWrite} /> },
          { key: 'grants', label: '栏目授权', children: <GrantsTab canWrite={canWrite} /> },
        ]}
      />
    </>
  );
}
