import type { Task } from '@contract/review';
import { Space, type TableColumnType, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../lib/time';

// The columns a review task shows wherever it is listed (待办, a leader's 工作台): one definition, so the
// two lists cannot drift apart in what a deadline or the action link looks like.

/** A returned item (step 0) is revised in the editor; any other step is decided on the review page. */
export const taskHref = (t: Task) =>
  t.position === 0 ? `/articles/${t.articleId}` : `/articles/${t.articleId}/review`;
const actionOf = (t: Task) => (t.position === 0 ? '去修改' : '去审核');

/** Oldest deadline first. */
export const byDeadline = (tasks: readonly Task[]) => [...tasks].sort((a, b) => a.dueAt.localeCompare(b.dueAt));

/** What kind of review a task is, where it is not an ordinary first publication. */
export function TaskKindTags({ task }: { task: Task }) {
  return (
    <>
      {task.retrospective && (
        <Tag color="warning" className="flag-unreviewed">
          紧急发布事后审核
        </Tag>
      )}
      {task.correction && <Tag color="processing">修改稿（原文在线）</Tag>}
    </>
  );
}

export const unitColumn: TableColumnType<Task> = { title: '报送单位', dataIndex: 'unitName', width: 120 };

export const deadlineColumn: TableColumnType<Task> = {
  title: '办理期限',
  dataIndex: 'dueAt',
  width: 170,
  render: (v: string, t) => (
    <Space size={4} wrap>
      {formatDateTime(v)}
      {t.overdue && <Tag color="error">已超期</Tag>}
    </Space>
  ),
};

export const actionColumn: TableColumnType<Task> = {
  title: '操作',
  key: 'op',
  width: 100,
  render: (_: unknown, t) => (
    <Link to={taskHref(t)} aria-label={`${actionOf(t)}：${t.articleTitle}`}>
      {actionOf(t)}
    </Link>
  ),
};

/** Overdue rows stand out the same way in every list. */
export const taskRowClass = (t: Task) => (t.overdue ? 'row-missing' : '');
