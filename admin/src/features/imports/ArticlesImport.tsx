import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Progress, Space, Table } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { ArticleImportSummary } from '@contract/articles';
import type { ImportJob } from '@contract/common';
import { FilePicker } from '../../lib/FilePicker';
import { formatDateTime } from '../../lib/time';

const POLL_MS = 700;
const KEY_LABELS = { id: '编号（id）', url: '原网址（source_url）', line: '栏目、标题和发布时间' } as const;

/** Historical articles (JSONL, one per line) moved from an old portal, with a progress bar. */
export function ArticlesImport() {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<ImportJob<ArticleImportSummary> | null>(null);
  const [starting, setStarting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const poll = (id: string) => {
    timer.current = setTimeout(async () => {
      try {
        const next = await api.get<ImportJob<ArticleImportSummary>>(`/api/imports/jobs/${id}`);
        setJob(next);
        if (next.state === 'running') poll(id);
        else if (next.state === 'succeeded') void client.invalidateQueries({ queryKey: ['articles'] });
      } catch {
        // The job is gone (server restarted): the import was all-or-nothing, the message says so.
      }
    }, POLL_MS);
  };

  const start = async () => {
    if (!file) return;
    setStarting(true);
    try {
      const j = await api.upload<ImportJob<ArticleImportSummary>>('/api/imports/articles', file, file.name);
      setJob(j);
      poll(j.id);
    } catch {
      // Shown by the API client.
    } finally {
      setStarting(false);
    }
  };

  const percent = job?.total ? Math.round((job.processed / job.total) * 100) : job?.state === 'succeeded' ? 100 : 0;
  const r = job?.result;
  return (
    <>
      <Card className="section-card" size="small">
        <Form layout="vertical">
          <Form.Item
            label="历史信息文件（JSONL，每行一条）"
            extra="字段：column（如 新闻中心/涟水新闻）、unit、title、body_html、published_at（带时区）、type 及公开属性；建议带上原网站的 id 或 source_url，同一文件再次导入时已导入的行自动跳过；有一行出错则整批不导入"
          >
            <FilePicker
              id="articles-file"
              label="历史信息"
              accept=".jsonl,.ndjson,.txt,application/x-ndjson"
              onChange={(f) => {
                setFile(f);
                setJob(null);
              }}
            />
          </Form.Item>
          <Button
            type="primary"
            disabled={!file || job?.state === 'running'}
            loading={starting}
            onClick={() => void start()}
          >
            开始导入
          </Button>
        </Form>
      </Card>
      {job && (
        <Card className="section-card" size="small" title={<h2 className="card-title">导入进度</h2>}>
          <Progress
            percent={percent}
            status={job.state === 'failed' ? 'exception' : job.state === 'succeeded' ? 'success' : 'active'}
            aria-label="导入进度"
          />
          <p aria-live="polite">
            {job.state === 'running'
              ? job.message || '正在读取文件…'
              : job.state === 'succeeded'
                ? r && r.imported === 0
                  ? `没有新的信息：${r.alreadyImported} 条均已导入过，未作任何改动`
                  : `导入完成：新导入 ${r?.imported ?? 0} 条，已导入过 ${r?.alreadyImported ?? 0} 条（未重复导入）`
                : '导入失败，未导入任何内容'}
          </p>
          {job.state === 'failed' && job.error && (
            <>
              <Alert type="error" showIcon title={job.error.message} className="form-hint" />
              {job.error.issues && job.error.issues.length > 0 && (
                <Table
                  rowKey={(i, n) => `${i.field}-${n}`}
                  size="small"
                  dataSource={job.error.issues}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    { title: '位置', dataIndex: 'field', width: 120 },
                    { title: '问题', dataIndex: 'message' },
                  ]}
                />
              )}
            </>
          )}
          {r && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label="新导入">{r.imported} 条</Descriptions.Item>
                <Descriptions.Item label="已导入过（跳过）">{r.alreadyImported} 条</Descriptions.Item>
                <Descriptions.Item label="生成索引号">{r.indexNumbersAssigned}</Descriptions.Item>
                <Descriptions.Item label="最早发布">{formatDateTime(r.firstPublishedAt)}</Descriptions.Item>
                <Descriptions.Item label="最晚发布">{formatDateTime(r.lastPublishedAt)}</Descriptions.Item>
              </Descriptions>
              <Table
                rowKey="column"
                size="small"
                dataSource={r.byColumn}
                pagination={false}
                columns={[
                  { title: '栏目', dataIndex: 'column' },
                  { title: '条数', dataIndex: 'count', width: 100 },
                ]}
              />
              {r.skipped.length > 0 && (
                <Table
                  rowKey="line"
                  size="small"
                  title={() => '已导入过的行（未重复导入）'}
                  dataSource={r.skipped}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    { title: '行号', dataIndex: 'line', width: 100, render: (n: number) => `第 ${n} 行` },
                    { title: '识别依据', dataIndex: 'by', render: (b: 'id' | 'url' | 'line') => KEY_LABELS[b] },
                    { title: '已有信息编号', dataIndex: 'articleId', width: 140 },
                  ]}
                />
              )}
            </Space>
          )}
        </Card>
      )}
    </>
  );
}
