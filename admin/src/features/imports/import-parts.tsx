import { Alert, App, Button, Result, Space } from 'antd';
import { useState } from 'react';

// What the spreadsheet imports (保障清单, 保障人员名单) share: a preview of exactly what would change,
// nothing written until 确认导入, the unknown unit names, and the whole report to copy.

export interface Planned {
  applied: boolean;
  report: string[];
}

/**
 * The file, the plan the server returned and the step under way. `send(file, apply)` uploads the file
 * for a preview (apply false) or for real; a new file or option drops the old plan (`reset`).
 */
export function usePreviewImport<P extends Planned>(
  send: (file: File, apply: boolean) => Promise<P>,
  applied: { message: string; after(): Promise<unknown> },
) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [plan, setPlan] = useState<P | null>(null);
  const [busy, setBusy] = useState<'plan' | 'apply' | null>(null);
  const run = async (apply: boolean) => {
    if (!file) return;
    setBusy(apply ? 'apply' : 'plan');
    try {
      setPlan(await send(file, apply));
      if (apply) {
        void message.success(applied.message);
        await applied.after();
      }
    } catch {
      // The server names the bad row and cell; the API client shows it.
    } finally {
      setBusy(null);
    }
  };
  const choose = (f: File | null) => {
    setFile(f);
    setPlan(null);
  };
  return { file, choose, plan, reset: () => setPlan(null), busy, run };
}

/** Above the figures: what was done, or that this is only a preview. */
export function ImportBanner({ applied, title, subTitle }: { applied: boolean; title: string; subTitle: string }) {
  return applied ? (
    <Result status="success" title={title} subTitle={subTitle} />
  ) : (
    <Alert
      type="info"
      showIcon
      className="form-hint"
      title="以下为预览，数据库未作任何改动。确认无误后点击“确认导入”。"
    />
  );
}

/** Names in the file that match no unit or alias, with their rows. */
export function UnresolvedUnits({ items, title }: { items: Array<{ name: string; rows: number[] }>; title: string }) {
  if (items.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="form-hint"
      title={title}
      description={items.map((u) => `“${u.name}”（第 ${u.rows.join('、')} 行）`).join('；')}
    />
  );
}

/** The whole report, folded: to read every line or copy it into a message. */
export function FullReport({ lines }: { lines: string[] }) {
  return (
    <details className="form-hint">
      <summary>完整报告</summary>
      <pre className="report">{lines.join('\n')}</pre>
    </details>
  );
}

/** Under the changes of a preview: apply them, or drop the preview. */
export function ApplyButtons({ busy, onApply, onCancel }: { busy: boolean; onApply(): void; onCancel(): void }) {
  return (
    <Space className="form-hint">
      <Button type="primary" loading={busy} onClick={onApply}>
        确认导入
      </Button>
      <Button onClick={onCancel}>取消</Button>
    </Space>
  );
}
