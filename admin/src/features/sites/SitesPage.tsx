import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { defaultSiteId, keys, useColumnTree, useSites } from '../../api/hooks';
import type { Site } from '@contract/sites';
import { PageHeading } from '../../layout/AppLayout';
import { showServerIssues, validated } from '../../lib/form';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccess } from '../auth/session';
import { SiteFields } from './SiteForm';
import { sitePayload, toSiteForm, type SiteFormValues } from './site-form';

/** Site settings: footer identity (网站标识码, ICP and 公安 numbers, 主办/承办单位), theme, home-page blocks. */
export default function SitesPage() {
  usePageTitle('站点设置');
  const canWrite = useAccess().can('site.write');
  const client = useQueryClient();
  const { message } = App.useApp();
  const sites = useSites();
  const [picked, setPicked] = useState<number>();
  const siteId = picked ?? defaultSiteId(sites.data);
  const site = sites.data?.find((s) => s.id === siteId);
  const tree = useColumnTree(siteId);
  const [form] = Form.useForm<SiteFormValues>();
  const [createForm] = Form.useForm<SiteFormValues>();
  const [busy, setBusy] = useState(false);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (site) {
      form.resetFields();
      form.setFieldsValue(toSiteForm(site));
    }
  }, [site, form]);

  const save = async (values: SiteFormValues) => {
    if (!site) return;
    setBusy(true);
    try {
      await api.patch<Site>(`/api/sites/${site.id}`, sitePayload(values), { quiet: true });
      await client.invalidateQueries({ queryKey: keys.sites });
      void message.success('站点设置已保存');
    } catch (e) {
      showServerIssues(form, e);
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    const values = await validated(createForm);
    if (!values) return;
    setBusy(true);
    try {
      const created = await api.post<Site>('/api/sites', sitePayload({ ...values, homeBlocks: [] }), { quiet: true });
      await client.invalidateQueries({ queryKey: keys.sites });
      setPicked(created.id);
      setCreating(false);
      void message.success('站点已创建');
    } catch (e) {
      showServerIssues(createForm, e);
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading
        title="站点设置"
        extra={
          <Space wrap>
            {(sites.data?.length ?? 0) > 1 && (
              <Select
                aria-label="站点"
                value={siteId}
                onChange={setPicked}
                style={{ minWidth: 220 }}
                options={sites.data?.map((s) => ({ value: s.id, label: s.name }))}
              />
            )}
            {canWrite && (
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => {
                  createForm.resetFields();
                  setCreating(true);
                }}
              >
                新建站点
              </Button>
            )}
          </Space>
        }
      />
      {site && (
        <Form<SiteFormValues> form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={!canWrite || busy}>
          <SiteFields tree={tree.data ?? []} creating={false} />
          {canWrite && (
            <Button type="primary" htmlType="submit" loading={busy}>
              保存站点设置
            </Button>
          )}
        </Form>
      )}
      <Modal
        open={creating}
        title="新建站点（集约化：部门或镇街站点）"
        width={760}
        okText="创建"
        cancelText="取消"
        onOk={() => void create()}
        onCancel={() => setCreating(false)}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={createForm} layout="vertical" initialValues={{ theme: 'default', isDefault: false, hosts: [] }}>
          <SiteFields tree={[]} creating />
        </Form>
      </Modal>
    </>
  );
}
