import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { UserActiveButton } from './AdminPage';

function renderButton(active: boolean) {
  return render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={new QueryClient()}>
        <MantineProvider>
          <UserActiveButton id="u1" username="ali" active={active} />
        </MantineProvider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

describe("the admin's user button", () => {
  it('offers to deactivate an active user', () => {
    renderButton(true);
    expect(screen.getByRole('button', { name: 'Deactivate ali' }).textContent).toBe('Deactivate');
  });

  it('offers to let an inactive user back in', () => {
    renderButton(false);
    expect(screen.getByRole('button', { name: 'Reactivate ali' }).textContent).toBe('Reactivate');
  });
});
