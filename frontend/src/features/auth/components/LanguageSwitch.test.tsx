import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useTranslation } from 'react-i18next';
import { describe, expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { LanguageSwitch } from './LanguageSwitch';

function Page() {
  const { t } = useTranslation();
  return (
    <>
      <LanguageSwitch />
      <h1>{t('nav.dashboard')}</h1>
    </>
  );
}

const me = {
  id: 7,
  email: 'dara@example.org',
  display_name: 'Dara Sok',
  preferred_language: 'en',
  workspaces: [],
};

describe('LanguageSwitch', () => {
  test('offers English and ខ្មែរ and switches the whole page and its lang attribute', async () => {
    mockApi([{ method: 'GET', path: '/api/auth/me/', respond: json(401, { detail: 'Not signed in.' }) }]);
    const user = userEvent.setup();
    renderWithProviders(<Page />);

    const select = screen.getByTestId('language-switch');
    expect(select).toHaveAccessibleName('Language');
    expect(screen.getByRole('option', { name: 'English' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'ខ្មែរ' })).toBeInTheDocument();
    expect(screen.getByRole('heading')).toHaveTextContent('Dashboard');

    await user.selectOptions(select, 'km');

    expect(await screen.findByRole('heading')).toHaveTextContent('ផ្ទាំងគ្រប់គ្រង');
    expect(document.documentElement.lang).toBe('km');
    expect(screen.getByTestId('language-switch')).toHaveValue('km');
    expect(screen.getByTestId('language-switch')).toHaveAccessibleName('ភាសា');
  });

  test('remembers the choice on this device while signed out', async () => {
    const fetchSpy = mockApi([{ method: 'GET', path: '/api/auth/me/', respond: json(401, { detail: 'Not signed in.' }) }]);
    const user = userEvent.setup();
    renderWithProviders(<Page />);
    await waitFor(() => expect(fetchSpy).toHaveBeenCalled());

    await user.selectOptions(screen.getByTestId('language-switch'), 'km');

    expect(window.localStorage.getItem('roundtable.language')).toBe('km');
    expect(requestsOf(fetchSpy).some((request) => request.method === 'PATCH')).toBe(false);
  });

  test('saves the choice to the person’s profile while signed in', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: '/api/auth/me/', respond: json(200, me) },
      {
        method: 'PATCH',
        path: '/api/auth/me/',
        respond: async (request) => json(200, { ...me, ...(await request.json()) }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<Page />);
    await waitFor(() => expect(fetchSpy).toHaveBeenCalledTimes(1));

    await user.selectOptions(screen.getByTestId('language-switch'), 'km');

    await waitFor(() => {
      const patch = requestsOf(fetchSpy).find((request) => request.method === 'PATCH');
      expect(patch).toBeDefined();
    });
    const patch = requestsOf(fetchSpy).find((request) => request.method === 'PATCH')!;
    expect(await patch.clone().json()).toEqual({ preferred_language: 'km' });
    // The request already speaks the new language.
    expect(patch.headers.get('Accept-Language')).toBe('km');
    expect(document.documentElement.lang).toBe('km');
  });
});
