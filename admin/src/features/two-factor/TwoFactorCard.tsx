import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Enrolment, RecoveryCodes, TwoFactorStatus } from '@contract/two-factor';
import { Alert, App, Button, Card, Descriptions, Form, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { formatDateTime } from '../../lib/time';
import { CodeField } from './CodeField';
import { EnrolmentSteps } from './EnrolmentSteps';
import { RecoveryCodesView } from './RecoveryCodes';

const KEY = ['auth', 'two-factor'] as const;

/** One's own two-factor sign-in on the profile page: turn on, new recovery codes, turn off (when allowed). */
export function TwoFactorCard({ username }: { username: string }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const status = useQuery({ queryKey: KEY, queryFn: () => api.get<TwoFactorStatus>('/api/auth/two-factor') });
  const [enrolling, setEnrolling] = useState(false);
  const [asking, setAsking] = useState<'disable' | 'renew' | null>(null);
  const [renewed, setRenewed] = useState<string[] | null>(null);
  const [form] = Form.useForm<{ code: string }>();
  const s = status.data;
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const ask = (what: 'disable' | 'renew') => {
    form.resetFields();
    setAsking(what);
  };

  const withCode = async ({ code }: { code: string }) => {
    try {
      if (asking === 'disable') {
        await api.post('/api/auth/two-factor/disable', { code });
        void message.success('两步验证已关闭');
      } else {
        setRenewed((await api.post<RecoveryCodes>('/api/auth/two-factor/recovery-codes', { code })).recoveryCodes);
      }
      setAsking(null);
      await refresh();
    } catch {
      // Shown by the API client.
    }
  };

  return (
    <Card title={<h2 className="card-title">两步验证</h2>} className="section-card">
      {s && (
        <>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="状态">
              {s.enabled ? <Tag color="success">已开启</Tag> : <Tag>未开启</Tag>}
              {s.required && <Tag color="blue">您的角色必须使用</Tag>}
            </Descriptions.Item>
            {s.enabled && <Descriptions.Item label="开启时间">{formatDateTime(s.enabledAt)}</Descriptions.Item>}
            {s.enabled && <Descriptions.Item label="剩余恢复码">{s.recoveryCodesLeft} 个</Descriptions.Item>}
          </Descriptions>
          {!s.enabled && (
            <Alert
              type="info"
              showIcon
              className="form-hint"
              title="开启后，登录时除密码外还须输入手机验证器应用上的 6 位验证码，密码泄露也无法被他人登录。"
            />
          )}
          <Space wrap className="two-factor-actions">
            {!s.enabled && (
              <Button type="primary" onClick={() => setEnrolling(true)}>
                开启两步验证
              </Button>
            )}
            {s.enabled && <Button onClick={() => ask('renew')}>重新生成恢复码</Button>}
            {s.enabled && !s.required && (
              <Button danger onClick={() => ask('disable')}>
                关闭两步验证
              </Button>
            )}
          </Space>
        </>
      )}
      <Modal
        title="开启两步验证"
        open={enrolling}
        footer={null}
        destroyOnHidden
        maskClosable={false}
        onCancel={() => {
          setEnrolling(false);
          void refresh();
        }}
      >
        <EnrolmentSteps
          username={username}
          start={() => api.post<Enrolment>('/api/auth/two-factor/enrolment')}
          confirm={async (code) =>
            (await api.post<RecoveryCodes>('/api/auth/two-factor/enrolment/confirm', { code }, { quiet: true }))
              .recoveryCodes
          }
          onDone={() => {
            setEnrolling(false);
            void refresh();
          }}
        />
      </Modal>
      <Modal
        title={asking === 'disable' ? '关闭两步验证' : '重新生成恢复码'}
        open={asking !== null}
        okText="确定"
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        <p>
          {asking === 'disable' ? '关闭后登录只需密码。请输入验证码确认。' : '原有恢复码将全部作废。请输入验证码确认。'}
        </p>
        <Form form={form} layout="vertical" onFinish={withCode} requiredMark={false}>
          <CodeField label="验证码" />
        </Form>
      </Modal>
      <Modal title="新的恢复码" open={renewed !== null} footer={null} onCancel={() => setRenewed(null)} destroyOnHidden>
        {renewed && <RecoveryCodesView codes={renewed} username={username} />}
      </Modal>
    </Card>
  );
}
