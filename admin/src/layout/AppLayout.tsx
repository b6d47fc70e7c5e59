import { Result, Typography } from 'antd';

// Pieces every screen uses. The app's frame (navigation, bell, tasks) is AppFrame, loaded by the router
// on its own, so that screens importing these do not pull the frame into the login page's bundle.

export function Forbidden() {
  return <Result status="403" title="无权访问" subTitle="您的角色不能使用此功能；如需使用，请联系系统管理员。" />;
}

export function PageHeading({ title, extra }: { title: string; extra?: React.ReactNode }) {
  return (
    <div className="page-heading">
      <Typography.Title level={1}>{title}</Typography.Title>
      {extra && <div className="page-heading-extra">{extra}</div>}
    </div>
  );
}
