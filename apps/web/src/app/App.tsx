import {
  Badge,
  createTheme,
  DirectionProvider,
  MantineProvider,
  useDirection,
} from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiRequestError } from '../api/client';
import { getSession, onSessionChange } from '../auth/session';
import {
  applyDocumentLanguage,
  directionOf,
  i18n,
  type Language,
  saveLanguage,
  savedLanguage,
} from '../i18n';
import { LanguageContext } from '../i18n/use-language';
import { LoginPage } from '../pages/LoginPage';
import { useLocation } from './router';
import { Shell } from './Shell';

// The phone app for drivers and storekeepers (/field): its own shell, its own chunk.
const FieldShell = lazy(() =>
  import('../field/FieldShell').then((m) => ({ default: m.FieldShell })),
);

const theme = createTheme({
  fontFamily: 'var(--app-font)',
  headings: { fontFamily: 'var(--app-font)' },
  // blue 8 and its hover shade 9 both keep white text at WCAG AA; light fills get dark text
  primaryColor: 'blue',
  primaryShade: 8,
  autoContrast: true,
  components: {
    // a badge shows its whole label, never an ellipsis, however narrow its table column: the
    // Arabic and Kurdish words are wider than the English ones the columns were drawn for
    Badge: Badge.extend({
      styles: { root: { maxWidth: 'none', flexShrink: 0 }, label: { overflow: 'visible' } },
    }),
  },
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      // a 401/403/404 will not change by asking again
      retry: (count, error) =>
        !(error instanceof ApiRequestError && error.status < 500) && count < 2,
    },
  },
});

export function App() {
  const session = useSyncExternalStore(onSessionChange, getSession);
  const { path } = useLocation();
  const field = path === '/field' || path.startsWith('/field/');
  const userId = session?.user.id;
  const [language, setLanguageState] = useState<Language>(() => savedLanguage(userId));

  useEffect(() => setLanguageState(savedLanguage(userId)), [userId]);
  useEffect(() => {
    void i18n.changeLanguage(language);
    applyDocumentLanguage(language);
  }, [language]);
  useEffect(() => {
    if (!session) queryClient.clear();
  }, [session]);

  const setLanguage = (next: Language) => {
    saveLanguage(next, userId);
    setLanguageState(next);
  };
  const dir = directionOf(language);

  return (
    <I18nextProvider i18n={i18n}>
      <LanguageContext.Provider value={{ language, setLanguage }}>
        <DirectionProvider initialDirection={dir} detectDirection={false}>
          <FollowDirection dir={dir} />
          <MantineProvider theme={theme}>
            <QueryClientProvider client={queryClient}>
              {!session ? (
                <LoginPage />
              ) : field ? (
                <Suspense fallback={null}>
                  <FieldShell user={session.user} />
                </Suspense>
              ) : (
                <Shell user={session.user} />
              )}
            </QueryClientProvider>
          </MantineProvider>
        </DirectionProvider>
      </LanguageContext.Provider>
    </I18nextProvider>
  );
}

/**
 * Turns the page's direction with the language without remounting the app: a driver handing
 * the phone to an Arabic-reading storekeeper mid-stop keeps the scans and the signature.
 */
function FollowDirection({ dir }: { dir: 'ltr' | 'rtl' }) {
  const { dir: current, setDirection } = useDirection();
  useEffect(() => {
    if (current !== dir) setDirection(dir);
  }, [current, dir, setDirection]);
  return null;
}
