import { Modal } from 'antd';

/** The saved version exactly as the public site will render it (GET /api/articles/:id/preview). */
export function PreviewDialog({ articleId, onClose }: { articleId: number | null; onClose(): void }) {
  return (
    <Modal
      open={articleId !== null}
      title="预览（已保存的版本）"
      onCancel={onClose}
      footer={null}
      width="min(1200px, 96vw)"
      destroyOnHidden
    >
      {articleId !== null && (
        <iframe className="preview-frame" title="信息预览" src={`/api/articles/${articleId}/preview`} />
      )}
    </Modal>
  );
}
