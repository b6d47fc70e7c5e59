import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useUnits } from '../api/hooks';

interface Props {
  id?: string;
  'aria-label'?: string;
  style?: CSSProperties;
  value: number | undefined;
  onChange: (unitId: number | undefined) => void;
}

/** The 单位 filter of the list screens: every unit by its short name, searchable, cleared for 全部单位. */
export function UnitFilter({ value, onChange, style, ...rest }: Props) {
  const units = useUnits();
  return (
    <Select
      {...rest}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="全部单位"
      style={style ?? { width: 180 }}
      value={value}
      onChange={(v: number | undefined) => onChange(v ?? undefined)}
      options={units.data?.map((u) => ({ value: u.id, label: u.shortName }))}
    />
  );
}
