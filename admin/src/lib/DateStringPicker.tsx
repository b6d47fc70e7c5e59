import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/** A date picker whose value is the server's YYYY-MM-DD string, not a dayjs object. */
export function DateStringPicker({
  id,
  value,
  onChange,
  ...rest
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  'aria-describedby'?: string;
  placeholder?: string;
  allowClear?: boolean;
}) {
  return (
    <DatePicker
      id={id}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      format="YYYY-MM-DD"
      style={{ width: '100%' }}
      {...rest}
    />
  );
}
