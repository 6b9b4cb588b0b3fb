import { useMemo } from 'react';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, setUnauthorizedHandler } from './api/client';
import { ME_KEY, useMe } from './auth/session';
import SignInPage from './auth/SignInPage';
import ForcedPasswordPage from './auth/ForcedPasswordPage';
import { router } from './routes';

const retryUnlessClientError = (count: number, err: unknown) => !(err instanceof ApiError && err.status < 500) && count < 2;

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: retryUnlessClientError, refetchOnWindowFocus: false, staleTime: 30_000 } },
});

/** A session that expired mid-work sends the user back to sign in, keeping the address they were at. */
setUnauthorizedHandler(() => {
  queryClient.clear();
  queryClient.setQueryData(ME_KEY, null);
});

function Root() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <Spin fullscreen />;
  if (me.isError) return <Result status="error" title={t('errors.internal')} subTitle={me.error.message} />;
  if (!me.data) return <SignInPage />;
  if (me.data.mustChangePassword) return <ForcedPasswordPage />;
  return <RouterProvider router={router} />;
}

export default function App() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enUS : viVN;
  const theme = useMemo(
    // The derived light tints of this teal come out grey, so they are given explicitly.
    () => ({ token: { colorPrimary: '#0b6e69', colorPrimaryBg: '#e3f1ef', colorPrimaryBgHover: '#cde6e2', colorLink: '#0a5fb4', borderRadius: 6 } }),
    [],
  );
  return (
    <ConfigProvider locale={locale} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <Root />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
