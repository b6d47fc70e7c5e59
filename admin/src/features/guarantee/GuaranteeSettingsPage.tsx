import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageHeading } from '../../layout/AppLayout';
import { usePageTitle } from '../../lib/usePageTitle';
import { CalendarOverrides } from './CalendarOverrides';
import { ClassesTab } from './ClassesTab';
import { ThresholdsForm } from './ThresholdsForm';

/** The website centre's knobs for the guarantee checks: thresholds, the columns' update classes and the working-day calendar. */
export default function GuaranteeSettingsPage() {
  usePageTitle('保障检查参数');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab');
  const active = tab === 'calendar' || tab === 'classes' ? tab : 'thresholds';
  return (
    <>
      <PageHeading title="保障检查参数" />
      <p className="muted">每项保障责任的考核参数（每周篇数、更新期限等）在“保障状态”中打开该责任修改。</p>
      <Tabs
        activeKey={active}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'thresholds', label: '期限与预警阈值', children: <ThresholdsForm /> },
          { key: 'classes', label: '栏目更新类别', children: <ClassesTab /> },
          { key: 'calendar', label: '工作日历', children: <CalendarOverrides /> },
        ]}
        destroyOnHidden
      />
    </>
  );
}
