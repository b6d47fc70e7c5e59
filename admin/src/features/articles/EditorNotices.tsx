import { Alert } from 'antd';
import type { PendingCorrection } from '@contract/review';

type Correction = NonNullable<PendingCorrection>;

export interface EditorNoticesProps {
  /** The published item's correction under way (修改稿), if any. */
  pending: Correction | null;
  /** The column asked for in the link, when the user's unit is not responsible for it. */
  refusedColumn: string | null;
  /** What the Word conversion wants the writer to check. */
  docxNotes: string[];
  onCloseDocxNotes(): void;
}

const CORRECTION_STATE: Record<Correction['state'], string> = {
  in_review: '审核中',
  returned: '被退回，待修改',
  draft: '待送审',
};

/** What the writer should know before editing: a correction under way, a refused column, Word's notes. */
export function EditorNotices({ pending, refusedColumn, docxNotes, onCloseDocxNotes }: EditorNoticesProps) {
  return (
    <>
      {pending && (
        <Alert
          type="info"
          showIcon
          className="section-card"
          title={`修改稿${CORRECTION_STATE[pending.state]}（拟稿人：${pending.drafterName}）：原文保持在线，审核通过后替换。`}
        />
      )}
      {refusedColumn && (
        <Alert
          type="warning"
          showIcon
          className="section-card"
          title={`本单位不负责栏目“${refusedColumn}”，不能在此栏目发布信息。请从下方选择本单位负责的栏目。`}
        />
      )}
      {docxNotes.length > 0 && (
        <Alert
          type="info"
          showIcon
          closable
          className="section-card"
          title="Word 文档已转换为正文，请核对："
          description={
            <ul className="plain-list">
              {docxNotes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          }
          onClose={onCloseDocxNotes}
        />
      )}
    </>
  );
}
