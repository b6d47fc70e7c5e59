import type { ArticleView as Article } from '@contract/articles';
import { Button, Card, Col, Descriptions, Row } from 'antd';
import { usePendingCorrection } from '../articles/CorrectionPage';

/**
 * The review of a correction of a published item: the proposal beside the text online now. Both bodies
 * come from the server sanitised (the proposal is stored as it would be published).
 */
export function CorrectionCard({ articleId, published }: { articleId: number; published: Article }) {
  const pending = usePendingCorrection(articleId);
  const p = pending.data;
  if (!p) return null;
  return (
    <Card
      title={<h2 className="card-title">修改稿（原文第 {p.baseRevision} 版保持在线，审核通过后替换）</h2>}
      className="section-card"
      extra={
        <Button href={`/api/articles/${articleId}/preview?correction=1`} target="_blank" rel="noopener">
          预览修改稿（公开网站上的样式）
        </Button>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="修改原因">{p.reason}</Descriptions.Item>
        <Descriptions.Item label="拟稿人">{p.drafterName}</Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <h3>修改稿：{p.title}</h3>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server (sanitizeBody) */}
          <div className="correction-body" dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />
        </Col>
        <Col xs={24} lg={12}>
          <h3>现在在线：{published.title}</h3>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server (sanitizeBody) */}
          <div className="correction-body" dangerouslySetInnerHTML={{ __html: published.bodyHtml }} />
        </Col>
      </Row>
    </Card>
  );
}
