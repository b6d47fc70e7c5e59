import { mayTake } from '@contract/content';
import type { PublishQueueItem } from '@contract/review';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Modal, Popconfirm, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { formatDateTime } from '../../lib/time';
import { StatusTag } from '../dashboard/LatestArticles';
import { dayBeforeToday, pickedInPast, pickedInstant } from './publish-time';
import { reviewKeys, usePublishQueue, waiting } from './queries';

/**
 * The publisher's half of 待办: items the last approval left 待发布 (one click to publish, or a time),
 * and those set to go online at a time (visible, with their time, and the time can be cancelled).
 * Every button is one the life-cycle table allows from the item's state.
 */
export function PublishQueue() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const queue = usePublishQueue(true);
  const [scheduling, setScheduling] = useState<PublishQueueItem | null>(null);
  const [at, setAt] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const rows = queue.data ?? [];

  const run = async (item: PublishQueueItem, work: () => Promise<unknown>, done: string) => {
    setBusy(item.articleId);
    try {
      await work();
      void message.success(`“${item.title}”${done}`);
      await client.invalidateQueries({ queryKey: reviewKeys.tasks });
      await client.invalidateQueries({ queryKey: ['article', item.articleId] });
    } catch {
      // The API client showed the server's message (a refusal of the publish gate says why).
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={`待发布（${waiting(rows)}）`} className="section-card">
      <Table<PublishQueueItem>
        rowKey="articleId"
        loading={queue.isLoading}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 900 }}
        locale={{ emptyText: '没有等待发布的信息' }}
        columns={[
          {
            title: '信息',
            dataIndex: 'title',
            render: (t: string, r) => <Link to={`/articles/${r.articleId}/review`}>{t}</Link>,
          },
          { title: '报送单位', dataIndex: 'unitName', width: 110 },
          { title: '栏目', dataIndex: 'columnName', width: 120 },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => <StatusTag status={s} /> },
          { title: '审核通过', dataIndex: 'approvedAt', width: 145, render: (v: string | null) => formatDateTime(v) },
          {
            title: '定时发布',
            dataIndex: 'scheduledPublishAt',
            width: 145,
            render: (v: string | null) => formatDateTime(v),
          },
          {
            title: '操作',
            key: 'op',
            width: 210,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                {mayTake('publish', r.status) && (
                  <Popconfirm
                    title={`立即发布“${r.title}”？`}
                    okText="发布"
                    cancelText="取消"
                    onConfirm={() => run(r, () => api.post(`/api/articles/${r.articleId}/publish`), '已发布')}
                  >
                    <Button size="small" type="primary" loading={busy === r.articleId} aria-label={`发布：${r.title}`}>
                      发布
                    </Button>
                  </Popconfirm>
                )}
                {mayTake('schedule', r.status) && (
                  <Button size="small" onClick={() => setScheduling(r)} aria-label={`定时发布：${r.title}`}>
                    {mayTake('cancel_schedule', r.status) ? '改时间' : '定时发布'}
                  </Button>
                )}
                {mayTake('cancel_schedule', r.status) && (
                  <Button
                    size="small"
                    disabled={busy === r.articleId}
                    onClick={() =>
                      void run(
                        r,
                        () => api.post(`/api/articles/${r.articleId}/schedule`, { publishAt: null }),
                        '已取消定时发布',
                      )
                    }
                    aria-label={`取消定时：${r.title}`}
                  >
                    取消定时
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!scheduling}
        title={`定时发布“${scheduling?.title ?? ''}”`}
        okText="定时发布"
        cancelText="取消"
        okButtonProps={{ disabled: !at }}
        onCancel={() => {
          setScheduling(null);
          setAt(null);
        }}
        onOk={async () => {
          if (!scheduling || !at) return;
          if (pickedInPast(at)) {
            void message.error('定时发布时间须晚于当前时间');
            return;
          }
          const item = scheduling;
          setScheduling(null);
          setAt(null);
          await run(
            item,
            () => api.post(`/api/articles/${item.articleId}/schedule`, { publishAt: pickedInstant(at) }),
            `定于 ${formatDateTime(pickedInstant(at))} 发布`,
          );
        }}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          value={at}
          onChange={setAt}
          disabledDate={(d) => dayBeforeToday(d)}
          aria-label="定时发布时间"
          placeholder="选择发布时间（北京时间）"
          style={{ width: '100%' }}
        />
      </Modal>
    </Card>
  );
}
