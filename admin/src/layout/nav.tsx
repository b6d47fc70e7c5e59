import {
  ApartmentOutlined,
  AuditOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FileTextOutlined,
  GlobalOutlined,
  ImportOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../api/types';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown only to people holding this permission (any scope); absent: everyone signed in. */
  permission?: Permission;
}

// One table of what each screen needs. The server refuses anyway; this only keeps people from
// being shown doors that will not open for them.
export const NAV: NavItem[] = [
  { path: '/', label: '工作台', icon: <DashboardOutlined aria-hidden /> },
  { path: '/articles', label: '信息管理', icon: <FileTextOutlined aria-hidden />, permission: 'article.read' },
  { path: '/columns', label: '栏目与保障责任', icon: <ApartmentOutlined aria-hidden />, permission: 'column.write' },
  { path: '/units', label: '单位与分组', icon: <ClusterOutlined aria-hidden />, permission: 'unit.write' },
  { path: '/personnel', label: '保障人员', icon: <TeamOutlined aria-hidden />, permission: 'personnel.read' },
  { path: '/accounts', label: '账号与角色', icon: <UserOutlined aria-hidden />, permission: 'account.read' },
  { path: '/sites', label: '站点设置', icon: <GlobalOutlined aria-hidden />, permission: 'site.write' },
  { path: '/imports', label: '数据导入', icon: <ImportOutlined aria-hidden />, permission: 'import.run' },
  { path: '/audit', label: '操作日志', icon: <AuditOutlined aria-hidden />, permission: 'audit.read' },
];

export const PROFILE_ICON = <SafetyCertificateOutlined aria-hidden />;

/** The menu entry a path belongs to ("/articles/12" → "/articles"). */
export function navKeyOf(pathname: string): string {
  const match = NAV.filter((n) => n.path !== '/' && (pathname === n.path || pathname.startsWith(`${n.path}/`)));
  return match[0]?.path ?? '/';
}
