import { Form, Select } from 'antd';
import { ReasonDialog } from './ReasonDialog';

interface Props {
  open: boolean;
  targets: Array<{ value: number; label: string }>;
  onClose(): void;
  onSubmit(reason: string, toPosition: number): Promise<unknown>;
}

/** 退回修改: to the drafter or an earlier step, with the reason the drafter will read (ReturnInput). */
export function ReturnDialog({ open, targets, onClose, onSubmit }: Props) {
  return (
    <ReasonDialog
      open={open}
      title="退回修改"
      label="退回理由"
      okText="退回"
      missing="请填写退回理由"
      extra="拟稿人会在待办和通知中看到此理由。"
      initialValues={{ toPosition: 0 }}
      onClose={onClose}
      onSubmit={(reason, values) => onSubmit(reason, values.toPosition as number)}
    >
      <Form.Item label="退回到" name="toPosition" rules={[{ required: true, message: '请选择退回到哪一步' }]}>
        <Select options={targets} />
      </Form.Item>
    </ReasonDialog>
  );
}
