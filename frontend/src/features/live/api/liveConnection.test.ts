import { QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { FakeWebSocket } from '../../../test/fakeSocket';
import { json, mockApi, requestsOf } from '../../../test/http';
import { createTestQueryClient } from '../../../test/render';
import { DARA, LIVE_URL, SESSION_URL, SOPHEA, runState, session, snapshot } from '../testData';
import { fetchLive, fetchSession, liveKeys, type Clocked, type LiveSnapshot, type SessionDetail } from './live';
import { LiveConnection } from './liveConnection';

const SNAPSHOT_KEY = liveKeys.snapshot('necn', 12);
const SESSION_KEY = liveKeys.session('necn', 12, 31);

async function setUp() {
  const fetchSpy = mockApi([
    { method: 'GET', path: LIVE_URL, respond: () => json(200, snapshot()) },
    { method: 'GET', path: SESSION_URL, respond: () => json(200, session()) },
  ]);
  const queryClient = createTestQueryClient();
  // Observers make the queries active, as the page does: invalidation then refetches them.
  const observers = [
    new QueryObserver(queryClient, { queryKey: SNAPSHOT_KEY, queryFn: () => fetchLive('necn', 12), staleTime: Infinity }),
    new QueryObserver(queryClient, { queryKey: SESSION_KEY, queryFn: () => fetchSession('necn', 12, 31), staleTime: Infinity }),
  ];
  const unsubscribes = observers.map((observer) => observer.subscribe(() => undefined));
  await vi.waitFor(() => expect(queryClient.getQueryData(SESSION_KEY)).toBeDefined());
  await vi.waitFor(() => expect(queryClient.getQueryData(SNAPSHOT_KEY)).toBeDefined());
  const connection = new LiveConnection({
    slug: 'necn',
    meetingId: 12,
    queryClient,
    url: 'ws://example.test/ws/meeting/12/',
    createSocket: (url) => new FakeWebSocket(url),
    backoff: () => 1_000,
  });
  const calls = (path: string) => requestsOf(fetchSpy).filter((request) => new URL(request.url).pathname === path).length;
  return { queryClient, connection, calls, cleanup: () => unsubscribes.forEach((unsubscribe) => unsubscribe()) };
}

function shown(queryClient: ReturnType<typeof createTestQueryClient>) {
  return queryClient.getQueryData<Clocked<LiveSnapshot>>(SNAPSHOT_KEY)!;
}

describe('LiveConnection', () => {
  let cleanup = () => undefined as void;
  beforeEach(() => {
    cleanup = () => undefined;
  });
  afterEach(() => cleanup());

  test('applies run_state events only when their version is newer than the one shown', async () => {
    const env = await setUp();
    cleanup = env.cleanup;
    env.connection.socket.start();
    const socket = FakeWebSocket.latest()!;
    socket.open();
    await vi.waitFor(() => expect(env.queryClient.isFetching()).toBe(0));

    // Version 4 is shown. An older event (delivered late) changes nothing.
    socket.receive({ type: 'run_state', server_time: '2026-12-01T01:41:00Z', run_state: runState({ version: 3, editing_open: true }) });
    expect(shown(env.queryClient).run_state!.editing_open).toBe(false);
    socket.receive({ type: 'run_state', server_time: '2026-12-01T01:41:00Z', run_state: runState({ version: 4, editing_open: true }) });
    expect(shown(env.queryClient).run_state!.editing_open).toBe(false);

    socket.receive({
      type: 'run_state',
      server_time: '2026-12-01T01:42:00Z',
      run_state: runState({ version: 5, editing_open: true, spotlight: { kind: 'group', id: 7, label: 'Inclusive education' } }),
    });
    expect(shown(env.queryClient).run_state).toMatchObject({ version: 5, editing_open: true, spotlight: { label: 'Inclusive education' } });

    // Out of order: 7 arrives before 6; 6 must not undo 7.
    socket.receive({ type: 'run_state', server_time: '2026-12-01T01:43:00Z', run_state: runState({ version: 7, editing_open: false }) });
    socket.receive({ type: 'run_state', server_time: '2026-12-01T01:42:30Z', run_state: runState({ version: 6, editing_open: true }) });
    expect(shown(env.queryClient).run_state).toMatchObject({ version: 7, editing_open: false });
    env.connection.socket.stop();
  });

  test('refetches the snapshot and the open session on every (re)connect', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const env = await setUp();
    cleanup = env.cleanup;
    expect(env.calls(LIVE_URL)).toBe(1);
    expect(env.calls(SESSION_URL)).toBe(1);

    env.connection.socket.start();
    FakeWebSocket.latest()!.open();
    await vi.waitFor(() => expect(env.calls(LIVE_URL)).toBe(2));
    await vi.waitFor(() => expect(env.calls(SESSION_URL)).toBe(2));

    FakeWebSocket.latest()!.serverClose(1006);
    vi.advanceTimersByTime(1_000);
    expect(FakeWebSocket.instances).toHaveLength(2);
    FakeWebSocket.latest()!.open();
    await vi.waitFor(() => expect(env.calls(LIVE_URL)).toBe(3));
    await vi.waitFor(() => expect(env.calls(SESSION_URL)).toBe(3));
    env.connection.socket.stop();
  });

  test('refetches when a command opened or closed rooms and on a newer session event, replaces presence', async () => {
    const env = await setUp();
    cleanup = env.cleanup;
    env.connection.socket.start();
    const socket = FakeWebSocket.latest()!;
    socket.open();
    await vi.waitFor(() => expect(env.calls(SESSION_URL)).toBe(2));
    await vi.waitFor(() => expect(env.queryClient.isFetching()).toBe(0));

    // Same item, no rooms opened or closed: the event alone is enough.
    socket.receive({ type: 'run_state', server_time: '2026-12-01T01:41:00Z', run_state: runState({ version: 40 }), sessions_changed: false });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(env.calls(LIVE_URL)).toBe(2);
    socket.receive({ type: 'run_state', server_time: '2026-12-01T01:41:01Z', run_state: runState({ version: 41 }), sessions_changed: true });
    await vi.waitFor(() => expect(env.calls(LIVE_URL)).toBe(3));

    // The cached session is version 3: an event about version 3 is already shown.
    socket.receive({ type: 'session', session_id: 31, version: 3 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(env.calls(SESSION_URL)).toBe(2);
    socket.receive({ type: 'session', session_id: 31, version: 4 });
    await vi.waitFor(() => expect(env.calls(SESSION_URL)).toBe(3));

    socket.receive({ type: 'presence', presence: [{ user: SOPHEA, session_id: 31 }, { user: SOPHEA, session_id: null }] });
    expect(shown(env.queryClient).presence).toEqual([
      { user: SOPHEA, session_id: 31 },
      { user: SOPHEA, session_id: null },
    ]);
    expect(env.queryClient.getQueryData<Clocked<SessionDetail>>(SESSION_KEY)!.presence).toEqual([SOPHEA]);
    expect(shown(env.queryClient).presence.map((entry) => entry.user)).not.toContainEqual(DARA);
    env.connection.socket.stop();
  });

  test('a refused socket message is kept for the page to show', async () => {
    const env = await setUp();
    cleanup = env.cleanup;
    env.connection.socket.start();
    FakeWebSocket.latest()!.open();
    FakeWebSocket.latest()!.receive({ type: 'error', code: 'not_found', message: 'Not found.' });
    expect(env.connection.getError()).toEqual({ code: 'not_found', message: 'Not found.' });
    env.connection.clearError();
    expect(env.connection.getError()).toBeNull();
    env.connection.socket.stop();
  });
});
