import { Modal, Segmented, Space } from 'antd';
import { useState } from 'react';

type Width = 'desktop' | 'phone';
// The public theme's breakpoints: a desktop page at full width, a phone at a common 390 px screen.
const WIDTHS: Record<Width, string> = { desktop: '100%', phone: '390px' };

/**
 * The saved version exactly as the public site will render it (GET /api/articles/:id/preview), full
 * size: the whole window's width for a desktop, a phone's width beside it, and a new tab for the page alone.
 */
export function PreviewDialog({ articleId, onClose }: { articleId: number | null; onClose(): void }) {
  const [width, setWidth] = useState<Width>('desktop');
  const src = `/api/articles/${articleId}/preview`;
  return (
    <Modal
      open={articleId !== null}
      title={
        <Space wrap size={16}>
          <span>预览（已保存的版本，发布后的页面）</span>
          <Segmented<Width>
            aria-label="预览宽度"
            value={width}
            onChange={setWidth}
            options={[
              { value: 'desktop', label: '电脑' },
              { value: 'phone', label: '手机' },
            ]}
          />
          <a href={src} target="_blank" rel="noreferrer">
            在新窗口打开
          </a>
        </Space>
      }
      onCancel={onClose}
      footer={null}
      width="98vw"
      style={{ top: 12 }}
      destroyOnHidden
    >
      {articleId !== null && (
        <div className="preview-stage">
          <iframe
            className="preview-frame"
            data-testid={`preview-${width}`}
            title={width === 'phone' ? '信息预览（手机）' : '信息预览（电脑）'}
            src={src}
            style={{ width: WIDTHS[width] }}
          />
        </div>
      )}
    </Modal>
  );
}
