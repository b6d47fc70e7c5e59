import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TwoFactorPolicy } from '@contract/two-factor';
import { Alert, App, Button, Card, Checkbox, Space } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { PageHeading } from '../../layout/AppLayout';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccess } from '../auth/session';

const KEY = ['settings', 'two-factor'] as const;

/** The administrator chooses which roles must use two-factor sign-in. */
export default function TwoFactorPolicyPage() {
  usePageTitle('两步验证设置');
  const client = useQueryClient();
  const { message } = App.useApp();
  const canWrite = useAccess().can('account.write');
  const policy = useQuery({ queryKey: KEY, queryFn: () => api.get<TwoFactorPolicy>('/api/settings/two-factor') });
  const [draft, setDraft] = useState<string[]>([]);
  useEffect(() => {
    if (policy.data) setDraft(policy.data.roles.filter((r) => r.required).map((r) => r.role));
  }, [policy.data]);
  const save = useMutation({
    mutationFn: () => api.put<TwoFactorPolicy>('/api/settings/two-factor', { requiredRoles: draft }),
    onSuccess: (data) => {
      client.setQueryData(KEY, data);
      void message.success('已保存：所选角色的账号下次登录时须使用两步验证');
    },
  });

  return (
    <>
      <PageHeading title="两步验证设置" />
      <div className="narrow-page">
        <Card
          title={<h2 className="card-title">必须使用两步验证的角色</h2>}
          className="section-card"
          extra={
            canWrite && (
              <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
                保存设置
              </Button>
            )
          }
        >
          <Alert
            type="info"
            showIcon
            className="form-hint"
            title="等保三级要求管理员使用两种以上身份鉴别方式。所选角色的账号下次登录时，如尚未设置两步验证，须先设置才能使用系统；其他角色可在“修改密码”页自愿开启。"
          />
          {policy.data && !policy.data.saved && (
            <Alert type="warning" showIcon className="form-hint" title="尚未保存过设置，当前为服务器默认值。" />
          )}
          <Checkbox.Group value={draft} onChange={(v) => setDraft(v as string[])} disabled={!canWrite}>
            <Space direction="vertical">
              {(policy.data?.roles ?? []).map((r) => (
                <Checkbox key={r.role} value={r.role}>
                  {r.label}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Card>
      </div>
    </>
  );
}
