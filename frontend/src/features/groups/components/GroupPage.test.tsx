import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { GroupPage } from './GroupPage';
import { GroupsPage } from './GroupsPage';

const ROUTE = { route: '/w/necn/groups/7', path: '/w/:slug/groups/:groupId' };
const GROUP_URL = '/api/workspaces/necn/groups/7/';
const MEMBERS_URL = '/api/workspaces/necn/groups/7/members/';

function page(results: unknown[]) {
  return { count: results.length, next: null, previous: null, results };
}

function group(permissions: { edit_details: boolean; edit_settings: boolean; manage_members: boolean }, myRole: string | null) {
  return {
    id: 7,
    name: 'Inclusive education and disability',
    theme: 'Disability inclusion',
    description: 'Ramps, sign language and trained teachers in every school.',
    visibility: 'private',
    member_count: 2,
    my_role: myRole,
    created_at: '2026-11-01T08:00:00Z',
    permissions,
  };
}

const LEAD = { edit_details: true, edit_settings: false, manage_members: true };
const NOBODY = { edit_details: false, edit_settings: false, manage_members: false };

const sophea = {
  id: 21,
  user: { id: 5, email: 'sophea@example.org', display_name: 'Sophea Lim' },
  role: 'lead',
  organisation: { id: 3, name: 'Kampuchea Youth Association', acronym: 'KYA' },
};
const dara = {
  id: 22,
  user: { id: 6, email: 'dara@example.org', display_name: 'Dara Sok' },
  role: 'member',
  organisation: null,
};

describe('GroupPage', () => {
  test('a group lead sees the members with their organisations and the actions to manage them', async () => {
    mockApi([
      { method: 'GET', path: GROUP_URL, respond: json(200, group(LEAD, 'lead')) },
      { method: 'GET', path: MEMBERS_URL, respond: json(200, page([sophea, dara])) },
    ]);
    renderWithProviders(<GroupPage />, ROUTE);

    expect(await screen.findByRole('heading', { level: 1, name: 'Inclusive education and disability' })).toBeInTheDocument();
    expect(screen.getByText('Private')).toBeInTheDocument();
    expect(screen.getByText('Ramps, sign language and trained teachers in every school.')).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: '2 members' });
    expect(within(table).getByText('Kampuchea Youth Association (KYA)')).toBeInTheDocument();
    expect(within(table).getByText('dara@example.org')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add a member' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit details' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Make lead Dara Sok' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove Dara Sok' })).toBeInTheDocument();
  });

  test('a plain member sees the members but no action to change anything', async () => {
    mockApi([
      { method: 'GET', path: GROUP_URL, respond: json(200, group(NOBODY, 'member')) },
      { method: 'GET', path: MEMBERS_URL, respond: json(200, page([sophea, dara])) },
    ]);
    renderWithProviders(<GroupPage />, ROUTE);

    const table = await screen.findByRole('table', { name: '2 members' });
    expect(within(table).getByText('Sophea Lim', { selector: 'strong' })).toBeInTheDocument();
    expect(within(table).queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add a member' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit details' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
  });

  test('shows the server’s refusal when the last lead would be demoted', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: GROUP_URL, respond: json(200, group(LEAD, 'lead')) },
      { method: 'GET', path: MEMBERS_URL, respond: json(200, page([sophea, dara])) },
      {
        method: 'PATCH',
        path: `${MEMBERS_URL}21/`,
        respond: json(400, {
          non_field_errors: ['A working group needs at least one lead. Make someone else a lead first.'],
        }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<GroupPage />, ROUTE);
    await screen.findByRole('table');

    await user.click(screen.getByRole('button', { name: 'Make member Sophea Lim' }));

    expect(
      await screen.findByText('A working group needs at least one lead. Make someone else a lead first.'),
    ).toBeInTheDocument();
    const patch = requestsOf(fetchSpy).find((request) => request.method === 'PATCH')!;
    expect(await patch.json()).toEqual({ role: 'member' });
  });

  test('removes a member only after confirmation', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: GROUP_URL, respond: json(200, group(LEAD, 'lead')) },
      { method: 'GET', path: MEMBERS_URL, respond: json(200, page([sophea, dara])) },
      { method: 'DELETE', path: `${MEMBERS_URL}22/`, respond: json(204) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<GroupPage />, ROUTE);
    await screen.findByRole('table');

    await user.click(screen.getByRole('button', { name: 'Remove Dara Sok' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove Dara Sok from the group?' });
    expect(requestsOf(fetchSpy).some((request) => request.method === 'DELETE')).toBe(false);

    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('Dara Sok has been removed from the group.')).toBeInTheDocument();
    expect(requestsOf(fetchSpy).filter((request) => request.method === 'DELETE')).toHaveLength(1);
  });

  test('adds a person picked from the workspace people who are not yet in the group', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: GROUP_URL, respond: json(200, group(LEAD, 'lead')) },
      { method: 'GET', path: MEMBERS_URL, respond: json(200, page([sophea])) },
      {
        method: 'GET',
        path: '/api/workspaces/necn/groups/7/member-candidates/',
        respond: json(200, page([{ user: dara.user, organisation: null, workspace_role: 'member' }])),
      },
      { method: 'POST', path: MEMBERS_URL, respond: json(201, dara) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<GroupPage />, ROUTE);
    await screen.findByRole('table');

    await user.click(screen.getByRole('button', { name: 'Add a member' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a member' });
    await waitFor(() =>
      expect(within(dialog).getByRole('option', { name: 'Dara Sok (dara@example.org)' })).toBeInTheDocument(),
    );
    await user.selectOptions(within(dialog).getByLabelText(/^Person/), '6');
    await user.click(within(dialog).getByRole('button', { name: 'Add to group' }));

    expect(await screen.findByText('Dara Sok has been added as Group member.')).toBeInTheDocument();
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({ user_id: 6, role: 'member' });
  });

  test('an empty group tells its lead what to do', async () => {
    mockApi([
      { method: 'GET', path: GROUP_URL, respond: json(200, { ...group(LEAD, null), member_count: 0 }) },
      { method: 'GET', path: MEMBERS_URL, respond: json(200, page([])) },
    ]);
    renderWithProviders(<GroupPage />, ROUTE);

    expect(await screen.findByRole('heading', { name: 'Nobody is in this group yet' })).toBeInTheDocument();
    expect(
      screen.getByText('Add the people who take part in this group, and make at least one of them its lead.'),
    ).toBeInTheDocument();
  });

  test('a lead edits the theme and description but not the name or visibility', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: GROUP_URL, respond: json(200, group(LEAD, 'lead')) },
      { method: 'GET', path: MEMBERS_URL, respond: json(200, page([sophea])) },
      { method: 'PATCH', path: GROUP_URL, respond: json(200, { ...group(LEAD, 'lead'), description: 'Ramps.' }) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<GroupPage />, ROUTE);

    await user.click(await screen.findByRole('button', { name: 'Edit details' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit Inclusive education and disability' });
    expect(within(dialog).getByLabelText(/^Name/)).toBeDisabled();
    expect(within(dialog).getByLabelText(/^Who can see it/)).toBeDisabled();
    const description = within(dialog).getByLabelText(/^Description/);
    await user.clear(description);
    await user.type(description, 'Ramps.');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Changes to Inclusive education and disability have been saved.')).toBeInTheDocument();
    const patch = requestsOf(fetchSpy).find((request) => request.method === 'PATCH')!;
    expect(await patch.json()).toEqual({ theme: 'Disability inclusion', description: 'Ramps.' });
  });

  test('shows the group’s work that the app composes in, with the group it is for', async () => {
    mockApi([
      { method: 'GET', path: GROUP_URL, respond: json(200, group(NOBODY, 'member')) },
      { method: 'GET', path: MEMBERS_URL, respond: json(200, page([sophea])) },
    ]);
    renderWithProviders(
      <GroupPage renderWork={(shown) => <p>Trees and agendas of group {shown.id} ({shown.my_role})</p>} />,
      ROUTE,
    );

    expect(await screen.findByText('Trees and agendas of group 7 (member)')).toBeInTheDocument();
  });

  test('a group the person may not see looks like it does not exist', async () => {
    mockApi([{ method: 'GET', path: GROUP_URL, respond: json(404, { detail: 'Not found.' }) }]);
    renderWithProviders(<GroupPage />, ROUTE);
    expect(await screen.findByRole('heading', { name: 'We could not find this page' })).toBeInTheDocument();
  });
});

describe('GroupsPage', () => {
  const LIST_ROUTE = { route: '/w/necn/groups', path: '/w/:slug/groups' };
  const listed = { ...group(NOBODY, null), permissions: undefined, created_at: undefined };

  test('links each group to its page and offers no creation to those who may not create', async () => {
    mockApi([{ method: 'GET', path: '/api/workspaces/necn/groups/', respond: json(200, page([listed])) }]);
    renderWithProviders(<GroupsPage />, LIST_ROUTE);

    const link = await screen.findByRole('link', { name: 'Inclusive education and disability' });
    expect(link).toHaveAttribute('href', '/w/necn/groups/7');
    expect(screen.queryByRole('button', { name: 'New working group' })).toBeNull();
  });

  test('admins and the executive committee create a group and land on its page', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: '/api/workspaces/necn/groups/', respond: json(200, page([])) },
      { method: 'POST', path: '/api/workspaces/necn/groups/', respond: json(201, { ...group(LEAD, null), id: 9 }) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<GroupsPage canCreate />, LIST_ROUTE);

    await screen.findByRole('heading', { name: 'No working groups yet' });
    await user.click(screen.getAllByRole('button', { name: 'New working group' })[0]!);
    const dialog = screen.getByRole('dialog', { name: 'New working group' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Gender');
    await user.type(within(dialog).getByLabelText(/^Theme/), 'Girls in school');
    await user.selectOptions(within(dialog).getByLabelText(/^Who can see it/), 'private');
    await user.click(within(dialog).getByRole('button', { name: 'Create working group' }));

    expect(await screen.findByText('Elsewhere')).toBeInTheDocument();
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({ name: 'Gender', theme: 'Girls in school', description: '', visibility: 'private' });
  });
});
