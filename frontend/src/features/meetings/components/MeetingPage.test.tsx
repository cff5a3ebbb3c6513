import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { MeetingPage } from './MeetingPage';
import { ATTENDANCE_URL, EDITOR, ITEMS, MEETING_URL, READER, attendance, meeting } from './testData';

const ROUTE = { route: '/w/necn/meetings/12', path: '/w/:slug/meetings/:meetingId' };

describe('MeetingPage', () => {
  test('shows the meeting in its own time zone with its agenda and download links', async () => {
    mockApi([
      { method: 'GET', path: MEETING_URL, respond: json(200, meeting(READER)) },
      { method: 'GET', path: ATTENDANCE_URL, respond: json(200, attendance()) },
    ]);
    renderWithProviders(<MeetingPage currentUserId={6} />, ROUTE);

    expect(await screen.findByRole('heading', { level: 1, name: 'Joint working group meeting, December' })).toBeInTheDocument();
    expect(screen.getByText('Tuesday, 1 December 2026, 08:30–10:00 (Asia/Phnom_Penh)')).toBeInTheDocument();
    const agenda = screen.getByRole('list', { name: 'Agenda' });
    const items = within(agenda).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('heading').textContent)).toEqual([
      'Welcome and introductions',
      'Plenary session',
      'Closing',
    ]);
    expect(within(items[1]!).getByText('08:45')).toBeInTheDocument();
    expect(within(items[1]!).getByText('Plenary')).toBeInTheDocument();
    expect(within(items[1]!).getByText('60 minutes')).toBeInTheDocument();
    expect(within(items[1]!).getByText('Presenter: Sophea Lim')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add to calendar (.ics)' })).toHaveAttribute(
      'href',
      '/api/workspaces/necn/meetings/12/calendar.ics',
    );
    expect(await screen.findByRole('link', { name: 'Download attendance (CSV)' })).toHaveAttribute(
      'href',
      '/api/workspaces/necn/meetings/12/attendance.csv',
    );
  });

  test('the read-only agenda has no editing controls', async () => {
    mockApi([
      { method: 'GET', path: MEETING_URL, respond: json(200, meeting(READER)) },
      { method: 'GET', path: ATTENDANCE_URL, respond: json(200, attendance()) },
    ]);
    renderWithProviders(<MeetingPage currentUserId={6} />, ROUTE);

    await screen.findByRole('list', { name: 'Agenda' });
    expect(screen.queryByRole('button', { name: 'Add an agenda item' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Move/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save as template' })).toBeNull();
    expect(screen.getByRole('list', { name: 'Agenda' }).querySelector('[draggable="true"]')).toBeNull();
  });

  test('moves an item up with the keyboard, keeps focus on it, announces it and shows the new planned end', async () => {
    const reordered = meeting(EDITOR, {
      planned_end: '2026-12-01T03:15:00Z',
      items: [
        { ...ITEMS.plenary, position: 1, starts_at: '2026-12-01T01:30:00Z' },
        { ...ITEMS.welcome, position: 2, starts_at: '2026-12-01T02:30:00Z' },
        ITEMS.closing,
      ],
    });
    const fetchSpy = mockApi([
      { method: 'GET', path: MEETING_URL, respond: json(200, meeting(EDITOR)) },
      { method: 'GET', path: ATTENDANCE_URL, respond: json(200, attendance()) },
      { method: 'POST', path: `${MEETING_URL}items/reorder/`, respond: json(200, reordered) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<MeetingPage currentUserId={5} />, ROUTE);

    const moveUp = await screen.findByRole('button', { name: 'Move “Plenary session” up' });
    moveUp.focus();
    await user.keyboard('{Enter}');

    await waitFor(() =>
      expect(screen.getByText('Tuesday, 1 December 2026, 08:30–10:15 (Asia/Phnom_Penh)')).toBeInTheDocument(),
    );
    const post = requestsOf(fetchSpy).find((request) => request.url.endsWith('/items/reorder/'))!;
    expect(await post.json()).toEqual({ item_ids: [2, 1, 3] });
    const titles = within(screen.getByRole('list', { name: 'Agenda' }))
      .getAllByRole('heading')
      .map((heading) => heading.textContent);
    expect(titles).toEqual(['Plenary session', 'Welcome and introductions', 'Closing']);
    // At the top "up" no longer applies: focus moves to the same item's "down" button.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Move “Plenary session” down' })).toHaveFocus());
    expect(screen.getByText('“Plenary session” moved to position 1 of 3.')).toBeInTheDocument();
  });

  test('shows the server’s message when the duration is refused', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: MEETING_URL, respond: json(200, meeting(EDITOR)) },
      { method: 'GET', path: ATTENDANCE_URL, respond: json(200, attendance()) },
      {
        method: 'POST',
        path: `${MEETING_URL}items/`,
        respond: json(400, { planned_minutes: ['Ensure this value is less than or equal to 600.'] }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<MeetingPage currentUserId={5} />, ROUTE);

    await user.click(await screen.findByRole('button', { name: 'Add an agenda item' }));
    const dialog = screen.getByRole('dialog', { name: 'Add an agenda item' });
    await user.type(within(dialog).getByLabelText(/^Title/), 'Field visit report');
    const minutes = within(dialog).getByLabelText(/^Minutes/);
    await user.clear(minutes);
    await user.type(minutes, '700');
    await user.click(within(dialog).getByRole('button', { name: 'Add item' }));

    expect(await within(dialog).findByText('Ensure this value is less than or equal to 600.')).toBeInTheDocument();
    expect(minutes).toHaveAttribute('aria-invalid', 'true');
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toMatchObject({ kind: 'discussion', title: 'Field visit report', planned_minutes: 700 });
  });
});

describe('Attendance', () => {
  test('a participant checks themselves in', async () => {
    let checkedIn: Record<number, string | null> = {};
    const fetchSpy = mockApi([
      { method: 'GET', path: MEETING_URL, respond: json(200, meeting(READER)) },
      { method: 'GET', path: ATTENDANCE_URL, respond: () => json(200, attendance(checkedIn)) },
      {
        method: 'POST',
        path: ATTENDANCE_URL,
        respond: () => {
          checkedIn = { 6: '2026-12-01T01:40:00Z' };
          return json(201, { user_id: 6, checked_in_at: '2026-12-01T01:40:00Z' });
        },
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<MeetingPage currentUserId={6} />, ROUTE);

    await user.click(await screen.findByRole('button', { name: 'Check me in' }));

    expect(await screen.findByText('You checked in at 08:40.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Check me in' })).toBeNull();
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({ user_id: 6 });
    // Others' check-in is not offered without the permission.
    expect(screen.queryByRole('button', { name: /^Check in/ })).toBeNull();
    const byGroup = screen.getByRole('table', { name: 'Present per working group' });
    expect(within(byGroup).getByText('1 / 2')).toBeInTheDocument();
  });

  test('a facilitator checks others in and undoes it', async () => {
    let checkedIn: Record<number, string | null> = { 5: '2026-12-01T01:35:00Z' };
    const fetchSpy = mockApi([
      { method: 'GET', path: MEETING_URL, respond: json(200, meeting(EDITOR)) },
      { method: 'GET', path: ATTENDANCE_URL, respond: () => json(200, attendance(checkedIn)) },
      {
        method: 'POST',
        path: ATTENDANCE_URL,
        respond: () => {
          checkedIn = { ...checkedIn, 6: '2026-12-01T01:50:00Z' };
          return json(201, {});
        },
      },
      {
        method: 'DELETE',
        path: `${ATTENDANCE_URL}5/`,
        respond: () => {
          checkedIn = { ...checkedIn, 5: null };
          return json(204);
        },
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<MeetingPage currentUserId={5} />, ROUTE);

    await user.click(await screen.findByRole('button', { name: 'Check in Dara Sok' }));
    expect(await screen.findByText('Checked in at 08:50')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Undo check-in Sophea Lim' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Check me in' })).toBeInTheDocument());

    const calls = requestsOf(fetchSpy).filter((request) => request.method !== 'GET');
    expect(calls.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      `POST ${ATTENDANCE_URL}`,
      `DELETE ${ATTENDANCE_URL}5/`,
    ]);
    expect(await calls[0]!.json()).toEqual({ user_id: 6 });
    const byOrganisation = screen.getByRole('table', { name: 'Present per organisation' });
    expect(within(byOrganisation).getByText('No organisation')).toBeInTheDocument();
  });
});

describe('The live meeting', () => {
  test('everyone is offered the live meeting while it is in progress', async () => {
    mockApi([
      { method: 'GET', path: MEETING_URL, respond: json(200, meeting(READER, { status: 'live' })) },
      { method: 'GET', path: ATTENDANCE_URL, respond: json(200, attendance()) },
    ]);
    renderWithProviders(<MeetingPage currentUserId={6} />, ROUTE);

    expect(await screen.findByRole('link', { name: 'Open the live meeting' })).toHaveAttribute(
      'href',
      '/w/necn/meetings/12/live',
    );
    expect(screen.queryByRole('button', { name: 'Start the meeting' })).toBeNull();
  });

  test('a planned meeting can be started only by those who run it', async () => {
    mockApi([
      { method: 'GET', path: MEETING_URL, respond: json(200, meeting(READER)) },
      { method: 'GET', path: ATTENDANCE_URL, respond: json(200, attendance()) },
    ]);
    renderWithProviders(<MeetingPage currentUserId={6} />, ROUTE);

    await screen.findByRole('list', { name: 'Agenda' });
    expect(screen.queryByRole('button', { name: 'Start the meeting' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Open the live meeting' })).toBeNull();
  });

  test('a facilitator starts the meeting and goes to the live page', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: MEETING_URL, respond: json(200, meeting(EDITOR)) },
      { method: 'GET', path: ATTENDANCE_URL, respond: json(200, attendance()) },
      { method: 'POST', path: `${MEETING_URL}live/commands/`, respond: json(200, {}) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<MeetingPage currentUserId={5} />, ROUTE);

    await user.click(await screen.findByRole('button', { name: 'Start the meeting' }));

    expect(await screen.findByText('Elsewhere')).toBeInTheDocument();
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(new URL(post.url).pathname).toBe('/api/workspaces/necn/meetings/12/live/commands/');
    expect(post.headers.get('X-CSRFToken')).toBe('test-csrf-token');
    expect(await post.json()).toEqual({ action: 'start' });
  });

  test('a refused start shows the server’s message and stays on the page', async () => {
    mockApi([
      { method: 'GET', path: MEETING_URL, respond: json(200, meeting(EDITOR)) },
      { method: 'GET', path: ATTENDANCE_URL, respond: json(200, attendance()) },
      { method: 'POST', path: `${MEETING_URL}live/commands/`, respond: json(400, { detail: 'This meeting has ended' }) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<MeetingPage currentUserId={5} />, ROUTE);

    await user.click(await screen.findByRole('button', { name: 'Start the meeting' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('This meeting has ended');
    expect(screen.queryByText('Elsewhere')).toBeNull();
  });
});
