import { Button, Result, Space } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';

// What the person sees when a screen cannot be shown. The usual cause is a new release: the page
// still names the previous build's files, which are gone; loading the page again fixes it.
const STALE_BUILD = /dynamically imported module|Importing a module script failed|Loading chunk|Unable to preload CSS/i;

export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  const stale = STALE_BUILD.test(message);
  return (
    <div className="route-error">
      <Result
        status={stale ? 'info' : 'error'}
        title={<h1 className="result-title">{stale ? '管理后台已更新' : '页面出错了'}</h1>}
        subTitle={
          stale
            ? '请刷新页面以使用新版本；未保存的内容需要重新填写。'
            : '请刷新页面重试；如果问题一再出现，请把下面的信息告诉系统管理员。'
        }
        extra={
          <Space>
            <Button type="primary" onClick={() => window.location.reload()}>
              刷新页面
            </Button>
            <Button href="/admin/">返回工作台</Button>
          </Space>
        }
      >
        {!stale && <pre className="report">{message}</pre>}
      </Result>
    </div>
  );
}
