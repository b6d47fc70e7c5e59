import { useEffect } from 'react';

const SCROLLERS = '.ant-table-content, .ant-table-body';

/**
 * Wide tables scroll sideways on tablets. A keyboard user can only scroll a region that takes focus,
 * and Ant Design's scroll containers do not; make every one that actually overflows focusable and named.
 */
export function useFocusableScrollRegions(root: HTMLElement | null): void {
  useEffect(() => {
    if (!root) return;
    const mark = () => {
      for (const el of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
        const overflows = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        if (overflows && !el.hasAttribute('tabindex')) {
          el.setAttribute('tabindex', '0');
          el.setAttribute('role', 'region');
          el.setAttribute('aria-label', '表格（可用方向键左右滚动）');
        } else if (!overflows && el.getAttribute('tabindex') === '0') {
          el.removeAttribute('tabindex');
          el.removeAttribute('role');
          el.removeAttribute('aria-label');
        }
      }
    };
    let queued = false;
    const schedule = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        mark();
      });
    };
    const observer = new MutationObserver(schedule);
    observer.observe(root, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    mark();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', schedule);
    };
  }, [root]);
}
