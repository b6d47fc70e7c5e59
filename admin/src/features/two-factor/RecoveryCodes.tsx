import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';

/** The recovery codes, shown this once: download as a text file or print, then keep them safe. */
export function RecoveryCodesView({ codes, username }: { codes: string[]; username: string }) {
  const text = [
    `涟水县政府网站保障系统 · ${username} 的两步验证恢复码`,
    '每个恢复码只能使用一次；手机丢失或无法使用验证器应用时，在登录第二步输入其中一个。',
    '',
    ...codes,
    '',
  ].join('\n');
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `恢复码-${username}.txt`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="recovery-codes">
      <Alert
        type="warning"
        showIcon
        title="请立即保存恢复码：关闭本页后不再显示"
        description="手机丢失或无法使用验证器应用时，可用一个恢复码代替验证码登录；每个恢复码只能使用一次。请下载或打印后妥善保管，不要与密码放在一起。"
        className="form-hint"
      />
      <ol className="recovery-code-list" aria-label="恢复码">
        {codes.map((c) => (
          <li key={c}>
            <Typography.Text code copyable={false}>
              {c}
            </Typography.Text>
          </li>
        ))}
      </ol>
      <Space className="no-print">
        <Button icon={<DownloadOutlined aria-hidden />} onClick={download}>
          下载恢复码
        </Button>
        <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
          打印
        </Button>
      </Space>
    </div>
  );
}
