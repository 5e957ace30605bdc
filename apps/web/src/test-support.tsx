import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { vi } from 'vitest';
import { i18n, type Language } from './i18n';
import { LanguageContext } from './i18n/use-language';

/**
 * A component as the app renders it: translations, queries and Mantine around it, in the
 * reader's language (English unless told).
 */
export function renderInApp(
  children: ReactNode,
  { language = 'en' }: { language?: Language } = {},
) {
  void i18n.changeLanguage(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <LanguageContext.Provider value={{ language, setLanguage: () => undefined }}>
        <QueryClientProvider
          client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
        >
          <MantineProvider>{children}</MantineProvider>
        </QueryClientProvider>
      </LanguageContext.Provider>
    </I18nextProvider>,
  );
}

export interface SentRequest {
  path: string;
  method: string;
  body: unknown;
}

/**
 * The api as a form sees it, for component tests with no server: each request is recorded and
 * answered with `answer(path, url)` (200). Undo with `vi.unstubAllGlobals()`.
 */
export function recordRequests(
  answer: (path: string, url: URL) => unknown = () => ({}),
): SentRequest[] {
  const sent: SentRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const path = url.pathname;
      const text = await request.text();
      sent.push({ path, method: request.method, body: text ? JSON.parse(text) : undefined });
      return new Response(JSON.stringify(answer(path, url)), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return sent;
}

/**
 * The files the page offers for download (an Export CSV), as the browser would receive them;
 * no link is followed. Undo with `vi.restoreAllMocks()`.
 */
export function recordDownloads(): Blob[] {
  const files: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((file) => {
    files.push(file as Blob);
    return 'blob:download';
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  return files;
}
