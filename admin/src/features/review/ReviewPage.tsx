import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Collapse, Descriptions, Row, Space, Spin } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import type { ArticleView as Article } from '@contract/articles';
import { PageHeading } from '../../layout/AppLayout';
import { SUBMISSION_CHANNEL_LABELS } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccess } from '../auth/session';
import { StatusTag } from '../dashboard/LatestArticles';
import { NOTIFICATIONS_KEY } from '../notifications/queries';
import { PreviewDialog } from '../articles/PreviewDialog';
import { AttachmentHistory } from './AttachmentHistory';
import { CorrectionCard } from './CorrectionCard';
import { FindingsList } from './FindingsList';
import { PaperScan } from './PaperScan';
import { PublishActions } from './PublishActions';
import { reviewKeys, useCheckResults, useReviewHistory } from './queries';
import { ReviewActions } from './ReviewActions';
import { ReviewHistoryList } from './ReviewHistoryList';
import { ReviewProgress } from './ReviewProgress';
import { UnreviewedTag } from './UnreviewedTag';

const card = (title: string) => <h2 className="card-title">{title}</h2>;

/** One item under review: what it says, where its review stands, its check results, and the decisions open to this person. */
export default function ReviewPage() {
  const id = Number(useParams().id);
  usePageTitle('信息审核');
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const access = useAccess();
  const article = useQuery({
    queryKey: ['article', id],
    queryFn: () => api.get<Article>(`/api/articles/${id}`, { quiet: true }),
    staleTime: 0,
  });
  const history = useReviewHistory(id);
  const checks = useCheckResults(id);
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [problems, setProblems] = useState<Record<number, string>>({});
  const [previewing, setPreviewing] = useState(false);

  const refresh = () => {
    for (const key of [
      ['article', id],
      reviewKeys.history(id),
      reviewKeys.checks(id),
      reviewKeys.tasks,
      reviewKeys.unreviewed,
      ['articles'],
      NOTIFICATIONS_KEY,
    ])
      void client.invalidateQueries({ queryKey: key });
  };
  const done = (text: string) => {
    void message.success(text);
    setReasons({});
    setProblems({});
    refresh();
  };

  if (article.isError) {
    const err = article.error instanceof ApiError ? article.error.message : '无法加载该信息';
    return (
      <Alert
        type="error"
        showIcon
        title={err}
        action={<Button onClick={() => void navigate('/tasks')}>返回待办</Button>}
      />
    );
  }
  if (!article.data || !history.data) return <Spin />;
  const a = article.data;
  const h = history.data;
  const canAct = !!h.current?.canAct && h.current.state === 'in_review';

  return (
    <>
      <PageHeading
        title={`审核：${a.title}`}
        extra={
          <Space wrap>
            <Button
              icon={<PrinterOutlined aria-hidden />}
              href={`/api/articles/${id}/review-form`}
              target="_blank"
              rel="noopener"
            >
              审核表（打印）
            </Button>
            <Button
              icon={<FilePdfOutlined aria-hidden />}
              href={`/api/articles/${id}/review-form.pdf`}
              target="_blank"
              rel="noopener"
            >
              审核表 PDF
            </Button>
            <Button type="primary" ghost onClick={() => setPreviewing(true)}>
              预览发布页面（电脑 / 手机）
            </Button>
            <Button onClick={() => void navigate(`/articles/${id}`)}>打开编辑页</Button>
            <Button onClick={() => void navigate('/tasks')}>返回待办</Button>
          </Space>
        }
      />
      <Descriptions size="small" className="section-card" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label="状态">
          <StatusTag status={a.status} />
          {a.unreviewed && <UnreviewedTag />}
        </Descriptions.Item>
        <Descriptions.Item label="发布单位">{a.unitName}</Descriptions.Item>
        <Descriptions.Item label="栏目">{a.columnName}</Descriptions.Item>
        <Descriptions.Item label="报送渠道">{SUBMISSION_CHANNEL_LABELS[a.channel] ?? a.channel}</Descriptions.Item>
        <Descriptions.Item label="版本">第 {a.revision} 版</Descriptions.Item>
        <Descriptions.Item label="信息类型">{a.typeLabel}</Descriptions.Item>
        <Descriptions.Item label="更新时间">{formatDateTime(a.updatedAt)}</Descriptions.Item>
        <Descriptions.Item label="发布时间">{formatDateTime(a.publishedAt)}</Descriptions.Item>
      </Descriptions>
      {a.statusReason && (
        <Alert
          type={a.status === 'returned' ? 'warning' : 'info'}
          showIcon
          className="section-card"
          title={`${a.status === 'returned' ? '退回理由' : '说明'}：${a.statusReason}`}
        />
      )}
      {h.current?.correction && <CorrectionCard articleId={id} published={a} />}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={card('审核进度')} className="section-card">
            <ReviewProgress history={h} />
          </Card>
          {canAct && (
            <Card title={card('审核处理')} className="section-card">
              <ReviewActions
                articleId={id}
                history={h}
                findings={checks.data?.findings ?? []}
                reasons={reasons}
                onProblems={setProblems}
                mayPublish={access.can('article.publish')}
                onDone={done}
                onRefresh={refresh}
              />
            </Card>
          )}
          <Card title={card(`内容检查（第 ${checks.data?.revision ?? a.revision} 版）`)} className="section-card">
            {checks.isLoading ? (
              <Spin />
            ) : (
              <FindingsList
                findings={checks.data?.findings ?? []}
                reasons={canAct ? reasons : undefined}
                problems={problems}
                onReason={canAct ? (fid, r) => setReasons((p) => ({ ...p, [fid]: r })) : undefined}
              />
            )}
          </Card>
          {/* Loaded when opened: the whole public page, which reviewers read once rather than every visit. */}
          <Collapse
            className="section-card"
            destroyOnHidden
            items={[
              {
                key: 'preview',
                label: <h2 className="card-title">信息预览（公开网站上的样式）</h2>,
                children: <iframe className="review-preview" title="信息预览" src={`/api/articles/${id}/preview`} />,
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={10}>
          {(access.can('article.publish') || access.can('review.emergency')) && (
            <Card title={card('发布')} className="section-card">
              <PublishActions
                article={a}
                canPublish={access.can('article.publish')}
                canEmergency={access.can('review.emergency')}
                onDone={done}
              />
            </Card>
          )}
          {a.channel === 'paper' && access.can('article.write') && (
            <Card title={card('纸质审核表扫描件')} className="section-card">
              <PaperScan article={a} onDone={done} />
            </Card>
          )}
          <Card title={card('附件历史')} className="section-card">
            <AttachmentHistory articleId={id} />
          </Card>
          <Card title={card('审核记录')} className="section-card">
            <ReviewHistoryList history={h} />
          </Card>
        </Col>
      </Row>
      <PreviewDialog articleId={previewing ? id : null} onClose={() => setPreviewing(false)} />
    </>
  );
}
