import { Spin } from 'antd';

/** What a screen shows while its code or its first data is on the way. */
export function PageLoading() {
  return (
    <div className="page-loading" role="status">
      <Spin />
      <span className="sr-only">正在加载</span>
    </div>
  );
}
