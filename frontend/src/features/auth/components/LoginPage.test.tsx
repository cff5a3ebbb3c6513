import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { LoginPage } from './LoginPage';

const dara = {
  id: 7,
  email: 'dara@example.org',
  display_name: 'Dara Sok',
  preferred_language: 'en',
  workspaces: [{ slug: 'necn', name: 'Education Network', role: 'member' }],
};

async function fillAndSubmit() {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText(/email address/i), 'dara@example.org');
  await user.type(screen.getByLabelText(/^password/i), 'wrong password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

describe('LoginPage', () => {
  test('shows the server message when the credentials are wrong', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: '/api/auth/me/', respond: json(401, { detail: 'Not signed in.' }) },
      {
        method: 'POST',
        path: '/api/auth/login/',
        respond: json(401, { detail: 'The e-mail address or password is not correct.' }),
      },
    ]);
    renderWithProviders(<LoginPage />, { route: '/login', path: '/login' });
    await fillAndSubmit();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The e-mail address or password is not correct.');
    const login = requestsOf(fetchSpy).find((request) => request.url.endsWith('/api/auth/login/'))!;
    expect(await login.clone().json()).toEqual({ email: 'dara@example.org', password: 'wrong password' });
    expect(login.headers.get('X-CSRFToken')).toBe('test-csrf-token');
    // Still on the sign-in form, ready for another try.
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  test('shows field errors next to their fields', async () => {
    mockApi([
      { method: 'GET', path: '/api/auth/me/', respond: json(401, { detail: 'Not signed in.' }) },
      { method: 'POST', path: '/api/auth/login/', respond: json(400, { email: ['Enter a valid e-mail address.'] }) },
    ]);
    renderWithProviders(<LoginPage />, { route: '/login', path: '/login' });
    await fillAndSubmit();

    const email = screen.getByLabelText(/email address/i);
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription('Enter a valid e-mail address.');
  });

  test('shows the throttling message the server sends after too many attempts', async () => {
    mockApi([
      { method: 'GET', path: '/api/auth/me/', respond: json(401, { detail: 'Not signed in.' }) },
      {
        method: 'POST',
        path: '/api/auth/login/',
        respond: json(429, { detail: 'Too many sign-in attempts. Try again in 60 seconds.' }),
      },
    ]);
    renderWithProviders(<LoginPage />, { route: '/login', path: '/login' });
    await fillAndSubmit();
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many sign-in attempts. Try again in 60 seconds.');
  });

  test('signs in, adopts the person’s language and goes to the page they asked for', async () => {
    mockApi([
      { method: 'GET', path: '/api/auth/me/', respond: json(401, { detail: 'Not signed in.' }) },
      { method: 'POST', path: '/api/auth/login/', respond: json(200, { ...dara, preferred_language: 'km' }) },
    ]);
    renderWithProviders(<LoginPage />, { route: '/login?next=/w/necn/groups', path: '/login' });
    await fillAndSubmit();
    expect(await screen.findByText('Elsewhere')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('km');
  });
});
