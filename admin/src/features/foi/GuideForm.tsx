import { Alert, Button, Form, Input, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { UnitGuide, UnitGuideView } from '@contract/foi';
import { api } from '../../api/client';
import { useUnits } from '../../api/hooks';
import { showServerIssues } from '../../lib/form';
import { useAccess, useMe } from '../auth/session';

/**
 * A unit's 政府信息公开指南 as its public 依申请公开 page shows it (条例第十二条): the office's name,
 * address, hours, phone, fax and e-mail, and the guide's text. A unit edits its own; the 政务公开科 any.
 * Saving a guide makes the unit appear among those taking applications.
 */
export function GuideForm() {
  const me = useMe();
  const all = useAccess().scope('foi.handle') === 'all';
  const units = useUnits();
  const [unitId, setUnitId] = useState<number | undefined>(all ? undefined : me.unit.id);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const qc = useQueryClient();
  const guide = useQuery({
    enabled: unitId !== undefined,
    queryKey: ['foi', 'guide', unitId],
    queryFn: () => api.get<UnitGuideView>(`/api/foi/units/${unitId}/guide`),
  });
  useEffect(() => {
    if (guide.data) form.setFieldsValue(guide.data);
  }, [guide.data, form]);
  const save = useMutation({
    mutationFn: (v: UnitGuide) => api.put(`/api/foi/units/${unitId}/guide`, v, { quiet: true }),
    onSuccess: async () => {
      setSaved(true);
      await qc.invalidateQueries({ queryKey: ['foi'] });
    },
    onError: (e) => {
      setError(e instanceof Error ? e.message : String(e));
      showServerIssues(form, e);
    },
  });
  return (
    <div style={{ maxWidth: 760 }}>
      {all && (
        <Form layout="vertical">
          <Form.Item label="单位" htmlFor="foi-guide-unit">
            <Select
              id="foi-guide-unit"
              showSearch
              optionFilterProp="label"
              placeholder="选择要编辑指南的单位"
              value={unitId}
              onChange={(v) => {
                setSaved(false);
                setError(null);
                form.resetFields();
                setUnitId(v);
              }}
              options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        </Form>
      )}
      {unitId !== undefined && (
        <Form
          form={form}
          layout="vertical"
          aria-label="政府信息公开指南"
          disabled={guide.isLoading}
          onValuesChange={() => setSaved(false)}
          onFinish={(v) => {
            setError(null);
            save.mutate(v as UnitGuide);
          }}
        >
          {guide.data && (
            <Typography.Paragraph>
              {guide.data.unitName}的指南显示在公开页面（
              <a href={`/ysqgk/${unitId}/`} target="_blank" rel="noreferrer" style={{ textDecoration: 'underline' }}>
                /ysqgk/{unitId}/
              </a>
              ）{guide.data.updatedAt ? '' : '，尚未填写，保存后该单位即受理网上申请'}。
            </Typography.Paragraph>
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {saved && <Alert type="success" showIcon title="指南已保存" style={{ marginBottom: 12 }} />}
          <Form.Item name="officeName" label="政府信息公开工作机构（受理机构）">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="address" label="办公地址">
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="hours" label="办公时间">
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="phone" label="咨询电话">
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="fax" label="传真">
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="email" label="电子邮箱">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="postcode" label="邮政编码">
            <Input maxLength={16} />
          </Form.Item>
          <Form.Item
            name="guideText"
            label="指南正文"
            extra="写明本机关政府信息的分类和编排体系、获取方式、申请的办理流程等；段落之间空一行。留空时公开页面显示通用说明。"
          >
            <Input.TextArea rows={12} maxLength={20000} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存指南
          </Button>
        </Form>
      )}
    </div>
  );
}
