import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { GroupMeetings } from './GroupMeetings';
import { MeetingsPage } from './MeetingsPage';
import { EDITOR, meeting, page } from './testData';

const ROUTE = { route: '/w/necn/meetings', path: '/w/:slug/meetings' };
const LIST_URL = '/api/workspaces/necn/meetings/';

function summary(overrides: object = {}) {
  const { items: _items, permissions: _permissions, ...rest } = meeting(EDITOR);
  return { ...rest, ...overrides };
}

function byUpcoming(upcoming: unknown[], past: unknown[]) {
  return (request: Request) =>
    json(200, page(new URL(request.url).searchParams.get('upcoming') === 'true' ? upcoming : past));
}

const TEMPLATES = [
  { id: 'custom-3', name: 'Our quarterly review', builtin: false, items: [] },
  {
    id: 'joint',
    name: 'Joint thematic working group meeting',
    builtin: true,
    items: [{ kind: 'welcome', title: 'Welcome remarks', planned_minutes: 15 }],
  },
];

describe('MeetingsPage', () => {
  test('lists upcoming meetings before past ones, with their status, and offers no scheduling to members', async () => {
    mockApi([
      {
        method: 'GET',
        path: LIST_URL,
        respond: byUpcoming([summary()], [summary({ id: 4, title: 'November meeting', status: 'closed' })]),
      },
    ]);
    renderWithProviders(<MeetingsPage />, ROUTE);

    const upcoming = await screen.findByRole('region', { name: 'Upcoming' });
    expect(within(upcoming).getByRole('link', { name: 'Joint working group meeting, December' })).toHaveAttribute(
      'href',
      '/w/necn/meetings/12',
    );
    expect(within(upcoming).getByText('Planned')).toBeInTheDocument();
    const past = screen.getByRole('region', { name: 'Past' });
    expect(within(past).getByRole('link', { name: 'November meeting' })).toBeInTheDocument();
    expect(within(past).getByText('Closed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Schedule a meeting' })).toBeNull();
  });

  test('with no meetings, explains that facilitators schedule them', async () => {
    mockApi([{ method: 'GET', path: LIST_URL, respond: json(200, page([])) }]);
    renderWithProviders(<MeetingsPage />, ROUTE);
    expect(await screen.findByRole('heading', { name: 'No meetings yet' })).toBeInTheDocument();
    expect(screen.getByText(/Facilitators schedule the network's meetings/)).toBeInTheDocument();
  });

  test('a facilitator schedules a meeting from the built-in template and lands on it', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: LIST_URL, respond: json(200, page([])) },
      {
        method: 'GET',
        path: '/api/workspaces/necn/groups/',
        respond: json(200, page([{ id: 7, name: 'Inclusive education' }, { id: 8, name: 'Gender' }])),
      },
      { method: 'GET', path: '/api/workspaces/necn/meeting-templates/', respond: json(200, TEMPLATES) },
      { method: 'POST', path: LIST_URL, respond: json(201, meeting(EDITOR, { id: 15 })) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<MeetingsPage canSchedule currentUserId={5} />, ROUTE);

    await screen.findByRole('heading', { name: 'No meetings yet' });
    await user.click(screen.getAllByRole('button', { name: 'Schedule a meeting' })[0]!);
    const dialog = screen.getByRole('dialog', { name: 'Schedule a meeting' });
    await user.type(within(dialog).getByLabelText(/^Title/), 'December meeting');
    fireEvent.change(within(dialog).getByLabelText(/^Date/), { target: { value: '2026-12-01' } });
    fireEvent.change(within(dialog).getByLabelText(/^Start time/), { target: { value: '09:00' } });
    expect(within(dialog).getByLabelText(/^Time zone/)).toHaveValue('Asia/Phnom_Penh');
    await user.type(within(dialog).getByLabelText(/^Venue/), 'CCC meeting room');
    await user.click(await within(dialog).findByRole('checkbox', { name: 'Inclusive education' }));
    await waitFor(() => expect(within(dialog).getByLabelText(/^Start from template/)).toHaveValue('joint'));
    await user.click(within(dialog).getByRole('button', { name: 'Schedule meeting' }));

    expect(await screen.findByText('Elsewhere')).toBeInTheDocument();
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({
      title: 'December meeting',
      date: '2026-12-01',
      start_time: '09:00:00',
      timezone: 'Asia/Phnom_Penh',
      venue: 'CCC meeting room',
      online_link: '',
      group_ids: [7],
      facilitator_ids: [5],
      template_id: 'joint',
    });
  });

  test('shows the server’s field errors when scheduling is refused', async () => {
    mockApi([
      { method: 'GET', path: LIST_URL, respond: json(200, page([])) },
      { method: 'GET', path: '/api/workspaces/necn/groups/', respond: json(200, page([])) },
      { method: 'GET', path: '/api/workspaces/necn/meeting-templates/', respond: json(200, TEMPLATES) },
      { method: 'POST', path: LIST_URL, respond: json(400, { date: ['This field is required.'] }) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<MeetingsPage canSchedule currentUserId={5} />, ROUTE);

    await user.click((await screen.findAllByRole('button', { name: 'Schedule a meeting' }))[0]!);
    const dialog = screen.getByRole('dialog', { name: 'Schedule a meeting' });
    await user.type(within(dialog).getByLabelText(/^Title/), 'December meeting');
    await user.click(within(dialog).getByRole('button', { name: 'Schedule meeting' }));

    expect(await within(dialog).findByText('This field is required.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Date/)).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('GroupMeetings', () => {
  test('lists the group’s meetings, or says there are none', async () => {
    const fetchSpy = mockApi([{ method: 'GET', path: LIST_URL, respond: json(200, page([summary()])) }]);
    renderWithProviders(<GroupMeetings groupId={7} />, { route: '/w/necn/groups/7', path: '/w/:slug/groups/:groupId' });
    expect(await screen.findByRole('link', { name: 'Joint working group meeting, December' })).toBeInTheDocument();
    expect(new URL(requestsOf(fetchSpy)[0]!.url).searchParams.get('group')).toBe('7');
  });
});
