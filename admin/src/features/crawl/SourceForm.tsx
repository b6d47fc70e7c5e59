import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch, Table } from 'antd';
import { useEffect, useState } from 'react';
import { SourceKind, SourceMode, type Preview, type Source, type SourceInput } from '@contract/crawl';
import { api } from '../../api/client';
import { nullIfBlank, showServerIssues, validated } from '../../lib/form';
import { UnitColumnFields } from '../../lib/pickers';
import { formatDateTime } from '../../lib/time';

const DEFAULTS: Partial<SourceInput> = { kind: 'html', mode: 'link', everyMinutes: 60, staleDays: 30, enabled: true };
const SELECTORS = ['linkSelector', 'titleSelector', 'dateSelector', 'bodySelector'] as const;
const options = <V extends string>(e: { values: readonly V[]; labels: Record<V, string> }) =>
  e.values.map((v) => ({ value: v, label: e.labels[v] }));

function toForm(s: Source): SourceInput {
  return {
    name: s.name,
    url: s.url,
    kind: s.kind,
    mode: s.mode,
    unitId: s.unitId,
    columnId: s.columnId,
    linkSelector: s.linkSelector,
    titleSelector: s.titleSelector,
    dateSelector: s.dateSelector,
    bodySelector: s.bodySelector,
    everyMinutes: s.everyMinutes,
    staleDays: s.staleDays,
    enabled: s.enabled,
  };
}

/** What 试抓取 found: the entries these settings would take now, none of them kept. */
function PreviewResult({ preview }: { preview: Preview }) {
  return (
    <div data-testid="crawl-preview">
      <Alert
        type={preview.ok ? 'success' : 'error'}
        showIcon
        title={preview.ok ? `试抓取成功：${preview.message}（${preview.charset}）` : `试抓取失败：${preview.message}`}
        style={{ margin: '12px 0' }}
      />
      {preview.ok && (
        <Table
          size="small"
          rowKey="url"
          dataSource={preview.entries}
          pagination={preview.entries.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          columns={[
            { title: '标题', dataIndex: 'title' },
            { title: '日期', dataIndex: 'publishedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
            { title: '地址', dataIndex: 'url', ellipsis: true },
            { title: '', dataIndex: 'known', width: 80, render: (k: boolean) => (k ? '已收录' : '') },
          ]}
        />
      )}
    </div>
  );
}

/**
 * Add or change a source. 试抓取 reads the page with the settings as typed and shows what would be
 * taken, saving nothing, so a selector can be tried until it picks the right links.
 */
export function SourceForm({ open, source, onClose }: { open: boolean; source: Source | null; onClose(): void }) {
  const [form] = Form.useForm<SourceInput>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const kind = Form.useWatch('kind', form);
  const mode = Form.useWatch('mode', form);
  useEffect(() => {
    if (!open) return;
    setPreview(null);
    form.resetFields();
    form.setFieldsValue(source ? toForm(source) : DEFAULTS);
  }, [open, source, form]);

  const values = async () => {
    const v = await validated(form);
    return v ? nullIfBlank(v, [...SELECTORS]) : null;
  };
  const tryIt = async () => {
    const v = await values();
    if (!v) return;
    setBusy('preview');
    try {
      const query = source ? `?sourceId=${source.id}` : '';
      setPreview(await api.post<Preview>(`/api/crawl/preview${query}`, v, { quiet: true }));
    } catch (e) {
      if (!showServerIssues(form, e)) void message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const save = async () => {
    const v = await values();
    if (!v) return;
    setBusy('save');
    try {
      const saved = source
        ? await api.put<Source>(`/api/crawl/sources/${source.id}`, v, { quiet: true })
        : await api.post<Source>('/api/crawl/sources', v, { quiet: true });
      void message.success(`已保存抓取源“${saved.name}”`);
      void client.invalidateQueries({ queryKey: ['crawl'] });
      onClose();
    } catch (e) {
      if (!showServerIssues(form, e)) void message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer
      open={open}
      title={source ? `编辑抓取源：${source.name}` : '新建抓取源'}
      size="large"
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={tryIt} loading={busy === 'preview'}>
            试抓取
          </Button>
          <Button type="primary" onClick={save} loading={busy === 'save'}>
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" disabled={busy !== null} aria-label="抓取源设置">
        <Form.Item label="名称" name="name" htmlFor="source-name" rules={[{ required: true, message: '请填写名称' }]}>
          <Input id="source-name" maxLength={200} />
        </Form.Item>
        <Form.Item
          label="地址（信息列表页或订阅源）"
          name="url"
          htmlFor="source-url"
          rules={[
            { required: true, message: '请填写地址' },
            { pattern: /^https?:\/\/\S+$/i, message: '地址须以 http:// 或 https:// 开头' },
          ]}
        >
          <Input id="source-url" placeholder="https://" maxLength={1000} />
        </Form.Item>
        <Space wrap>
          <Form.Item label="类型" name="kind" htmlFor="source-kind">
            <Select id="source-kind" options={options(SourceKind)} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label="收录方式" name="mode" htmlFor="source-mode">
            <Select id="source-mode" options={options(SourceMode)} style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <UnitColumnFields prefix="source" unitLabel="所属单位" />
        {kind === 'html' && (
          <>
            <Form.Item
              label="链接选择器（CSS）"
              name="linkSelector"
              htmlFor="source-link"
              extra="每条信息的链接，或包含链接的元素，如 .list li、td.t a"
              rules={[{ required: true, message: '网页列表须填写链接选择器' }]}
            >
              <Input id="source-link" maxLength={300} />
            </Form.Item>
            <Space wrap>
              <Form.Item label="标题选择器（可不填）" name="titleSelector" htmlFor="source-title">
                <Input id="source-title" maxLength={300} />
              </Form.Item>
              <Form.Item label="日期选择器（可不填）" name="dateSelector" htmlFor="source-date">
                <Input id="source-date" maxLength={300} />
              </Form.Item>
            </Space>
            {mode === 'full' && (
              <Form.Item
                label="正文选择器"
                name="bodySelector"
                htmlFor="source-body"
                rules={[{ required: true, message: '网页列表的全文模式须填写正文选择器' }]}
              >
                <Input id="source-body" maxLength={300} />
              </Form.Item>
            )}
          </>
        )}
        <Space wrap>
          <Form.Item label="抓取间隔（分钟）" name="everyMinutes" htmlFor="source-every">
            <InputNumber id="source-every" min={10} max={7 * 24 * 60} />
          </Form.Item>
          <Form.Item label="多少天无新信息视为停更" name="staleDays" htmlFor="source-stale">
            <InputNumber id="source-stale" min={1} max={365} />
          </Form.Item>
          <Form.Item label="启用" name="enabled" valuePropName="checked" htmlFor="source-enabled">
            <Switch id="source-enabled" />
          </Form.Item>
        </Space>
      </Form>
      {preview && <PreviewResult preview={preview} />}
    </Drawer>
  );
}
