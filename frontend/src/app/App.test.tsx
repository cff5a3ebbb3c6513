import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, test } from 'vitest';
import { FakeWebSocket } from '../test/fakeSocket';
import { json, mockApi } from '../test/http';
import { createTestQueryClient } from '../test/render';
import { dashboardEntry } from '../features/advocacy/review/testData';
import { AppContent } from './App';
import { Providers } from './providers';

const workspaces = [
  { slug: 'necn', name: 'Education Network', role: 'admin' },
  { slug: 'ecd', name: 'Early Childhood Forum', role: 'member' },
];

function me(overrides: Record<string, unknown> = {}) {
  return { id: 1, email: 'sophea@example.org', display_name: 'Sophea', preferred_language: 'en', workspaces, ...overrides };
}

const emptyDashboard = (slug: string, role: string) => ({
  workspace: { slug, name: slug === 'necn' ? 'Education Network' : 'Early Childhood Forum', role },
  my_groups: [],
  upcoming_meetings: [],
  awaiting_me: [],
});

function signedIn(person = me(), extra: Parameters<typeof mockApi>[0] = []) {
  // The extra routes come first, so a test can override a default one.
  return mockApi([
    ...extra,
    { method: 'GET', path: '/api/auth/me/', respond: json(200, person) },
    { method: 'GET', path: '/api/notifications/unread-count/', respond: json(200, { count: 3 }) },
    { method: 'GET', path: '/api/workspaces/necn/dashboard/', respond: json(200, emptyDashboard('necn', 'admin')) },
    { method: 'GET', path: '/api/workspaces/ecd/dashboard/', respond: json(200, emptyDashboard('ecd', 'member')) },
  ]);
}

function renderApp(route: string) {
  return render(
    <Providers queryClient={createTestQueryClient()}>
      <MemoryRouter initialEntries={[route]}>
        <AppContent />
      </MemoryRouter>
    </Providers>,
  );
}

describe('the app shell and routing', () => {
  test('sends a signed-out visitor to the sign-in page', async () => {
    mockApi([{ method: 'GET', path: '/api/auth/me/', respond: json(401, { detail: 'Not signed in.' }) }]);
    renderApp('/w/necn/admin/people');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Forgot password?' })).toHaveAttribute('href', '/forgot-password');
  });

  test('opens the first workspace with the admin navigation, switcher and unread count', async () => {
    signedIn();
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();

    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const name of ['Dashboard', 'Working groups', 'People', 'Organisations', 'Import', 'Audit log']) {
      expect(within(nav).getByRole('link', { name })).toBeInTheDocument();
    }
    expect(within(nav).getByRole('link', { name: 'People' })).toHaveAttribute('href', '/w/necn/admin/people');

    const switcher = screen.getByTestId('workspace-switcher');
    expect(switcher).toHaveValue('necn');
    expect(within(switcher).getAllByRole('option')).toHaveLength(2);

    const bell = await screen.findByRole('button', { name: '3 unread notifications' });
    expect(within(bell).getByTestId('unread-count')).toHaveTextContent('3');

    // Every empty state says what to do next.
    expect(await screen.findByText('Nothing is waiting for you')).toBeInTheDocument();
    expect(screen.getByText(/Facilitators schedule the network's meetings/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse working groups' })).toHaveAttribute('href', '/w/necn/groups');
  });

  test('updates the unread count when the server pushes a notification', async () => {
    signedIn();
    renderApp('/w/necn/');
    await screen.findByRole('button', { name: '3 unread notifications' });
    const socket = await waitFor(() => {
      expect(FakeWebSocket.latest()).toBeDefined();
      return FakeWebSocket.latest()!;
    });
    act(() => socket.open());
    act(() => socket.receive({ type: 'notification.created', unread_count: 4 }));
    expect(await screen.findByRole('button', { name: '4 unread notifications' })).toBeInTheDocument();
    expect(screen.getByTestId('unread-count')).toHaveTextContent('4');
  });

  test('refreshes the person’s roles when a notification arrives (e.g. a demotion)', async () => {
    let demoted = false;
    signedIn(me(), [
      {
        method: 'GET',
        path: '/api/auth/me/',
        respond: () =>
          json(200, demoted ? me({ workspaces: [{ slug: 'necn', name: 'Education Network', role: 'member' }] }) : me()),
      },
    ]);
    renderApp('/w/necn/');
    await screen.findByRole('button', { name: '3 unread notifications' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'People' })).toBeInTheDocument();
    const socket = await waitFor(() => {
      expect(FakeWebSocket.latest()).toBeDefined();
      return FakeWebSocket.latest()!;
    });
    act(() => socket.open());

    demoted = true;
    act(() => socket.receive({ type: 'notification.created', unread_count: 4 }));

    await waitFor(() => expect(within(nav).queryByRole('link', { name: 'People' })).toBeNull());
  });

  test('a notification refreshes the review dashboard (every workflow step notifies those concerned)', async () => {
    let submitted = false;
    const entry = dashboardEntry();
    const awaiting = () => ({
      queue: 'awaiting_me',
      counts: { awaiting_me: submitted ? 1 : 0, in_review: submitted ? 1 : 0, overdue: 0, decided: 0 },
      review_days: 14,
      approvals_required: 1,
      can_review: true,
      count: submitted ? 1 : 0,
      next: null,
      previous: null,
      results: submitted ? [entry] : [],
    });
    signedIn(me({ workspaces: [{ slug: 'necn', name: 'Education Network', role: 'executive' }] }), [
      { method: 'GET', path: '/api/workspaces/necn/review-dashboard/', respond: () => json(200, awaiting()) },
      { method: 'GET', path: '/api/workspaces/necn/groups/', respond: json(200, { count: 0, next: null, previous: null, results: [] }) },
    ]);
    renderApp('/w/necn/reviews');
    expect(await screen.findByRole('heading', { name: 'Nothing awaits your review' })).toBeInTheDocument();
    const socket = await waitFor(() => {
      expect(FakeWebSocket.latest()).toBeDefined();
      return FakeWebSocket.latest()!;
    });
    act(() => socket.open());

    submitted = true;
    act(() => socket.receive({ type: 'notification.created', unread_count: 4 }));

    expect(await screen.findByRole('link', { name: 'Inclusive schools' })).toHaveAttribute('href', '/w/necn/agendas/11/submissions/1');
  });

  test('switches workspace from the header', async () => {
    signedIn();
    const user = userEvent.setup();
    renderApp('/w/necn/');
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    await user.selectOptions(screen.getByTestId('workspace-switcher'), 'ecd');
    expect(await screen.findByText('Early Childhood Forum', { selector: '.page-description' })).toBeInTheDocument();
    // Not an admin there: no administration links.
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'People' })).toBeNull();
  });

  test('tells a non-admin that administration is not for them', async () => {
    signedIn(me({ workspaces: [{ slug: 'ecd', name: 'Early Childhood Forum', role: 'member' }] }));
    renderApp('/w/ecd/admin/people');
    expect(await screen.findByRole('heading', { name: 'You do not have access' })).toBeInTheDocument();
    expect(screen.queryByTestId('workspace-switcher')).toBeNull();
  });

  test('explains what to do to someone in no workspace', async () => {
    signedIn(me({ workspaces: [] }));
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'You are not in any workspace yet' })).toBeInTheDocument();
    expect(screen.getByText(/Ask your network's coordinator/)).toBeInTheDocument();
  });

  test('shows a not-found page for unknown paths and unknown workspaces', async () => {
    signedIn();
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });

  test('treats a workspace the person is not in as not found', async () => {
    signedIn();
    renderApp('/w/other-network/');
    expect(await screen.findByRole('heading', { name: 'We could not find this page' })).toBeInTheDocument();
  });

  test('returns to the sign-in page when the session ends', async () => {
    signedIn(me(), [
      { method: 'GET', path: '/api/workspaces/necn/groups/', respond: json(401, { detail: 'Session expired.' }) },
    ]);
    renderApp('/w/necn/groups');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });
});
