import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { FakeWebSocket } from '../test/fakeSocket';
import { EventStream } from './events';

function makeStream() {
  return new EventStream({
    url: () => 'ws://example.test/ws/events/',
    createSocket: (url) => new FakeWebSocket(url),
    backoff: (attempt) => 1_000 * 2 ** attempt,
    idleCloseMs: 500,
    pingMs: 10_000,
  });
}

describe('EventStream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('opens one socket for its listeners and delivers events by type', () => {
    const stream = makeStream();
    const onNotification = vi.fn();
    const onJob = vi.fn();
    stream.subscribe('notification.created', onNotification);
    stream.subscribe('job.progress', onJob);
    expect(FakeWebSocket.instances).toHaveLength(1);
    const socket = FakeWebSocket.latest()!;
    socket.open();
    expect(stream.getStatus()).toBe('open');

    socket.receive({ type: 'notification.created', unread_count: 4 });
    socket.receive({ type: 'pong' });
    expect(onNotification).toHaveBeenCalledWith({ type: 'notification.created', unread_count: 4 });
    expect(onJob).not.toHaveBeenCalled();
  });

  test('reconnects with growing backoff after the connection drops', () => {
    const stream = makeStream();
    stream.subscribe('job.progress', vi.fn());
    FakeWebSocket.latest()!.serverClose(1006);
    expect(stream.getStatus()).toBe('reconnecting');

    vi.advanceTimersByTime(999);
    expect(FakeWebSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.instances).toHaveLength(2);

    FakeWebSocket.latest()!.serverClose(1006);
    vi.advanceTimersByTime(1_999);
    expect(FakeWebSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.instances).toHaveLength(3);

    // A successful connection resets the backoff.
    FakeWebSocket.latest()!.open();
    FakeWebSocket.latest()!.serverClose(1006);
    vi.advanceTimersByTime(1_000);
    expect(FakeWebSocket.instances).toHaveLength(4);
  });

  test('stops retrying when the server refuses for good (4401)', () => {
    const stream = makeStream();
    stream.subscribe('job.progress', vi.fn());
    FakeWebSocket.latest()!.serverClose(4401);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(stream.getStatus()).toBe('stopped');
  });

  test('pings while open and closes the socket when the last listener leaves', () => {
    const stream = makeStream();
    const stopA = stream.subscribe('job.progress', vi.fn());
    const stopB = stream.subscribe('notification.created', vi.fn());
    const socket = FakeWebSocket.latest()!;
    socket.open();
    vi.advanceTimersByTime(10_000);
    expect(socket.sent).toEqual([JSON.stringify({ type: 'ping' })]);

    stopA();
    vi.advanceTimersByTime(1_000);
    expect(socket.closed).toBe(false);
    stopB();
    vi.advanceTimersByTime(499);
    expect(socket.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(socket.closed).toBe(true);
    expect(stream.getStatus()).toBe('idle');
  });

  test('ignores malformed messages and keeps serving other listeners when one throws', () => {
    const stream = makeStream();
    const broken = vi.fn(() => {
      throw new Error('listener bug');
    });
    const healthy = vi.fn();
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    stream.subscribe('notification.created', broken);
    stream.subscribe('notification.created', healthy);
    const socket = FakeWebSocket.latest()!;
    socket.onmessage?.(new MessageEvent('message', { data: 'not json' }));
    socket.receive({ type: 'notification.created', unread_count: 1 });
    expect(healthy).toHaveBeenCalledTimes(1);
    expect(consoleError).toHaveBeenCalled();
  });
});
