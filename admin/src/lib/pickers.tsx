import { Form, Select, TreeSelect } from 'antd';
import { defaultSiteId, useColumnTree, useSites, useUnits } from '../api/hooks';
import { columnTreeData } from '../features/articles/column-options';

// The unit and column pickers of every form that files an item or a source for a unit into a column
// (e-mail 认领, paper registration, crawl sources, 栏目共建 shares): one component, one behaviour.

/** A unit, searched by its short name. */
export function UnitSelect({
  id,
  value,
  onChange,
  placeholder = '选择报送单位',
  ariaLabel,
}: {
  id: string;
  value?: number;
  onChange?(v: number): void;
  placeholder?: string;
  /** The name read out when no <label> names the field (a row of a list). */
  ariaLabel?: string;
}) {
  const units = useUnits();
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      showSearch
      optionFilterProp="label"
      placeholder={placeholder}
      value={value}
      onChange={onChange}
      options={(units.data ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
    />
  );
}

/** A column of the default site that can hold items (not an external link). */
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

/** The two required fields `unitId` and `columnId` of a form, labelled; `prefix` makes the ids unique. */
export function UnitColumnFields({ prefix, unitLabel = '报送单位' }: { prefix: string; unitLabel?: string }) {
  return (
    <>
      <Form.Item
        label={unitLabel}
        name="unitId"
        htmlFor={`${prefix}-unit`}
        rules={[{ required: true, message: `请选择${unitLabel}` }]}
      >
        <UnitSelect id={`${prefix}-unit`} placeholder={`选择${unitLabel}`} />
      </Form.Item>
      <Form.Item
        label="栏目"
        name="columnId"
        htmlFor={`${prefix}-column`}
        rules={[{ required: true, message: '请选择栏目' }]}
      >
        <ColumnSelect id={`${prefix}-column`} />
      </Form.Item>
    </>
  );
}
