import { useEffect } from 'react';

/** Each screen names itself in the browser tab and for screen readers announcing the page. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · 内容保障系统`;
  }, [title]);
}
