import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { FakeWebSocket } from '../../../test/fakeSocket';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import {
  COMMANDS_URL,
  DARA,
  GROUP_WORK_SESSIONS,
  LIVE_ROUTE,
  LIVE_URL,
  SESSION_URL,
  SOPHEA,
  runState,
  session,
  snapshot,
  vote,
} from '../testData';
import { LivePage } from './LivePage';

const CONTROLLER = { control: true };

function groupWorkSnapshot(overrides = {}) {
  return snapshot({
    run_state: runState({ version: 9, current_item_id: 2, editing_open: true }),
    sessions: GROUP_WORK_SESSIONS,
    my_session_id: 31,
    presence: [
      { user: SOPHEA, session_id: 31 },
      { user: DARA, session_id: 31 },
    ],
    ...overrides,
  });
}

describe('LivePage for everyone', () => {
  test('a member sees the current item, its countdown, the agenda and who is present, but no console', async () => {
    mockApi([
      {
        method: 'GET',
        path: LIVE_URL,
        respond: json(
          200,
          snapshot({
            // 20 minutes into a 15-minute item, by the server's clock.
            run_state: runState({
              timer: { running: true, started_at: '2026-12-01T01:20:00Z', elapsed_seconds: 0, duration_seconds: 900 },
              spotlight: { kind: 'group', id: 7, label: 'Inclusive education' },
            }),
          }),
        ),
      },
    ]);
    renderWithProviders(<LivePage currentUserId={6} />, LIVE_ROUTE);

    expect(await screen.findByRole('heading', { level: 1, name: 'Joint working group meeting, December' })).toBeInTheDocument();
    const now = screen.getByRole('region', { name: 'Now' });
    expect(within(now).getByText('Welcome and introductions')).toBeInTheDocument();
    expect(within(now).getByText('Welcome remarks')).toBeInTheDocument();
    expect(within(now).getByRole('timer').textContent).toMatch(/^\+(04:59|05:0[0-2]) over$/);
    expect(within(now).getByText('Inclusive education')).toBeInTheDocument();
    expect(within(now).getByText('Editing is closed')).toBeInTheDocument();

    const agenda = screen.getByRole('list', { name: 'Agenda' });
    const current = within(agenda).getAllByRole('listitem').find((item) => item.getAttribute('aria-current') === 'step');
    expect(current).toHaveTextContent('Welcome and introductions');
    expect(screen.getByRole('heading', { name: 'Present (2)' })).toBeInTheDocument();
    expect(screen.getByText('Dara Sok')).toBeInTheDocument();

    expect(screen.queryByRole('heading', { name: 'Facilitator console' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Next item' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'End the meeting' })).toBeNull();

    expect(screen.getByText('Reconnecting…')).toBeInTheDocument();
    act(() => FakeWebSocket.latest()!.open());
    expect(screen.getByText('Connected')).toBeInTheDocument();
  });

  test('a run_state event moves everyone on without a reload', async () => {
    let current = snapshot();
    mockApi([{ method: 'GET', path: LIVE_URL, respond: () => json(200, current) }]);
    renderWithProviders(<LivePage />, LIVE_ROUTE);
    await screen.findByText('Editing is closed');
    act(() => FakeWebSocket.latest()!.open());

    const moved = runState({ version: 5, current_item_id: 3, editing_open: true });
    current = snapshot({ run_state: moved });
    act(() => FakeWebSocket.latest()!.receive({ type: 'run_state', server_time: '2026-12-01T01:41:00Z', run_state: moved }));
    const now = screen.getByRole('region', { name: 'Now' });
    expect(await within(now).findByText('Closing remarks')).toBeInTheDocument();
    expect(within(now).getByText('Editing is open')).toBeInTheDocument();

    // An event older than what is shown (delivered late) changes nothing.
    act(() =>
      FakeWebSocket.latest()!.receive({
        type: 'run_state',
        server_time: '2026-12-01T01:40:30Z',
        run_state: runState({ version: 4, current_item_id: 1 }),
      }),
    );
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(within(now).getByText('Closing remarks')).toBeInTheDocument();
    expect(within(now).queryByText('Welcome and introductions')).toBeNull();
  });

  test('stops and explains when the server closes the socket with 4404', async () => {
    mockApi([{ method: 'GET', path: LIVE_URL, respond: json(200, snapshot()) }]);
    renderWithProviders(<LivePage />, LIVE_ROUTE);
    await screen.findByText('Editing is closed');

    act(() => FakeWebSocket.latest()!.serverClose(4404));
    expect(screen.getByRole('heading', { name: 'This live meeting is not available' })).toBeInTheDocument();
    expect(FakeWebSocket.instances).toHaveLength(1);
  });
});

describe('Facilitator console', () => {
  test('sends commands and shows the server’s refusal', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: LIVE_URL, respond: json(200, snapshot({ permissions: CONTROLLER })) },
      { method: 'POST', path: COMMANDS_URL, respond: json(400, { detail: 'This meeting has ended' }) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<LivePage />, LIVE_ROUTE);

    const console = await screen.findByRole('region', { name: 'Facilitator console' });
    expect(within(console).getByRole('button', { name: 'Previous item' })).toBeDisabled();
    await user.click(within(console).getByRole('button', { name: 'Next item' }));

    expect(await within(console).findByRole('alert')).toHaveTextContent('This meeting has ended');
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({ action: 'next' });
  });

  test('starts a planned meeting and moves focus to “Next item”', async () => {
    const planned = snapshot({
      permissions: CONTROLLER,
      run_state: null,
      meeting: { id: 12, title: 'Joint working group meeting, December', status: 'planned', timezone: 'Asia/Phnom_Penh' },
    });
    const fetchSpy = mockApi([
      { method: 'GET', path: LIVE_URL, respond: json(200, planned) },
      { method: 'POST', path: COMMANDS_URL, respond: json(200, snapshot({ permissions: CONTROLLER })) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<LivePage />, LIVE_ROUTE);

    expect(await screen.findByText('The meeting has not started yet. Start it from the facilitator console below.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next item' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Start the meeting' }));

    await waitFor(() => expect(screen.getByRole('button', { name: 'Next item' })).toHaveFocus());
    expect(screen.queryByRole('button', { name: 'Start the meeting' })).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Now' })).getByText('Welcome and introductions')).toBeInTheDocument();
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({ action: 'start' });
  });

  test('ending asks first, and the refusal about undecided items shows in the dialog', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: LIVE_URL, respond: json(200, snapshot({ permissions: CONTROLLER })) },
      {
        method: 'POST',
        path: COMMANDS_URL,
        respond: json(400, { non_field_errors: ['Decide on the parking lot first: Inclusive education.'] }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<LivePage />, LIVE_ROUTE);

    await user.click(await screen.findByRole('button', { name: 'End the meeting' }));
    expect(requestsOf(fetchSpy).filter((request) => request.method === 'POST')).toHaveLength(0);
    const dialog = screen.getByRole('dialog', { name: 'End the meeting?' });
    await user.click(within(dialog).getByRole('button', { name: 'End the meeting' }));

    expect(await within(dialog).findByText('Decide on the parking lot first: Inclusive education.')).toBeInTheDocument();
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({ action: 'end' });
  });

  test('extends the timer by a custom amount and answers with the new state', async () => {
    const extended = snapshot({
      permissions: CONTROLLER,
      run_state: runState({ version: 5, timer: { running: false, started_at: null, elapsed_seconds: 0, duration_seconds: 1_620 } }),
    });
    const fetchSpy = mockApi([
      { method: 'GET', path: LIVE_URL, respond: json(200, snapshot({ permissions: CONTROLLER })) },
      { method: 'POST', path: COMMANDS_URL, respond: json(200, extended) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<LivePage />, LIVE_ROUTE);

    const minutes = await screen.findByLabelText('Extra minutes');
    await user.clear(minutes);
    await user.type(minutes, '12');
    await user.click(screen.getByRole('button', { name: 'Add time' }));

    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Now' })).getByRole('timer')).toHaveTextContent('27:00'));
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({ action: 'timer_extend', minutes: 12 });
  });
});

describe('Group work rooms', () => {
  test('a member lands in their group’s room with the step guide, without step controls', async () => {
    mockApi([
      { method: 'GET', path: LIVE_URL, respond: json(200, groupWorkSnapshot()) },
      { method: 'GET', path: SESSION_URL, respond: json(200, session()) },
    ]);
    renderWithProviders(<LivePage currentUserId={6} />, LIVE_ROUTE);

    const room = await screen.findByRole('article', { name: 'Room: Inclusive education' });
    expect(within(room).getByText('Facilitator: Sophea Lim')).toBeInTheDocument();
    const steps = within(room).getByRole('list', { name: 'Steps of the session' });
    expect(within(steps).getAllByRole('listitem')).toHaveLength(7);
    const current = within(steps)
      .getAllByRole('listitem')
      .find((item) => item.getAttribute('aria-current') === 'step');
    expect(current).toHaveTextContent('Root causes');
    expect(within(room).queryByRole('button', { name: 'Next step' })).toBeNull();
    expect(within(room).queryByRole('button', { name: 'Close the room' })).toBeNull();

    // The server hears which room the person is in.
    act(() => FakeWebSocket.latest()!.open());
    expect(FakeWebSocket.latest()!.sent).toContain(JSON.stringify({ type: 'join_room', session_id: 31 }));
  });

  test('the room that comes with the snapshot shows without asking for it again', async () => {
    const spy = mockApi([{ method: 'GET', path: LIVE_URL, respond: json(200, groupWorkSnapshot({ room: session() })) }]);
    renderWithProviders(<LivePage currentUserId={6} />, LIVE_ROUTE);

    const room = await screen.findByRole('article', { name: 'Room: Inclusive education' });
    expect(within(room).getByText('Facilitator: Sophea Lim')).toBeInTheDocument();
    expect(requestsOf(spy).filter((request) => request.url.includes('/sessions/'))).toHaveLength(0);
  });

  test('a refused dot shows the server’s message', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: LIVE_URL, respond: json(200, groupWorkSnapshot()) },
      { method: 'GET', path: SESSION_URL, respond: json(200, session({ votes: [vote()] })) },
      {
        method: 'POST',
        path: `${SESSION_URL}votes/51/dots/`,
        respond: json(400, { non_field_errors: ['You have used all your 3 dots'] }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<LivePage currentUserId={6} />, LIVE_ROUTE);

    const ballot = await screen.findByRole('group', { name: 'Which root cause matters most?' });
    expect(within(ballot).getByText('1 of 3 dots left')).toBeInTheDocument();
    expect(within(ballot).getByText('Results are shown when the vote closes.')).toBeInTheDocument();
    expect(within(ballot).queryByRole('list', { name: 'Results' })).toBeNull();
    await user.click(within(ballot).getByRole('button', { name: 'Place a dot on “Schools are far away”' }));

    expect(await within(ballot).findByRole('alert')).toHaveTextContent('You have used all your 3 dots');
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({ option_id: 62 });
  });

  test('placing and removing dots updates what is left', async () => {
    mockApi([
      { method: 'GET', path: LIVE_URL, respond: json(200, groupWorkSnapshot()) },
      { method: 'GET', path: SESSION_URL, respond: json(200, session({ votes: [vote()] })) },
      {
        method: 'DELETE',
        path: `${SESSION_URL}votes/51/dots/61/`,
        respond: json(
          200,
          vote({
            my_dots_used: 1,
            options: vote().options.map((option) => (option.id === 61 ? { ...option, my_dots: 1 } : option)),
          }),
        ),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<LivePage currentUserId={6} />, LIVE_ROUTE);

    const ballot = await screen.findByRole('group', { name: 'Which root cause matters most?' });
    expect(within(ballot).getByRole('button', { name: 'Remove a dot from “Schools are far away”' })).toBeDisabled();
    await user.click(within(ballot).getByRole('button', { name: 'Remove a dot from “Teachers lack training”' }));
    expect(await within(ballot).findByText('2 of 3 dots left')).toBeInTheDocument();
  });

  test('after the vote closes the totals show as bars with the top options marked', async () => {
    const closed = vote({
      status: 'closed',
      closed_at: '2026-12-01T01:45:00Z',
      results_visible: true,
      options: [
        { id: 61, position: 1, label: 'Teachers lack training', my_dots: 2, total: 9, top: true },
        { id: 62, position: 2, label: 'Schools are far away', my_dots: 0, total: 4, top: true },
        { id: 63, position: 3, label: 'No assistive devices', my_dots: 0, total: 0, top: false },
      ],
    });
    mockApi([
      { method: 'GET', path: LIVE_URL, respond: json(200, groupWorkSnapshot()) },
      { method: 'GET', path: SESSION_URL, respond: json(200, session({ votes: [closed] })) },
    ]);
    renderWithProviders(<LivePage currentUserId={6} />, LIVE_ROUTE);

    const results = await screen.findByRole('list', { name: 'Results' });
    const rows = within(results).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      'Teachers lack training Top9 dots',
      'Schools are far away Top4 dots',
      'No assistive devices0 dots',
    ]);
    expect(within(rows[2]!).queryByText('Top')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Place a dot/ })).toBeNull();
    expect(screen.queryByText('Results are shown when the vote closes.')).toBeNull();
  });

  test('a controller sees every room, step controls, and the refusal to close a room with undecided items', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: LIVE_URL, respond: json(200, groupWorkSnapshot({ permissions: CONTROLLER, my_session_id: null })) },
      {
        method: 'GET',
        path: SESSION_URL,
        respond: json(
          200,
          session({
            permissions: { control: true, participate: true },
            parking_lot: [
              {
                id: 71,
                text: 'Budget for sign-language interpreters',
                author: DARA,
                created_at: '2026-12-01T01:41:00Z',
                disposition: '',
                disposition_note: '',
                decided_by: null,
                decided_at: null,
              },
            ],
          }),
        ),
      },
      {
        method: 'POST',
        path: `${SESSION_URL}commands/`,
        respond: json(400, { non_field_errors: ['Decide on every parking-lot item before closing the room.'] }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<LivePage currentUserId={5} />, LIVE_ROUTE);

    const switcher = await screen.findByRole('list', { name: 'Rooms' });
    expect(within(switcher).getByRole('button', { name: /Inclusive education/ })).toHaveAttribute('aria-pressed', 'true');
    expect(within(switcher).getByRole('button', { name: /Out-of-school children/ })).toHaveAttribute('aria-pressed', 'false');
    expect(within(switcher).getByText('Sophea Lim, Dara Sok')).toBeInTheDocument();

    const room = await screen.findByRole('article', { name: 'Room: Inclusive education' });
    expect(within(room).getByText('1 undecided')).toBeInTheDocument();
    expect(within(room).getByText('Undecided')).toBeInTheDocument();
    await user.click(within(room).getByRole('button', { name: 'Close the room' }));

    expect(await within(room).findByText('Decide on every parking-lot item before closing the room.')).toBeInTheDocument();
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({ action: 'close' });
  });

  test('switching rooms shows the other room and tells the server where the person is', async () => {
    mockApi([
      { method: 'GET', path: LIVE_URL, respond: json(200, groupWorkSnapshot({ permissions: CONTROLLER, my_session_id: null })) },
      { method: 'GET', path: SESSION_URL, respond: json(200, session()) },
      {
        method: 'GET',
        path: '/api/workspaces/necn/meetings/12/sessions/32/',
        respond: json(200, session({ id: 32, group: { id: 8, name: 'Out-of-school children' }, facilitator: null, current_step: 'gaps' })),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<LivePage currentUserId={5} />, LIVE_ROUTE);

    await screen.findByRole('article', { name: 'Room: Inclusive education' });
    act(() => FakeWebSocket.latest()!.open());
    await user.click(screen.getByRole('button', { name: /Out-of-school children/ }));

    const room = await screen.findByRole('article', { name: 'Room: Out-of-school children' });
    expect(within(room).getByText('No facilitator assigned')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Out-of-school children/ })).toHaveAttribute('aria-pressed', 'true');
    expect(FakeWebSocket.latest()!.sent.slice(-2)).toEqual([
      JSON.stringify({ type: 'join_room', session_id: 31 }),
      JSON.stringify({ type: 'join_room', session_id: 32 }),
    ]);
  });
});
