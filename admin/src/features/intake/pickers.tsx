import { Select, TreeSelect } from 'antd';
import { defaultSiteId, useColumnTree, useSites, useUnits } from '../../api/hooks';
import { columnTreeData } from '../articles/column-options';

/** The unit an item is sent in for (e-mail claim, paper registration). */
export function UnitSelect({ id, value, onChange }: { id: string; value?: number; onChange?(v: number): void }) {
  const units = useUnits();
  return (
    <Select
      id={id}
      showSearch
      optionFilterProp="label"
      placeholder="选择报送单位"
      value={value}
      onChange={onChange}
      options={(units.data ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
    />
  );
}

/** A column of the default site (where an intake draft goes). */
export function ColumnSelect({ id, value, onChange }: { id: string; value?: number; onChange?(v: number): void }) {
  const sites = useSites();
  const tree = useColumnTree(defaultSiteId(sites.data));
  return (
    <TreeSelect
      id={id}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      placeholder="选择栏目"
      value={value}
      onChange={onChange}
      treeData={columnTreeData(tree.data ?? [], (c) => c.kind !== 'link')}
      listHeight={360}
    />
  );
}
