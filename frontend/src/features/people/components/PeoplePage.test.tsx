import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { meQueryKey } from '../../../lib/queryKeys';
import { createTestQueryClient, renderWithProviders } from '../../../test/render';
import { PeoplePage } from './PeoplePage';

const ROUTE = { route: '/w/necn/admin/people', path: '/w/:slug/admin/people' };

const dara = {
  id: 11,
  user: { id: 5, email: 'dara@example.org', display_name: 'Dara Sok' },
  role: 'member',
  organisation: { id: 3, name: 'Kampuchea Youth Association', acronym: 'KYA' },
  is_active: true,
  created_at: '2026-11-01T08:00:00Z',
};

function page(results: unknown[]) {
  return { count: results.length, next: null, previous: null, results };
}

const organisations = page([
  { id: 3, name: 'Kampuchea Youth Association', acronym: 'KYA', kind: 'ngo', member_count: 1 },
  { id: 4, name: 'Disability Inclusion Action', acronym: 'DIA', kind: 'ngo', member_count: 0 },
]);

describe('PeoplePage', () => {
  test('lists people and filters by role through the API', async () => {
    const fetchSpy = mockApi([{ method: 'GET', path: '/api/workspaces/necn/members/', respond: json(200, page([dara])) }]);
    const user = userEvent.setup();
    renderWithProviders(<PeoplePage />, ROUTE);

    const table = await screen.findByRole('table', { name: '1 person' });
    expect(within(table).getByText('Dara Sok', { selector: 'strong' })).toBeInTheDocument();
    expect(within(table).getByText('Kampuchea Youth Association (KYA)')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Role', { selector: 'select' }), 'observer');
    await waitFor(() => {
      const last = requestsOf(fetchSpy).at(-1)!;
      expect(new URL(last.url).searchParams.get('role')).toBe('observer');
    });
  });

  test('shows the server’s field error next to the field in the invite dialog, then invites', async () => {
    let attempts = 0;
    const fetchSpy = mockApi([
      { method: 'GET', path: '/api/workspaces/necn/members/', respond: json(200, page([dara])) },
      { method: 'GET', path: '/api/workspaces/necn/organisations/', respond: json(200, organisations) },
      {
        method: 'POST',
        path: '/api/workspaces/necn/members/',
        respond: () =>
          ++attempts === 1
            ? json(400, { email: ['This person is already a member of the workspace.'] })
            : json(201, { ...dara, id: 12, user: { id: 6, email: 'srey@example.org', display_name: 'Srey Leak' } }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<PeoplePage />, ROUTE);
    await screen.findByRole('table');

    await user.click(screen.getByRole('button', { name: 'Invite a person' }));
    const dialog = screen.getByRole('dialog', { name: 'Invite a person' });
    const email = within(dialog).getByLabelText(/Email address/);
    expect(email).toHaveFocus();

    await user.type(email, 'dara@example.org');
    await user.type(within(dialog).getByLabelText(/^Name/), 'Srey Leak');
    await user.selectOptions(within(dialog).getByLabelText(/^Role/), 'facilitator');
    await waitFor(() => expect(within(dialog).getByRole('option', { name: 'Disability Inclusion Action (DIA)' })).toBeInTheDocument());
    await user.selectOptions(within(dialog).getByLabelText(/^Organisation/), '4');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));

    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription('This person is already a member of the workspace.');

    await user.clear(email);
    await user.type(email, 'srey@example.org');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));

    expect(await screen.findByText('Invitation sent to Srey Leak (srey@example.org).')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    const invite = requestsOf(fetchSpy).filter((request) => request.method === 'POST').at(-1)!;
    expect(await invite.json()).toEqual({
      email: 'srey@example.org',
      display_name: 'Srey Leak',
      role: 'facilitator',
      organisation_id: 4,
      preferred_language: 'en',
    });
  });

  test('deactivates a person only after confirmation', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: '/api/workspaces/necn/members/', respond: json(200, page([dara])) },
      {
        method: 'PATCH',
        path: '/api/workspaces/necn/members/11/',
        respond: json(200, { ...dara, is_active: false }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<PeoplePage />, ROUTE);
    await screen.findByRole('table');

    await user.click(screen.getByRole('button', { name: 'Deactivate Dara Sok' }));
    const dialog = screen.getByRole('dialog', { name: 'Deactivate Dara Sok?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(requestsOf(fetchSpy).some((request) => request.method === 'PATCH')).toBe(false);

    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect(await screen.findByText('Dara Sok has been deactivated.')).toBeInTheDocument();
    const patch = requestsOf(fetchSpy).find((request) => request.method === 'PATCH')!;
    expect(await patch.json()).toEqual({ is_active: false });
  });

  test('steps back a page when the last match of a later page is deactivated, and refreshes the signed-in person', async () => {
    let deactivated = false;
    const srey = { ...dara, id: 12, user: { id: 6, email: 'srey@example.org', display_name: 'Srey Leak' } };
    mockApi([
      {
        method: 'GET',
        path: '/api/workspaces/necn/members/',
        respond: (request) => {
          const requested = new URL(request.url).searchParams.get('page');
          if (requested === '2') {
            return deactivated
              ? json(404, { detail: 'Invalid page.' })
              : json(200, { count: 21, next: null, previous: '/api/workspaces/necn/members/?page=1', results: [dara] });
          }
          return json(200, { count: 20, next: null, previous: null, results: [srey] });
        },
      },
      {
        method: 'PATCH',
        path: '/api/workspaces/necn/members/11/',
        respond: () => {
          deactivated = true;
          return json(200, { ...dara, is_active: false });
        },
      },
    ]);
    const queryClient = createTestQueryClient();
    queryClient.setQueryData(meQueryKey, { id: 5, email: 'dara@example.org', display_name: 'Dara Sok', workspaces: [] });
    const user = userEvent.setup();
    renderWithProviders(<PeoplePage />, { ...ROUTE, route: `${ROUTE.route}?active=active&page=2`, queryClient });
    await screen.findByText('Dara Sok', { selector: 'strong' });

    await user.click(screen.getByRole('button', { name: 'Deactivate Dara Sok' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Deactivate' }));

    expect(await screen.findByText('Srey Leak', { selector: 'strong' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'We could not find this page' })).toBeNull();
    // The change may have been to the person's own roles.
    expect(queryClient.getQueryState(meQueryKey)?.isInvalidated).toBe(true);
  });

  test('tells a non-admin they have no access when the server refuses', async () => {
    mockApi([
      { method: 'GET', path: '/api/workspaces/necn/members/', respond: json(403, { detail: 'Only administrators.' }) },
    ]);
    renderWithProviders(<PeoplePage />, ROUTE);
    expect(await screen.findByRole('heading', { name: 'You do not have access' })).toBeInTheDocument();
  });
});
