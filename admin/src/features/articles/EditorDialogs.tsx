import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { requiredRule, rule, validated } from '../../lib/form';
import { FilePicker } from '../../lib/FilePicker';
import { bodyLink } from '../../lib/rules';

export function LinkDialog({
  open,
  initial,
  onClose,
  onSubmit,
}: {
  open: boolean;
  initial: string;
  onClose(): void;
  onSubmit(href: string, text: string): void;
}) {
  const [form] = Form.useForm<{ href: string; text: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ href: initial, text: '' });
  }, [open, initial, form]);
  return (
    <Modal
      open={open}
      title="插入链接"
      okText="确定"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => void validated(form).then((v) => v && onSubmit(v.href.trim(), v.text?.trim() ?? ''))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          label="链接地址"
          name="href"
          rules={[requiredRule('请填写链接地址'), rule(bodyLink)]}
          extra="以 http://、https://、mailto: 或 / 开头"
        >
          <Input autoFocus placeholder="https://" />
        </Form.Item>
        <Form.Item label="链接文字" name="text" extra="未选中文字时使用；留空则显示链接地址">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Pick a picture, describe it (alt text, read aloud on the public site), upload, insert. */
export function ImageDialog({
  open,
  onClose,
  upload,
  onInsert,
}: {
  open: boolean;
  onClose(): void;
  upload(file: File): Promise<string>;
  onInsert(src: string, alt: string): void;
}) {
  const [form] = Form.useForm<{ alt: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setFile(null);
      setFileError(null);
    }
  }, [open, form]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    const { alt } = values;
    if (!file) {
      setFileError('请选择图片文件');
      return;
    }
    setBusy(true);
    try {
      onInsert(await upload(file), alt.trim());
    } catch {
      // The upload's refusal was already shown by the API client; keep the dialog open to retry.
      setFileError('图片上传失败，请换一张图片或稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="插入图片"
      okText="上传并插入"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          label="图片文件"
          validateStatus={fileError ? 'error' : undefined}
          help={fileError ?? '支持 PNG、JPG、GIF、WEBP'}
        >
          <FilePicker
            id="rte-image-file"
            label="图片"
            accept="image/png,image/jpeg,image/gif,image/webp"
            onChange={(f) => {
              setFile(f);
              setFileError(null);
              if (f && !form.getFieldValue('alt')) form.setFieldValue('alt', f.name.replace(/\.[^.]+$/, ''));
            }}
          />
        </Form.Item>
        <Form.Item
          label="图片说明"
          name="alt"
          rules={[requiredRule('请填写图片说明，供视障读者使用'), { max: 200, message: '不能超过 200 个字符' }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
