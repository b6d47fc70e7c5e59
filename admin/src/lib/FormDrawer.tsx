import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';

export interface FormDrawerProps {
  open: boolean;
  title: string;
  /** Drawer width: a number of pixels or a CSS length. */
  size: number | string;
  /** A save is under way: the save button spins. */
  busy: boolean;
  onClose(): void;
  onSave(): void;
  saveText?: string;
  children: ReactNode;
}

/**
 * The side panel every "new / edit" form opens in: 取消 and the save button at the top, where they stay
 * in view however long the form; closing it drops what was typed (the form is rebuilt when it opens).
 */
export function FormDrawer({ open, title, size, busy, onClose, onSave, saveText = '保存', children }: FormDrawerProps) {
  return (
    <Drawer
      open={open}
      title={title}
      size={size}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} onClick={onSave}>
            {saveText}
          </Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  );
}
