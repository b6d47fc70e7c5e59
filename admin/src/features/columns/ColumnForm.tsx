import { Button, Form, Input, Popconfirm, Select, Space, Switch, TreeSelect } from 'antd';
import { useEffect } from 'react';
import type { Column, ColumnNode } from '@contract/sites';
import { requiredRule, rule } from '../../lib/form';
import { COLUMN_KIND_LABELS, options, UPDATE_CLASS_LABELS } from '../../lib/labels';
import { columnLink, columnSlug } from '../../lib/rules';
import { columnTreeData } from '../articles/column-options';

export interface ColumnFormValues {
  name: string;
  slug?: string;
  kind: string;
  inNav: boolean;
  linkUrl?: string | null;
  sourceColumnId?: number | null;
  updateClass?: string | null;
  description?: string | null;
}

interface Props {
  column: Column | null;
  tree: ColumnNode[];
  disabled: boolean;
  busy: boolean;
  onSubmit(values: ColumnFormValues): void;
  onDelete?(): void;
  form: ReturnType<typeof Form.useForm<ColumnFormValues>>[0];
  /** Extra fields (the parent column when creating). */
  children?: React.ReactNode;
}

const max = (n: number) => ({ max: n, message: `不能超过 ${n} 个字符` });

/** A column's own properties (POST/PATCH /api/columns, ColumnInput in sites.schemas.ts). */
export function ColumnForm({ column, tree, disabled, busy, onSubmit, onDelete, form, children }: Props) {
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    form.resetFields();
    if (column) {
      form.setFieldsValue({
        name: column.name,
        slug: column.slug,
        kind: column.kind,
        inNav: column.inNav,
        linkUrl: column.linkUrl,
        sourceColumnId: column.sourceColumnId,
        updateClass: column.updateClass,
        description: column.description,
      });
    }
  }, [column, form]);

  const sources = columnTreeData(tree, (c) => c.id !== column?.id && c.sourceColumnId === null && c.kind !== 'link');
  return (
    <Form<ColumnFormValues>
      form={form}
      layout="vertical"
      onFinish={onSubmit}
      disabled={disabled || busy}
      initialValues={{ kind: 'list', inNav: true }}
    >
      {children}
      <Form.Item label="栏目名称" name="name" rules={[requiredRule(), max(200)]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label="英文路径" name="slug" rules={[rule(columnSlug)]} extra="出现在网址中；留空时根据名称自动生成">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="栏目类型" name="kind" rules={[{ required: true, message: '请选择栏目类型' }]}>
        <Select options={options(COLUMN_KIND_LABELS)} />
      </Form.Item>
      {kind === 'link' && (
        <Form.Item label="链接地址" name="linkUrl" rules={[requiredRule('外链栏目须填写链接地址'), rule(columnLink)]}>
          <Input placeholder="https://" />
        </Form.Item>
      )}
      <Form.Item label="更新类别（检查指标）" name="updateClass">
        <Select allowClear placeholder="未分类" options={options(UPDATE_CLASS_LABELS)} />
      </Form.Item>
      <Form.Item
        label="显示其他栏目的信息"
        name="sourceColumnId"
        extra="如“首页栏目”下的栏目显示“政务公开”中同名栏目的信息"
      >
        <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeData={sources} placeholder="不引用" />
      </Form.Item>
      <Form.Item label="在导航中显示" name="inNav" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item label="栏目说明" name="description" rules={[max(2000)]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      {!disabled && (
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {column ? '保存栏目' : '创建栏目'}
          </Button>
          {onDelete && (
            <Popconfirm
              title="删除此栏目？"
              description="栏目下不能有子栏目或信息。"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={onDelete}
            >
              <Button danger>删除栏目</Button>
            </Popconfirm>
          )}
        </Space>
      )}
    </Form>
  );
}

/** The body the server expects: blank optional text as null. */
export function columnPayload(v: ColumnFormValues) {
  const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  return {
    name: v.name.trim(),
    ...(v.slug?.trim() ? { slug: v.slug.trim() } : {}),
    kind: v.kind,
    inNav: v.inNav,
    linkUrl: v.kind === 'link' ? blank(v.linkUrl) : null,
    sourceColumnId: v.sourceColumnId ?? null,
    updateClass: v.updateClass ?? null,
    description: blank(v.description),
  };
}
