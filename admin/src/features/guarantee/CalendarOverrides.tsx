import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, Popconfirm, Radio, Row, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../api/client';
import type { CalendarOverride } from '@contract/guarantee';
import { DateStringPicker } from '../../lib/DateStringPicker';
import { requiredRule, rule, showServerIssues, validated } from '../../lib/form';
import { isoDate } from '../../lib/rules';
import { shanghaiToday } from '../../lib/time';

interface Values {
  day: string;
  workday: boolean;
  name: string;
  note?: string;
}

/**
 * The working-day calendar's corrections: holidays and 调休 working weekends the maintained source
 * does not know (later years, local arrangements). Setting a day again changes it.
 */
export function CalendarOverrides() {
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = useState<number | undefined>(undefined);
  const key = ['guarantee', 'calendar-overrides', year ?? null];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api.get<CalendarOverride[]>(`/api/guarantee/calendar/overrides${qs({ year })}`),
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['guarantee', 'calendar-overrides'] });
    void client.invalidateQueries({ queryKey: ['guarantee', 'status'] });
  };
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/guarantee/calendar/overrides/${id}`),
    onSuccess: () => {
      void message.success('已删除');
      refresh();
    },
  });

  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await api.put(
        '/api/guarantee/calendar/overrides',
        { day: v.day, workday: v.workday, name: v.name.trim(), note: v.note?.trim() || null },
        { quiet: true },
      );
      void message.success(`已设置 ${v.day} 为${v.workday ? '工作日' : '休息日'}`);
      form.resetFields();
      refresh();
    } catch (e) {
      if (!showServerIssues(form, e)) void message.error((e as Error).message);
    }
  };

  return (
    <Card title={<h2 className="card-title">工作日历调整</h2>} className="section-card">
      <p className="muted">
        2018 年至 2026
        年的法定节假日和调休上班日按国务院办公厅通知自动计算；此后年度或当地另有安排的日期在此录入。未录入的年份按周一至周五为工作日计算，检查结果中会注明。
      </p>
      <Form form={form} layout="vertical" initialValues={{ workday: false }} aria-label="设置某天上班或休息">
        <Row gutter={8} align="top">
          <Col xs={24} sm={6}>
            <Form.Item label="日期" name="day" rules={[{ required: true, message: '请选择日期' }, rule(isoDate)]}>
              <DateStringPicker />
            </Form.Item>
          </Col>
          <Col xs={24} sm={6}>
            <Form.Item label="当天" name="workday">
              <Radio.Group
                optionType="button"
                options={[
                  { value: false, label: '休息' },
                  { value: true, label: '上班' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={6}>
            <Form.Item
              label="名称"
              name="name"
              rules={[
                requiredRule('请填写名称，如 春节、国庆节调休上班'),
                { max: 50, message: '名称不能超过 50 个字符' },
              ]}
            >
              <Input maxLength={50} placeholder="如：春节、国庆节调休上班" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={6}>
            <Form.Item label="备注" name="note" rules={[{ max: 500, message: '不能超过 500 个字符' }]}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item>
          <Button type="primary" onClick={() => void save()}>
            保存调整
          </Button>
        </Form.Item>
      </Form>
      <Form layout="inline" className="filter-bar" aria-label="筛选年份">
        <Form.Item label="年份" htmlFor="c-year">
          <Select
            id="c-year"
            allowClear
            placeholder="全部年份"
            style={{ width: 140 }}
            value={year}
            onChange={setYear}
            options={Array.from({ length: 8 }, (_, i) => ({
              value: thisYear + 2 - i,
              label: `${thisYear + 2 - i} 年`,
            }))}
          />
        </Form.Item>
      </Form>
      <Table<CalendarOverride>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 560 }}
        locale={{ emptyText: '没有调整' }}
        columns={[
          { title: '日期', dataIndex: 'day', width: 120 },
          {
            title: '当天',
            dataIndex: 'workday',
            width: 90,
            render: (w: boolean) => <Tag color={w ? 'processing' : 'default'}>{w ? '上班' : '休息'}</Tag>,
          },
          { title: '名称', dataIndex: 'name' },
          { title: '备注', dataIndex: 'note', render: (v: string | null) => v ?? '' },
          {
            title: '操作',
            key: 'op',
            width: 90,
            render: (_: unknown, o) => (
              <Popconfirm
                title={`删除 ${o.day} 的调整？`}
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => remove.mutateAsync(o.id).catch(() => undefined)}
              >
                <Button size="small" type="link" danger aria-label={`删除 ${o.day} 的调整`}>
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
