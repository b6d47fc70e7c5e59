import type { QueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect } from 'react';
import { configureClient, setCsrfToken } from '../../api/client';
import { router } from '../../router';
import { loginRedirect } from './login-redirect';

/** Connects the API client to Ant Design's messages and to the router, once. */
export function ClientWiring({ queryClient }: { queryClient: QueryClient }) {
  const { message } = App.useApp();
  useEffect(() => {
    configureClient({
      notifyError: (text) => void message.error({ content: text, key: text, duration: 5 }),
      onSignedOut: (reason) => {
        setCsrfToken(null);
        queryClient.clear();
        // The router's location carries the /admin basename; `navigate` adds it back.
        const { pathname: full, search } = router.state.location;
        const pathname = full.replace(/^\/admin(?=\/|$)/, '') || '/';
        const to = loginRedirect(pathname, search, reason);
        if (to) void router.navigate(to, { replace: true });
      },
    });
  }, [message, queryClient]);
  return null;
}
