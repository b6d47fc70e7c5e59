import { BankOutlined, DownOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Dropdown, Grid, Layout, Menu, Result, Tag } from 'antd';
import { Suspense, useState } from 'react';
import { useFocusableScrollRegions } from '../lib/scrollRegions';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api, setCsrfToken } from '../api/client';
import { useMeQuery } from '../features/auth/session';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { usePublishQueue, useTasks, waiting } from '../features/review/queries';
import { NAV, navKeyOf, PROFILE_ICON } from './nav';
import { PageLoading } from './PageLoading';

export default function AppFrame() {
  const { data: me, isError } = useMeQuery();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  const [main, setMain] = useState<HTMLElement | null>(null);
  useFocusableScrollRegions(main);
  const tasks = useTasks(!!me);
  // A publisher's 待办 counts the items waiting to go online too (the last approval hands them over).
  const queue = usePublishQueue(!!me?.permissions['article.publish']);
  const taskCount = (tasks.data?.length ?? 0) + waiting(queue.data ?? []);
  // Tablets in portrait get the narrow menu unless the person opened it.
  const narrow = collapsed ?? !screens.lg;

  if (isError) return <Result status="warning" title="无法确认登录状态" subTitle="请刷新页面或重新登录" />;
  if (!me) return <PageLoading />;

  const items = NAV.filter((n) => !n.permission || me.permissions[n.permission]).map((n) => ({
    key: n.path,
    icon: n.icon,
    label:
      n.badge === 'tasks' && taskCount > 0 ? (
        <Link to={n.path} aria-label={`${n.label}，${taskCount} 项`}>
          {n.label} <Badge count={taskCount} size="small" className="nav-badge" />
        </Link>
      ) : (
        <Link to={n.path}>{n.label}</Link>
      ),
  }));

  const logout = async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    client.clear();
    void navigate('/login', { replace: true });
  };

  return (
    <Layout className="app-shell">
      <a className="skip-link" href="#main">
        跳到主要内容
      </a>
      <Layout.Header className="app-header">
        <Button
          type="text"
          className="app-menu-toggle"
          aria-controls="app-menu"
          aria-expanded={!narrow}
          aria-label={narrow ? '展开菜单' : '收起菜单'}
          icon={narrow ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
          onClick={() => setCollapsed(!narrow)}
        />
        <Link to="/" className="app-brand">
          内容保障系统
        </Link>
        <div className="app-unit">
          <BankOutlined aria-hidden /> <span className="sr-only">当前单位：</span>
          <span data-testid="acting-unit">{me.unit.name}</span>
        </div>
        <NotificationBell />
        <Dropdown
          menu={{
            items: [
              { key: 'profile', icon: PROFILE_ICON, label: <Link to="/profile">修改密码</Link> },
              { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: '退出登录', onClick: () => void logout() },
            ],
          }}
          trigger={['click']}
        >
          {/* Named by its content (no aria-label): a label differing from the visible text fails WCAG 2.5.3
              when a name and a role share digits (rx12345, 12345办公室话务员). */}
          <Button type="text" className="app-user">
            {me.displayName}
            <span className="app-roles">
              {me.roles.map((r) => (
                <Tag key={r.role} variant="outlined">
                  {r.label}
                </Tag>
              ))}
            </span>
            <span className="sr-only">：账号菜单</span>
            <DownOutlined aria-hidden />
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          id="app-menu"
          width={200}
          collapsible
          collapsed={narrow}
          collapsedWidth={64}
          theme="light"
          className="app-sider"
          trigger={null}
        >
          <nav aria-label="主导航">
            <Menu mode="inline" selectedKeys={[navKeyOf(location.pathname)]} items={items} />
          </nav>
        </Layout.Sider>
        <Layout.Content id="main" tabIndex={-1} className="app-content" ref={setMain}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
