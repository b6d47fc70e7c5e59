import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { FormDrawer } from '../../lib/FormDrawer';
import { useState } from 'react';
import { useSearchParams, Link } from 'react-router-dom';
import { api } from '../../api/client';
import { useAccounts, useUnits } from '../../api/hooks';
import { labelOf } from '@contract/common';
import { ROLE_LABELS, type Account } from '@contract/org';
import { PageHeading } from '../../layout/AppLayout';
import { requiredRule, rule, showServerIssues, validated } from '../../lib/form';
import { options } from '../../lib/labels';
import { PASSWORD_HINT, passwordFor } from '../../lib/rules';
import { formatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import { UnitFilter } from '../../lib/UnitFilter';
import { useAccess, useMe } from '../auth/session';
import { AccountFields, accountPayload, type AccountFormValues } from './AccountForm';

/** Accounts and their roles: create, edit, reset a password, unlock after repeated failures. */
export default function AccountsPage() {
  usePageTitle('账号与角色');
  const me = useMe();
  const canWrite = useAccess().can('account.write');
  const client = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filter = { unitId: Number(params.get('unitId')) || undefined, role: params.get('role') ?? undefined };
  const accounts = useAccounts(filter);
  const units = useUnits();
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<AccountFormValues>();
  const [pwForm] = Form.useForm<{ password: string }>();

  const refresh = () => client.invalidateQueries({ queryKey: ['accounts'] });
  const setFilter = (k: string, v: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
    setParams(next, { replace: true });
  };
  const open = (a: Account | 'new') => {
    setEditing(a);
    form.resetFields();
    form.setFieldsValue(
      a === 'new'
        ? { unitId: filter.unitId, roles: ['unit_officer'], active: true }
        : {
            username: a.username,
            displayName: a.displayName,
            unitId: a.unitId,
            roles: a.roles,
            phone: a.phone,
            email: a.email,
            active: a.active,
          },
    );
  };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const creating = editing === 'new';
    setBusy(true);
    try {
      if (creating) await api.post('/api/accounts', accountPayload(v, true), { quiet: true });
      else if (editing) await api.patch(`/api/accounts/${editing.id}`, accountPayload(v, false), { quiet: true });
      await refresh();
      setEditing(null);
      void message.success(creating ? `账号 ${v.username} 已创建` : '账号已保存');
    } catch (e) {
      showServerIssues(form, e);
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const resetPassword = async () => {
    const v = await validated(pwForm);
    if (!v || !resetting) return;
    try {
      await api.post(`/api/accounts/${resetting.id}/password`, { password: v.password }, { quiet: true });
      void message.success(`已重置 ${resetting.username} 的密码，其已登录的会话均已退出`);
      setResetting(null);
      await refresh();
    } catch (e) {
      if (!showServerIssues(pwForm, e)) void message.error((e as Error).message);
    }
  };

  const act = async (what: Promise<unknown>, done: string) => {
    try {
      await what;
      void message.success(done);
      await refresh();
    } catch {
      // Shown by the API client.
    }
  };

  return (
    <>
      <PageHeading
        title="账号与角色"
        extra={
          <Space>
            <Link to="/accounts/two-factor">
              <Button>两步验证设置</Button>
            </Link>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => open('new')}>
                新建账号
              </Button>
            )}
          </Space>
        }
      />
      <Space wrap className="filter-bar">
        <UnitFilter
          aria-label="所属单位"
          style={{ width: 220 }}
          value={filter.unitId}
          onChange={(v) => setFilter('unitId', v)}
        />
        <Select
          aria-label="角色"
          allowClear
          placeholder="全部角色"
          style={{ width: 180 }}
          value={filter.role}
          onChange={(v) => setFilter('role', v)}
          options={options(ROLE_LABELS)}
        />
      </Space>
      <Table<Account>
        rowKey="id"
        loading={accounts.isLoading}
        dataSource={accounts.data ?? []}
        scroll={{ x: 1000 }}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 个账号` }}
        columns={[
          { title: '用户名', dataIndex: 'username', width: 130 },
          { title: '姓名', dataIndex: 'displayName', width: 110 },
          { title: '单位', dataIndex: 'unitName', width: 140 },
          {
            title: '角色',
            dataIndex: 'roles',
            render: (r: string[]) => r.map((x) => <Tag key={x}>{labelOf(ROLE_LABELS, x)}</Tag>),
          },
          {
            title: '状态',
            key: 'state',
            width: 110,
            render: (_: unknown, a) =>
              a.locked ? (
                <Tag color="error">已锁定</Tag>
              ) : a.active ? (
                <Tag color="success">正常</Tag>
              ) : (
                <Tag>已停用</Tag>
              ),
          },
          {
            title: '两步验证',
            dataIndex: 'twoFactor',
            width: 90,
            render: (on: boolean) => (on ? <Tag color="success">已开启</Tag> : <Tag>未开启</Tag>),
          },
          { title: '上次登录', dataIndex: 'lastLoginAt', width: 145, render: (v: string | null) => formatDateTime(v) },
          ...(canWrite
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 260,
                  render: (_: unknown, a: Account) => (
                    <Space size={0} wrap>
                      <Button type="link" size="small" onClick={() => open(a)} aria-label={`编辑 ${a.username}`}>
                        编辑
                      </Button>
                      <Button
                        type="link"
                        size="small"
                        onClick={() => {
                          pwForm.resetFields();
                          setResetting(a);
                        }}
                        aria-label={`重置密码：${a.username}`}
                      >
                        重置密码
                      </Button>
                      {a.locked && (
                        <Button
                          type="link"
                          size="small"
                          onClick={() => void act(api.post(`/api/accounts/${a.id}/unlock`), `已解锁 ${a.username}`)}
                          aria-label={`解锁 ${a.username}`}
                        >
                          解锁
                        </Button>
                      )}
                      {a.twoFactor && (
                        <Popconfirm
                          title={`重置 ${a.username} 的两步验证？`}
                          description="用于手机丢失等情况：其验证器与恢复码作废、已登录的会话退出；如角色要求，下次登录时须重新设置。"
                          okText="重置"
                          cancelText="取消"
                          onConfirm={() =>
                            act(api.post(`/api/accounts/${a.id}/two-factor/reset`), `已重置 ${a.username} 的两步验证`)
                          }
                        >
                          <Button type="link" size="small" aria-label={`重置两步验证：${a.username}`}>
                            重置两步验证
                          </Button>
                        </Popconfirm>
                      )}
                      {a.id !== me.id && (
                        <Popconfirm
                          title={`删除账号 ${a.username}？`}
                          description="编辑过信息的账号不能删除，可改为停用。"
                          okText="删除"
                          okButtonProps={{ danger: true }}
                          cancelText="取消"
                          onConfirm={() => act(api.delete(`/api/accounts/${a.id}`), '账号已删除')}
                        >
                          <Button type="link" size="small" danger aria-label={`删除 ${a.username}`}>
                            删除
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormDrawer
        open={editing !== null}
        title={editing === 'new' ? '新建账号' : `编辑账号：${editing?.username ?? ''}`}
        size={480}
        busy={busy}
        onClose={() => setEditing(null)}
        onSave={() => void submit()}
      >
        <Form form={form} layout="vertical" disabled={busy}>
          <AccountFields units={units.data ?? []} creating={editing === 'new'} />
        </Form>
      </FormDrawer>
      <Modal
        open={resetting !== null}
        title={`重置 ${resetting?.username ?? ''} 的密码`}
        okText="重置"
        cancelText="取消"
        onOk={() => void resetPassword()}
        onCancel={() => setResetting(null)}
        destroyOnHidden
      >
        <Form form={pwForm} layout="vertical">
          <Form.Item
            label="新密码"
            name="password"
            rules={[requiredRule('请填写新密码'), rule(passwordFor(() => resetting?.username))]}
            extra={`${PASSWORD_HINT}重置后该账号已登录的会话将全部退出，登录暂停同时解除。`}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
