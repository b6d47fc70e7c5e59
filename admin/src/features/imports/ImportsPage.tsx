import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageHeading } from '../../layout/AppLayout';
import { usePageTitle } from '../../lib/usePageTitle';
import { ArticlesImport } from './ArticlesImport';
import { GuaranteeListImport } from './GuaranteeListImport';

export default function ImportsPage() {
  usePageTitle('数据导入');
  const [params, setParams] = useSearchParams();
  return (
    <>
      <PageHeading title="数据导入" />
      <Tabs
        activeKey={params.get('tab') ?? 'list'}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={[
          { key: 'list', label: '内容保障清单', children: <GuaranteeListImport /> },
          { key: 'articles', label: '历史信息', children: <ArticlesImport /> },
        ]}
      />
    </>
  );
}
