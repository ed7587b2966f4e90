import { useEffect, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { ApiError, onUnauthenticated } from '../shared/api/client';
import { ME_KEY } from '../modules/identity/api';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

// A 401 anywhere means the session is gone: forget the user; the route guard sends them to /login.
onUnauthenticated(() => {
  queryClient.setQueryData(ME_KEY, null);
});

function LocalizedConfig({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [lang, setLang] = useState(i18n.language);
  useEffect(() => {
    const on = (l: string) => setLang(l);
    i18n.on('languageChanged', on);
    return () => i18n.off('languageChanged', on);
  }, [i18n]);
  const isEn = lang === 'en';
  dayjs.locale(isEn ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={isEn ? enUS : zhCN} theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 6 } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LocalizedConfig>{children}</LocalizedConfig>
    </QueryClientProvider>
  );
}
