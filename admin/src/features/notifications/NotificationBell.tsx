import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Notification as AppNotification } from '@contract/notify';
import { formatDateTime } from '../../lib/time';
import { reviewKeys } from '../review/queries';
import { inAppPath, NOTIFICATIONS_KEY, useNotifications } from './queries';

/** The bell in the header: unread count, and the list of notices in a drawer (open one, mark read). */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const list = useNotifications();
  const client = useQueryClient();
  const navigate = useNavigate();
  const unread = list.data?.unread ?? 0;

  const refresh = () => {
    void client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    void client.invalidateQueries({ queryKey: reviewKeys.tasks });
  };
  const markRead = useMutation({
    mutationFn: (id: number) => api.post(`/api/notifications/${id}/read`),
    onSuccess: refresh,
  });
  const markAll = useMutation({ mutationFn: () => api.post('/api/notifications/read-all'), onSuccess: refresh });

  const openNotice = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    const to = inAppPath(n.link);
    setOpen(false);
    if (to) void navigate(to);
  };

  return (
    <>
      <Button
        type="text"
        className="app-bell"
        aria-label={unread ? `通知，${unread} 条未读` : '通知'}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined aria-hidden className="app-bell-icon" />
          </Badge>
        }
      />
      <Drawer
        title={`通知${unread ? `（${unread} 条未读）` : ''}`}
        open={open}
        onClose={() => setOpen(false)}
        size="default"
        extra={
          unread > 0 && (
            <Button size="small" onClick={() => markAll.mutate()} loading={markAll.isPending}>
              全部标为已读
            </Button>
          )
        }
      >
        {(list.data?.items.length ?? 0) === 0 ? (
          <Empty description="没有通知" />
        ) : (
          <List<AppNotification>
            className="notice-list"
            dataSource={list.data?.items ?? []}
            renderItem={(n) => (
              <List.Item className={n.readAt ? 'notice-read' : 'notice-unread'}>
                <div className="notice-item">
                  <Space size={4} wrap>
                    {!n.readAt && <Tag color="error">未读</Tag>}
                    <Typography.Text strong>{n.title}</Typography.Text>
                  </Space>
                  <div className="notice-body">{n.body}</div>
                  <Space size={8} wrap className="notice-foot">
                    <span className="muted">{formatDateTime(n.createdAt)}</span>
                    {inAppPath(n.link) && (
                      <Button size="small" type="link" onClick={() => openNotice(n)} aria-label={`查看：${n.title}`}>
                        查看
                      </Button>
                    )}
                    {!n.readAt && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => markRead.mutate(n.id)}
                        aria-label={`标为已读：${n.title}`}
                      >
                        标为已读
                      </Button>
                    )}
                  </Space>
                </div>
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
