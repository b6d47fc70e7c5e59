import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BranchesOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  CommentOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  GlobalOutlined,
  ImportOutlined,
  InboxOutlined,
  MailOutlined,
  MessageOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '@contract/org';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown only to people holding this permission (any scope); absent: everyone signed in. */
  permission?: Permission;
  /** A live count shown beside the label (the inbox). */
  badge?: 'tasks';
}

// One table of what each screen needs. The server refuses anyway; this only keeps people from
// being shown doors that will not open for them.
export const NAV: NavItem[] = [
  { path: '/', label: '工作台', icon: <DashboardOutlined aria-hidden /> },
  { path: '/tasks', label: '待办', icon: <InboxOutlined aria-hidden />, badge: 'tasks' },
  { path: '/articles', label: '信息管理', icon: <FileTextOutlined aria-hidden />, permission: 'article.read' },
  { path: '/submissions', label: '报送台账', icon: <ProfileOutlined aria-hidden />, permission: 'submission.read' },
  { path: '/intake', label: '邮件与纸质报送', icon: <MailOutlined aria-hidden />, permission: 'submission.write' },
  { path: '/guarantee', label: '保障状态', icon: <CheckSquareOutlined aria-hidden />, permission: 'guarantee.read' },
  {
    path: '/guarantee/reports',
    label: '通报与统计',
    icon: <BarChartOutlined aria-hidden />,
    permission: 'guarantee.read',
  },
  {
    path: '/guarantee/settings',
    label: '保障检查参数',
    icon: <SettingOutlined aria-hidden />,
    permission: 'guarantee.write',
  },
  { path: '/foi', label: '依申请公开', icon: <FileSearchOutlined aria-hidden />, permission: 'foi.report' },
  { path: '/letters', label: '政民互动', icon: <MailOutlined aria-hidden />, permission: 'letter.read' },
  { path: '/consultations', label: '民意征集', icon: <CommentOutlined aria-hidden />, permission: 'consult.read' },
  { path: '/interviews', label: '在线访谈', icon: <MessageOutlined aria-hidden />, permission: 'interview.host' },
  { path: '/columns', label: '栏目与保障责任', icon: <ApartmentOutlined aria-hidden />, permission: 'column.write' },
  { path: '/units', label: '单位与分组', icon: <ClusterOutlined aria-hidden />, permission: 'unit.write' },
  {
    path: '/review/chains',
    label: '审核流程',
    icon: <BranchesOutlined aria-hidden />,
    permission: 'review.chain.write',
  },
  {
    path: '/review/checks',
    label: '内容检查设置',
    icon: <FileSearchOutlined aria-hidden />,
    permission: 'checks.write',
  },
  { path: '/personnel', label: '保障人员', icon: <TeamOutlined aria-hidden />, permission: 'personnel.read' },
  { path: '/accounts', label: '账号与角色', icon: <UserOutlined aria-hidden />, permission: 'account.read' },
  { path: '/sites', label: '站点设置', icon: <GlobalOutlined aria-hidden />, permission: 'site.write' },
  { path: '/sites/home', label: '首页专题与链接', icon: <GlobalOutlined aria-hidden />, permission: 'site.write' },
  {
    path: '/search/settings',
    label: '站内搜索设置',
    icon: <FileSearchOutlined aria-hidden />,
    permission: 'site.write',
  },
  { path: '/imports', label: '数据导入', icon: <ImportOutlined aria-hidden />, permission: 'import.run' },
  { path: '/crawl', label: '网站抓取', icon: <GlobalOutlined aria-hidden />, permission: 'crawl.read' },
  { path: '/audit', label: '操作日志', icon: <AuditOutlined aria-hidden />, permission: 'audit.read' },
];

export const PROFILE_ICON = <SafetyCertificateOutlined aria-hidden />;

/** The menu entry a path belongs to ("/articles/12" → "/articles"); the longest entry wins ("/guarantee/reports"). */
export function navKeyOf(pathname: string): string {
  const match = NAV.filter((n) => n.path !== '/' && (pathname === n.path || pathname.startsWith(`${n.path}/`))).sort(
    (a, b) => b.path.length - a.path.length,
  );
  return match[0]?.path ?? '/';
}
