import { App } from 'antd';
import { type RefObject, useEffect } from 'react';
import { useBlocker } from 'react-router-dom';

/**
 * Ask before a navigation inside the app throws away unsaved edits (`dirty` is a ref so that typing
 * does not re-render the page). Closing the tab is the browser's own question.
 */
export function useLeaveGuard(dirty: RefObject<boolean>): void {
  const { modal } = App.useApp();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => !!dirty.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    void (async () => {
      const leave = await modal.confirm({
        title: '有未保存的修改',
        content: '离开后这些修改将丢失。',
        okText: '离开',
        cancelText: '留在此页',
      });
      if (leave) blocker.proceed();
      else blocker.reset();
    })();
  }, [blocker, modal]);
}
