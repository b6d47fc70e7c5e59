import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { AttachmentView as Attachment } from '@contract/articles';
import type { HomeParts, HomePartsInput } from '@contract/home-parts';
import type { ColumnNode } from '@contract/sites';
import { api } from '../../api/client';
import { defaultSiteId, useColumnTree, useSites } from '../../api/hooks';
import { PageHeading } from '../../layout/AppLayout';
import { usePageTitle } from '../../lib/usePageTitle';

// 首页专题与链接: the home page's 图片新闻 column, 专题专栏 banners and 网站链接 groups, saved whole
// (PUT /api/sites/:siteId/home-parts). Banner images are uploaded as attachments first.

interface BannerRow {
  title: string;
  linkUrl: string;
  attachmentId?: number;
  imageName?: string;
  startsOn?: string | null;
  endsOn?: string | null;
}
interface FormValues {
  pictureColumnId: number | null;
  banners: BannerRow[];
  linkGroups: Array<{ name: string; links: Array<{ name: string; url: string }> }>;
}

function flatten(nodes: ColumnNode[], depth = 0): Array<{ value: number; label: string }> {
  return nodes.flatMap((n) => [
    { value: n.id, label: '\u3000'.repeat(depth) + n.name },
    ...flatten(n.children, depth + 1),
  ]);
}

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

function BannerImage({ value, onChange }: { value?: BannerRow; onChange: (patch: Partial<BannerRow>) => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <Space>
      <label className="ant-btn ant-btn-default">
        {busy ? '上传中…' : value?.attachmentId ? '更换图片' : '上传图片'}
        <input
          type="file"
          accept="image/png,image/jpeg,image/gif"
          className="sr-only"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            setBusy(true);
            try {
              const a = await api.upload<Attachment>('/api/attachments', f, f.name);
              onChange({ attachmentId: a.id, imageName: a.name });
            } catch {
              // The server's reason (type, size) is already on screen.
            } finally {
              setBusy(false);
            }
          }}
        />
      </label>
      {value?.attachmentId ? (
        <a href={`/api/attachments/${value.attachmentId}/download`} target="_blank" rel="noreferrer">
          {value.imageName ?? '查看图片'}
        </a>
      ) : (
        <Typography.Text type="secondary">未上传</Typography.Text>
      )}
    </Space>
  );
}

export default function HomePartsPage() {
  usePageTitle('首页专题与链接');
  const { message } = App.useApp();
  const client = useQueryClient();
  const sites = useSites();
  const siteId = defaultSiteId(sites.data);
  const tree = useColumnTree(siteId);
  const key = ['home-parts', siteId];
  const parts = useQuery({
    queryKey: key,
    queryFn: () => api.get<HomeParts>(`/api/sites/${siteId}/home-parts`),
    enabled: !!siteId,
  });
  const [form] = Form.useForm<FormValues>();
  const columns = useMemo(() => flatten(tree.data ?? []), [tree.data]);

  useEffect(() => {
    if (!parts.data) return;
    form.setFieldsValue({
      pictureColumnId: parts.data.pictureColumnId,
      banners: parts.data.banners.map((b) => ({ ...b, imageName: '查看图片' })),
      linkGroups: parts.data.linkGroups,
    });
  }, [parts.data, form]);

  const save = useMutation({
    mutationFn: (body: HomePartsInput) => api.put<HomeParts>(`/api/sites/${siteId}/home-parts`, body),
    onSuccess: (data) => {
      client.setQueryData(key, data);
      void message.success('首页专题与链接已保存，门户首页随即更新');
    },
  });

  const submit = (v: FormValues) =>
    save.mutate({
      pictureColumnId: v.pictureColumnId ?? null,
      banners: (v.banners ?? []).map((b) => ({
        title: b.title,
        linkUrl: b.linkUrl,
        attachmentId: b.attachmentId ?? 0,
        startsOn: blankToNull(b.startsOn),
        endsOn: blankToNull(b.endsOn),
      })),
      linkGroups: (v.linkGroups ?? []).map((g) => ({ name: g.name, links: g.links ?? [] })),
    });

  return (
    <>
      <PageHeading title="首页专题与链接" />
      {/* A banner's image (attachmentId) is set by its upload button, not by a named field, and onFinish
          passes only the named fields' values: the whole store is submitted, or every banner would be
          sent without its image and refused (请上传专题图片). */}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={() => submit(form.getFieldsValue(true) as FormValues)}
        disabled={!siteId}
      >
        <Card title={<h2 className="card-title">图片新闻</h2>} className="section-card">
          <Form.Item
            label="图片新闻栏目"
            name="pictureColumnId"
            extra="首页轮播显示此栏目中最新的 5 条带图片的信息（取信息的第一张图片附件）；不选则不显示图片新闻"
          >
            <Select allowClear showSearch optionFilterProp="label" options={columns} placeholder="不显示图片新闻" />
          </Form.Item>
        </Card>
        <Card title={<h2 className="card-title">专题专栏</h2>} className="section-card">
          <Form.List name="banners">
            {(fields, { add, remove, move }) => (
              <>
                {fields.map((f, i) => (
                  <Card key={f.key} size="small" title={`第 ${i + 1} 个`} style={{ marginBottom: 12 }}>
                    <Form.Item
                      label="专题名称"
                      name={[f.name, 'title']}
                      rules={[{ required: true, message: '请填写专题名称' }]}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item
                      label="链接地址"
                      name={[f.name, 'linkUrl']}
                      rules={[{ required: true, message: '请填写链接地址' }]}
                      extra="站内路径（如 /c/zt/）或以 http://、https:// 开头的网址"
                    >
                      <Input maxLength={1000} inputMode="url" />
                    </Form.Item>
                    <Form.Item label="专题图片" shouldUpdate required extra="建议宽高比 4:1，JPG 或 PNG">
                      {() => (
                        <BannerImage
                          value={form.getFieldValue(['banners', f.name])}
                          onChange={(patch) =>
                            form.setFieldValue(['banners', f.name], {
                              ...form.getFieldValue(['banners', f.name]),
                              ...patch,
                            })
                          }
                        />
                      )}
                    </Form.Item>
                    <Space wrap>
                      <Form.Item label="开始日期（含）" name={[f.name, 'startsOn']}>
                        <Input type="date" />
                      </Form.Item>
                      <Form.Item label="结束日期（含）" name={[f.name, 'endsOn']}>
                        <Input type="date" />
                      </Form.Item>
                    </Space>
                    <Space>
                      <Button disabled={i === 0} onClick={() => move(i, i - 1)}>
                        上移
                      </Button>
                      <Button disabled={i === fields.length - 1} onClick={() => move(i, i + 1)}>
                        下移
                      </Button>
                      <Button danger onClick={() => remove(f.name)}>
                        删除
                      </Button>
                    </Space>
                  </Card>
                ))}
                <Button onClick={() => add({ title: '', linkUrl: '' })}>添加专题专栏</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card title={<h2 className="card-title">网站链接</h2>} className="section-card">
          <Form.List name="linkGroups">
            {(groups, { add, remove, move }) => (
              <>
                {groups.map((g, gi) => (
                  <Card key={g.key} size="small" style={{ marginBottom: 12 }} title={`第 ${gi + 1} 组`}>
                    <Form.Item
                      label="分组名称"
                      name={[g.name, 'name']}
                      rules={[{ required: true, message: '请填写分组名称，如 部门网站、乡镇网站、上级网站' }]}
                    >
                      <Input maxLength={100} placeholder="部门网站" />
                    </Form.Item>
                    <Form.List name={[g.name, 'links']}>
                      {(links, l) => (
                        <>
                          {links.map((k, ki) => (
                            <Space key={k.key} align="baseline" wrap>
                              <Form.Item
                                name={[k.name, 'name']}
                                rules={[{ required: true, message: '请填写网站名称' }]}
                              >
                                <Input
                                  aria-label={`第 ${ki + 1} 个网站的名称`}
                                  placeholder="网站名称"
                                  maxLength={200}
                                />
                              </Form.Item>
                              <Form.Item name={[k.name, 'url']} rules={[{ required: true, message: '请填写网站地址' }]}>
                                <Input
                                  aria-label={`第 ${ki + 1} 个网站的地址`}
                                  placeholder="https://"
                                  maxLength={1000}
                                />
                              </Form.Item>
                              <Button disabled={ki === 0} onClick={() => l.move(ki, ki - 1)}>
                                上移
                              </Button>
                              <Button danger onClick={() => l.remove(k.name)}>
                                删除
                              </Button>
                            </Space>
                          ))}
                          <Button onClick={() => l.add({ name: '', url: '' })}>添加链接</Button>
                        </>
                      )}
                    </Form.List>
                    <Space style={{ marginTop: 12 }}>
                      <Button disabled={gi === 0} onClick={() => move(gi, gi - 1)}>
                        上移分组
                      </Button>
                      <Button danger onClick={() => remove(g.name)}>
                        删除分组
                      </Button>
                    </Space>
                  </Card>
                ))}
                <Button onClick={() => add({ name: '', links: [] })}>添加分组</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </>
  );
}
