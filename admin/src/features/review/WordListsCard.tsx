import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Collapse, Form, Input, Popconfirm, Row, Select, Table, Tag } from 'antd';
import { api } from '../../api/client';
import type { WordKind, WordLists } from '@contract/review';
import { requiredRule, showServerIssues, validated } from '../../lib/form';
import { options, WORD_KIND_LABELS } from '../../lib/labels';
import { useAccess } from '../auth/session';

interface WordValues {
  kind: WordKind;
  word: string;
  correct?: string;
  note?: string;
}

const KEY = ['word-lists'];
const max = (n: number) => ({ max: n, message: `不能超过 ${n} 个字符` });

/** The administrator-kept sensitive and prohibited words and the wrong expressions with their correct forms (错敏词). */
export function WordListsCard() {
  const client = useQueryClient();
  const { message } = App.useApp();
  const access = useAccess();
  const canWrite = access.can('checks.write');
  const [form] = Form.useForm<WordValues>();
  const kind = Form.useWatch('kind', form);
  const lists = useQuery({ queryKey: KEY, queryFn: () => api.get<WordLists>('/api/word-lists') });

  const add = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      const next = await api.post<WordLists>(
        '/api/word-lists',
        {
          kind: v.kind,
          word: v.word.trim(),
          correct: v.kind === 'wrong_expression' ? v.correct?.trim() || null : null,
          note: v.note?.trim() || null,
        },
        { quiet: true },
      );
      client.setQueryData(KEY, next);
      form.resetFields(['word', 'correct', 'note']);
      void message.success(`已添加“${v.word.trim()}”`);
    } catch (e) {
      if (!showServerIssues(form, e)) void message.error((e as Error).message);
    }
  };
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/word-lists/${id}`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: KEY });
      void message.success('已删除');
    },
  });

  return (
    <Card title={<h2 className="card-title">词表</h2>} className="section-card">
      {canWrite && (
        <Form form={form} layout="vertical" initialValues={{ kind: 'sensitive' }} aria-label="新增词条">
          <Row gutter={8} align="bottom">
            <Col xs={24} sm={6}>
              <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
                <Select options={options(WORD_KIND_LABELS)} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={6}>
              <Form.Item
                label={kind === 'wrong_expression' ? '错误写法' : '词语'}
                name="word"
                rules={[requiredRule('请填写词语'), max(200)]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            {kind === 'wrong_expression' && (
              <Col xs={24} sm={6}>
                <Form.Item label="正确写法" name="correct" rules={[requiredRule('错误表述须填写正确写法'), max(200)]}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} sm={kind === 'wrong_expression' ? 6 : 12}>
              <Form.Item label="备注" name="note" rules={[max(500)]}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item>
            <Button type="primary" onClick={() => void add()}>
              添加词条
            </Button>
          </Form.Item>
        </Form>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={lists.isLoading}
        dataSource={lists.data?.custom ?? []}
        pagination={(lists.data?.custom.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 640 }}
        locale={{ emptyText: '还没有自定义词条' }}
        columns={[
          {
            title: '类别',
            dataIndex: 'kind',
            width: 110,
            render: (k: string) => (
              <Tag color={k === 'prohibited' ? 'error' : k === 'sensitive' ? 'warning' : 'processing'}>
                {WORD_KIND_LABELS[k] ?? k}
              </Tag>
            ),
          },
          { title: '词语', dataIndex: 'word' },
          { title: '正确写法', dataIndex: 'correct', render: (v: string | null) => v ?? '—' },
          { title: '备注', dataIndex: 'note', render: (v: string | null) => v ?? '' },
          ...(canWrite
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 90,
                  render: (_: unknown, r: WordLists['custom'][number]) => (
                    <Popconfirm
                      title={`删除“${r.word}”？`}
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => remove.mutateAsync(r.id).catch(() => undefined)}
                    >
                      <Button size="small" type="link" danger aria-label={`删除词条“${r.word}”`}>
                        删除
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Collapse
        className="section-card"
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'defaults',
            label: (
              <h3 className="card-title">
                系统内置的错误表述（{lists.data?.defaults.expressions.length ?? 0} 条）与词语（
                {lists.data?.defaults.words.length ?? 0} 条）
              </h3>
            ),
            children: (
              <>
                {(lists.data?.defaults.words.length ?? 0) > 0 && (
                  <p>
                    {lists.data!.defaults.words.map((w) => (
                      <Tag key={`${w.kind}:${w.word}`} color={w.kind === 'prohibited' ? 'error' : 'warning'}>
                        {w.word}
                      </Tag>
                    ))}
                  </p>
                )}
                <Table
                  rowKey="wrong"
                  size="small"
                  dataSource={lists.data?.defaults.expressions ?? []}
                  pagination={{ pageSize: 10, showSizeChanger: false }}
                  scroll={{ x: 600 }}
                  columns={[
                    { title: '错误写法', dataIndex: 'wrong', width: 200 },
                    { title: '正确写法', dataIndex: 'correct', width: 220 },
                    { title: '说明', dataIndex: 'note', render: (v?: string) => v ?? '' },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
