import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { AccountPage } from './AccountPage';
import { LanguageSwitch } from './LanguageSwitch';

const me = {
  id: 7,
  email: 'dara@example.org',
  display_name: 'Dara Sok',
  preferred_language: 'en',
  workspaces: [],
};

function mockMe() {
  return mockApi([
    { method: 'GET', path: '/api/auth/me/', respond: json(200, me) },
    {
      method: 'PATCH',
      path: '/api/auth/me/',
      respond: async (request) => json(200, { ...me, ...(await request.json()) }),
    },
  ]);
}

async function patchBodies(fetchSpy: ReturnType<typeof mockApi>): Promise<unknown[]> {
  const patches = requestsOf(fetchSpy).filter((request) => request.method === 'PATCH');
  return Promise.all(patches.map((request) => request.clone().json()));
}

describe('AccountPage', () => {
  test('saving the name keeps a language chosen in the header meanwhile', async () => {
    const fetchSpy = mockMe();
    const user = userEvent.setup();
    renderWithProviders(
      <>
        <LanguageSwitch />
        <AccountPage />
      </>,
    );
    const name = await screen.findByRole('textbox', { name: /Display name/ });

    await user.selectOptions(screen.getByTestId('language-switch'), 'km');
    await waitFor(async () => expect(await patchBodies(fetchSpy)).toEqual([{ preferred_language: 'km' }]));
    expect(screen.getByRole('combobox', { name: /ភាសាដែលចូលចិត្ត/ })).toHaveValue('km');

    await user.clear(name);
    await user.type(name, 'Dara S.');
    await user.click(screen.getByRole('button', { name: 'រក្សាទុក' }));

    await waitFor(async () => expect(await patchBodies(fetchSpy)).toHaveLength(2));
    expect((await patchBodies(fetchSpy))[1]).toEqual({ display_name: 'Dara S.' });
    expect(document.documentElement.lang).toBe('km');
    expect(screen.getByTestId('language-switch')).toHaveValue('km');
  });

  test('a language chosen in the form is saved and switches the page', async () => {
    const fetchSpy = mockMe();
    const user = userEvent.setup();
    renderWithProviders(<AccountPage />);

    await user.selectOptions(await screen.findByRole('combobox', { name: /Preferred language/ }), 'km');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(document.documentElement.lang).toBe('km'));
    expect(await patchBodies(fetchSpy)).toEqual([{ display_name: 'Dara Sok', preferred_language: 'km' }]);
    expect(await screen.findByRole('heading', { level: 2, name: 'ព័ត៌មានផ្ទាល់ខ្លួន' })).toBeInTheDocument();
  });
});
