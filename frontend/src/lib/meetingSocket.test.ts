import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { FakeWebSocket } from '../test/fakeSocket';
import { MeetingSocket } from './meetingSocket';

function makeSocket(onOpen = vi.fn(), onMessage = vi.fn()) {
  const socket = new MeetingSocket({
    url: 'ws://example.test/ws/meeting/12/',
    createSocket: (url) => new FakeWebSocket(url),
    backoff: (attempt) => 1_000 * 2 ** attempt,
    onOpen,
    onMessage,
  });
  return { socket, onOpen, onMessage };
}

describe('MeetingSocket', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('opens the meeting socket, delivers messages and pings every 20 seconds', () => {
    const { socket, onOpen, onMessage } = makeSocket();
    socket.start();
    const fake = FakeWebSocket.latest()!;
    expect(fake.url).toBe('ws://example.test/ws/meeting/12/');
    expect(socket.getStatus()).toBe('connecting');
    fake.open();
    expect(socket.getStatus()).toBe('open');
    expect(onOpen).toHaveBeenCalledTimes(1);

    fake.receive({ type: 'sessions_changed' });
    expect(onMessage).toHaveBeenCalledWith({ type: 'sessions_changed' });

    vi.advanceTimersByTime(19_999);
    expect(fake.sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fake.sent).toEqual([JSON.stringify({ type: 'ping' })]);
    vi.advanceTimersByTime(20_000);
    expect(fake.sent).toHaveLength(2);
  });

  test('reconnects with growing backoff, calls onOpen again and re-joins the room', () => {
    const { socket, onOpen } = makeSocket();
    socket.start();
    FakeWebSocket.latest()!.open();
    socket.joinRoom(31);
    expect(FakeWebSocket.latest()!.sent).toEqual([JSON.stringify({ type: 'join_room', session_id: 31 })]);

    FakeWebSocket.latest()!.serverClose(1006);
    expect(socket.getStatus()).toBe('reconnecting');
    vi.advanceTimersByTime(999);
    expect(FakeWebSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.instances).toHaveLength(2);

    // The second attempt fails too: the wait doubles.
    FakeWebSocket.latest()!.serverClose(1006);
    vi.advanceTimersByTime(1_999);
    expect(FakeWebSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.instances).toHaveLength(3);

    const third = FakeWebSocket.latest()!;
    third.open();
    expect(socket.getStatus()).toBe('open');
    // Presence is per connection: the new socket is told the room again, and the page refetches.
    expect(third.sent).toEqual([JSON.stringify({ type: 'join_room', session_id: 31 })]);
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  test('stops for good when the server says the meeting is not visible (4404)', () => {
    const { socket } = makeSocket();
    socket.start();
    FakeWebSocket.latest()!.open();
    FakeWebSocket.latest()!.serverClose(4404);
    expect(socket.getStatus()).toBe('not_found');
    vi.advanceTimersByTime(120_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    socket.reconnectNow();
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  test('stops and says so when the session is gone (4401)', () => {
    const { socket } = makeSocket();
    socket.start();
    FakeWebSocket.latest()!.serverClose(4401);
    expect(socket.getStatus()).toBe('unauthorized');
    vi.advanceTimersByTime(120_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  test('retries at once when the browser comes back online, and stop() closes without retrying', () => {
    const { socket } = makeSocket();
    socket.start();
    FakeWebSocket.latest()!.serverClose(1006);
    socket.reconnectNow();
    expect(FakeWebSocket.instances).toHaveLength(2);

    const current = FakeWebSocket.latest()!;
    socket.stop();
    expect(current.closed).toBe(true);
    expect(socket.getStatus()).toBe('idle');
    vi.advanceTimersByTime(120_000);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });
});
