import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../auth/session';
import { recordRequests, renderInApp } from '../test-support';
import { PersonPage } from './PersonPage';

afterEach(() => vi.unstubAllGlobals());

const PERSON = {
  id: 'p1',
  name: 'Dr Layla Hassan',
  organisationId: null,
  organisation: null,
  jobTitle: 'Biomedical engineer',
  tags: ['psa'],
  governorates: ['Basra', 'Baghdad'],
  languages: ['ar', 'en'],
  available: true,
  userId: null,
  contacts: [],
  hiddenContacts: 0,
};

function answer(path: string) {
  if (path === '/api/v1/partners/people/p1') return PERSON;
  return { items: [], page: 1, pageSize: 50, total: 0 };
}

const ANALYST = { id: 'u1', role: 'analyst' } as SessionUser;

// Mantine in jsdom takes seconds per render on a busy machine
describe("an expert's page lists what they cover", { timeout: 20_000 }, () => {
  it.each([
    ['en', 'Basra, Baghdad', 'Arabic, English'],
    ['ar', 'البصرة، بغداد', 'العربية، الإنجليزية'],
    ['ckb', 'بەسرە، بەغدا', 'عەرەبی، ئینگلیزی'],
  ] as const)(
    'in %s, with the comma the language writes',
    async (language, governorates, languages) => {
      recordRequests(answer);
      renderInApp(<PersonPage id="p1" user={ANALYST} />, { language });
      await screen.findByRole('heading', { name: 'Dr Layla Hassan' });
      const text = document.body.textContent ?? '';
      expect(text).toContain(governorates);
      expect(text).toContain(languages);
    },
  );
});
