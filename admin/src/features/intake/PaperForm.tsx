import { App, Button, DatePicker, Form, Input, InputNumber, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { IntakeItem } from '@contract/intake';
import { api } from '../../api/client';
import type { AttachmentView as Attachment } from '@contract/articles';
import { FilePicker } from '../../lib/FilePicker';
import { UnitColumnFields } from '../../lib/pickers';

interface Values {
  unitId: number;
  columnId: number;
  receivedOn: Dayjs;
  pages: number;
  title: string;
  text?: string;
}

const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('');

/** 介质报送: the centre registers a paper submission with the scanned, signed and stamped 审核表. */
export function PaperForm({ onDone }: { onDone(): void }) {
  const [form] = Form.useForm<Values>();
  const [scan, setScan] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const submit = async (v: Values) => {
    if (!scan) return void message.error('请上传盖章签字的审核表扫描件');
    setBusy(true);
    try {
      const file = await api.upload<Attachment>('/api/attachments', scan, scan.name);
      const item = await api.post<IntakeItem>('/api/intake/paper', {
        unitId: v.unitId,
        columnId: v.columnId,
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        pages: v.pages,
        scanAttachmentId: file.id,
        title: v.title,
        bodyHtml: paragraphs(v.text ?? ''),
      });
      void message.success(`已登记纸质报送“${item.subject}”，草稿已生成`);
      form.resetFields();
      onDone();
      if (item.articleId) void navigate(`/articles/${item.articleId}`);
    } catch {
      // The client showed the server's message.
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 720 }} aria-label="登记纸质报送">
      <UnitColumnFields prefix="paper" />
      <Space wrap>
        <Form.Item
          label="收到日期"
          name="receivedOn"
          htmlFor="paper-day"
          rules={[{ required: true, message: '请选择收到日期' }]}
        >
          <DatePicker id="paper-day" />
        </Form.Item>
        <Form.Item label="页数" name="pages" htmlFor="paper-pages" rules={[{ required: true, message: '请填写页数' }]}>
          <InputNumber id="paper-pages" min={1} max={10000} />
        </Form.Item>
      </Space>
      <Form.Item
        label="标题"
        name="title"
        htmlFor="paper-title"
        rules={[{ required: true, message: '请填写标题' }, { max: 500 }]}
      >
        <Input id="paper-title" />
      </Form.Item>
      <Form.Item label="正文（录入或粘贴，保存后可在编辑页排版）" name="text" htmlFor="paper-text">
        <Input.TextArea id="paper-text" rows={8} />
      </Form.Item>
      <Form.Item label="审核表扫描件（PDF 或图片，必填）" required>
        <FilePicker
          id="paper-scan"
          label="审核表扫描件"
          accept="application/pdf,image/png,image/jpeg,image/gif,image/webp,image/bmp"
          onChange={setScan}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        登记并生成草稿
      </Button>
    </Form>
  );
}
