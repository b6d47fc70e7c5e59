import { isOnline, mayEmergencyPublish, mayPublish, mayTake } from '@contract/content';
import { Alert, App, Button, DatePicker, Descriptions, Popconfirm, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ArticleView as Article } from '@contract/articles';
import { formatDateTime } from '../../lib/time';
import { UnpublishDialog } from '../articles/UnpublishDialog';
import { dayBeforeToday, pickedInPast, pickedInstant } from './publish-time';
import { ReasonDialog } from './ReasonDialog';

interface Props {
  article: Article;
  canPublish: boolean;
  canEmergency: boolean;
  onDone(text: string): void;
}

// Times are picked in Beijing time whatever the browser's zone (publish-time.ts); the server wants an
// ISO instant and refuses anything not in the future. Publish times themselves are never typed in:
// an item goes online at the moment it is published.

/** Putting an approved item online (now or at a time), taking it offline, 撤稿, and the office leader's emergency publication. */
export function PublishActions({ article, canPublish, canEmergency, onDone }: Props) {
  const { message } = App.useApp();
  const [publishAt, setPublishAt] = useState<Dayjs | null>(null);
  const [offlineAt, setOfflineAt] = useState<Dayjs | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [emergency, setEmergency] = useState(false);
  const [unpublishing, setUnpublishing] = useState(false);
  const [busy, setBusy] = useState(false);
  const s = article.status;

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      onDone(done);
    } catch {
      // The API client showed the server's message.
    } finally {
      setBusy(false);
    }
  };
  const schedule = (body: Record<string, string | null>, done: string) =>
    run(() => api.post(`/api/articles/${article.id}/schedule`, body), done);

  const emergencyAllowed = canEmergency && mayEmergencyPublish(s);
  if (!canPublish && !emergencyAllowed) return null;

  return (
    <>
      <Descriptions size="small" column={1} className="form-hint">
        <Descriptions.Item label="发布时间">{formatDateTime(article.publishedAt)}</Descriptions.Item>
        {article.scheduledPublishAt && (
          <Descriptions.Item label="定时发布">{formatDateTime(article.scheduledPublishAt)}</Descriptions.Item>
        )}
        {article.scheduledOfflineAt && (
          <Descriptions.Item label="定时下线">{formatDateTime(article.scheduledOfflineAt)}</Descriptions.Item>
        )}
      </Descriptions>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {canPublish && mayPublish(s) && (
          <Space wrap>
            <Popconfirm
              title={`立即发布“${article.title}”？`}
              okText="发布"
              cancelText="取消"
              onConfirm={() => run(() => api.post(`/api/articles/${article.id}/publish`), '已发布')}
            >
              <Button type="primary" loading={busy}>
                立即发布
              </Button>
            </Popconfirm>
            {mayTake('cancel_schedule', s) && (
              <Button onClick={() => void schedule({ publishAt: null }, '已取消定时发布')} disabled={busy}>
                取消定时发布
              </Button>
            )}
          </Space>
        )}
        {canPublish && s === 'approved' && (
          <Space wrap>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={publishAt}
              onChange={setPublishAt}
              disabledDate={(d) => dayBeforeToday(d)}
              aria-label="定时发布时间"
              placeholder="选择发布时间（北京时间）"
            />
            <Button
              disabled={!publishAt || busy}
              onClick={() =>
                publishAt &&
                (pickedInPast(publishAt)
                  ? void message.error('定时发布时间须晚于当前时间')
                  : void schedule({ publishAt: pickedInstant(publishAt) }, '已设置定时发布'))
              }
            >
              定时发布
            </Button>
          </Space>
        )}
        {/* A time to go offline, for an item online or reviewed and waiting (the server also takes one under review). */}
        {canPublish && (isOnline(s) || mayPublish(s)) && (
          <Space wrap>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={offlineAt}
              onChange={setOfflineAt}
              disabledDate={(d) => dayBeforeToday(d)}
              aria-label="定时下线时间"
              placeholder="选择下线时间（北京时间）"
            />
            <Button
              disabled={!offlineAt || busy}
              onClick={() =>
                offlineAt &&
                (pickedInPast(offlineAt)
                  ? void message.error('定时下线时间须晚于当前时间')
                  : void schedule({ offlineAt: pickedInstant(offlineAt) }, '已设置定时下线'))
              }
            >
              定时下线
            </Button>
            {article.scheduledOfflineAt && (
              <Button onClick={() => void schedule({ offlineAt: null }, '已取消定时下线')} disabled={busy}>
                取消定时下线
              </Button>
            )}
          </Space>
        )}
        {canPublish && mayTake('unpublish', s) && (
          <Space wrap>
            <Button onClick={() => setUnpublishing(true)}>下线</Button>
            <Button danger onClick={() => setWithdrawing(true)}>
              撤稿
            </Button>
          </Space>
        )}
        {emergencyAllowed && (
          <div>
            <Alert
              type="warning"
              showIcon
              className="form-hint"
              title="紧急发布：信息立即上网并标注“未经审核”，审核流程在发布后进行；事后审核不通过将自动撤稿。"
            />
            <Button danger onClick={() => setEmergency(true)}>
              紧急发布
            </Button>
          </div>
        )}
      </Space>
      <ReasonDialog
        open={withdrawing}
        title={`撤稿“${article.title}”`}
        label="撤稿理由"
        okText="撤稿"
        danger
        onClose={() => setWithdrawing(false)}
        onSubmit={async (reason) => {
          await api.post(`/api/articles/${article.id}/withdraw`, { reason }, { quiet: true });
          onDone('已撤稿');
        }}
      />
      <ReasonDialog
        open={emergency}
        title={`紧急发布“${article.title}”`}
        label="紧急发布理由"
        okText="紧急发布"
        danger
        extra="理由会记入审核记录；信息将标注“未经审核”，直至事后审核通过。"
        onClose={() => setEmergency(false)}
        onSubmit={async (reason) => {
          await api.post(`/api/articles/${article.id}/emergency-publish`, { reason }, { quiet: true });
          onDone('已紧急发布，事后审核已开始');
        }}
      />
      <UnpublishDialog
        article={unpublishing ? article : null}
        onClose={() => setUnpublishing(false)}
        onDone={() => onDone('已下线')}
      />
    </>
  );
}
