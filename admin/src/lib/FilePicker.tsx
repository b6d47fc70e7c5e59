import { FolderOpenOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useRef, useState } from 'react';

interface Props {
  /** Id of the hidden file input (tests set files on it). */
  id: string;
  /** What the file is for, read out with the button ("选择文件：保障清单"). */
  label: string;
  accept: string;
  onChange(file: File | null): void;
}

/**
 * A file field that speaks Chinese whatever the browser's language: the native input (whose
 * button the browser labels itself) is hidden behind a button of ours that names the chosen file.
 */
export function FilePicker({ id, label, accept, onChange }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string | null>(null);
  return (
    <span className="file-picker">
      <input
        ref={input}
        id={id}
        type="file"
        accept={accept}
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        onChange={(e) => {
          const file = e.target.files?.[0] ?? null;
          setName(file?.name ?? null);
          onChange(file);
        }}
      />
      <Button
        icon={<FolderOpenOutlined aria-hidden />}
        onClick={() => input.current?.click()}
        aria-label={`选择文件：${label}`}
        aria-describedby={`${id}-name`}
      >
        选择文件
      </Button>
      <span id={`${id}-name`} className={name ? undefined : 'muted'}>
        {name ?? '未选择文件'}
      </span>
    </span>
  );
}
