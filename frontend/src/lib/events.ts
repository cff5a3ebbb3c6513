/**
 * The only owner of the events websocket (/ws/events/). Components subscribe
 * with useEvent(); the socket opens while anyone listens, reconnects with
 * exponential backoff (and at once when the browser comes back online), and
 * closes when the last listener leaves.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { ApiData } from './api';

export type JobEventPayload = ApiData<'/api/workspaces/{slug}/jobs/{job_id}/', 'get'>;

export type ServerEvent =
  | { type: 'job.progress'; job: JobEventPayload }
  | { type: 'notification.created'; unread_count: number };

export type ServerEventType = ServerEvent['type'];
export type EventOf<T extends ServerEventType> = Extract<ServerEvent, { type: T }>;
export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'stopped';

export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(code?: number, reason?: string): void;
  send(data: string): void;
}

export interface EventStreamOptions {
  url: () => string;
  createSocket: (url: string) => SocketLike;
  /** Backoff before reconnect attempt n (0-based). */
  backoff?: (attempt: number) => number;
  /** How long to keep the socket after the last listener leaves (route changes re-subscribe). */
  idleCloseMs?: number;
  /** Ping interval, so proxies do not close a quiet connection. */
  pingMs?: number;
}

export function defaultBackoff(attempt: number): number {
  const base = Math.min(30_000, 1_000 * 2 ** attempt);
  // Jitter so a whole meeting room does not reconnect in the same instant.
  return Math.round(base * (0.5 + Math.random() * 0.5));
}

type AnyHandler = (event: ServerEvent) => void;

export class EventStream {
  private socket: SocketLike | null = null;
  private readonly handlers = new Map<ServerEventType, Set<AnyHandler>>();
  private listenerCount = 0;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private status: ConnectionStatus = 'idle';
  private readonly statusListeners = new Set<() => void>();
  private readonly options: Required<EventStreamOptions>;

  constructor(options: EventStreamOptions) {
    this.options = { backoff: defaultBackoff, idleCloseMs: 2_000, pingMs: 25_000, ...options };
  }

  getStatus = (): ConnectionStatus => this.status;

  onStatusChange = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  subscribe<T extends ServerEventType>(type: T, handler: (event: EventOf<T>) => void): () => void {
    const set = this.handlers.get(type) ?? new Set<AnyHandler>();
    const wrapped = handler as unknown as AnyHandler;
    set.add(wrapped);
    this.handlers.set(type, set);
    this.listenerCount += 1;
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    if (this.status === 'idle' || this.status === 'stopped') {
      this.attempt = 0;
      this.connect();
    }
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      set.delete(wrapped);
      this.listenerCount -= 1;
      if (this.listenerCount === 0) {
        this.idleTimer = setTimeout(() => this.disconnect(), this.options.idleCloseMs);
      }
    };
  }

  /**
   * Drop the current connection and, if anyone still listens, open a new one.
   * Called when the session changes: the socket authenticates with the cookie
   * it was opened with, so a new person needs a new socket.
   */
  reset(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.disconnect();
    if (this.listenerCount > 0) {
      this.attempt = 0;
      this.connect();
    }
  }

  /** Try now instead of waiting for the backoff (e.g. the browser went back online). */
  reconnectNow(): void {
    if (this.status !== 'reconnecting') return;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.connect();
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }

  private connect(): void {
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setStatus('open');
      this.stopPing();
      this.pingTimer = setInterval(() => {
        try {
          socket.send(JSON.stringify({ type: 'ping' }));
        } catch {
          /* the close handler deals with a dead socket */
        }
      }, this.options.pingMs);
    };
    socket.onmessage = (message) => this.dispatch(message.data);
    socket.onerror = () => {
      /* a close event follows; reconnection is handled there */
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.stopPing();
      if (this.listenerCount === 0) {
        this.setStatus('idle');
      } else if (event.code >= 4400 && event.code < 4500) {
        // The server refused us for good (not logged in, no access): retrying cannot help.
        this.setStatus('stopped');
      } else {
        this.scheduleReconnect();
      }
    };
  }

  private scheduleReconnect(): void {
    this.setStatus('reconnecting');
    const delay = this.options.backoff(this.attempt);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.listenerCount > 0) this.connect();
      else this.setStatus('idle');
    }, delay);
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private disconnect(): void {
    this.idleTimer = null;
    this.stopPing();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000);
    }
    this.setStatus('idle');
  }

  private dispatch(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let event: ServerEvent;
    try {
      event = JSON.parse(raw) as ServerEvent;
    } catch {
      return;
    }
    if (!event || typeof event !== 'object' || typeof event.type !== 'string') return;
    const set = this.handlers.get(event.type);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(event);
      } catch (error) {
        // One broken listener must not starve the others.
        console.error(error);
      }
    }
  }
}

function eventsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws/events/`;
}

export const events = new EventStream({
  url: eventsUrl,
  createSocket: (url) => new WebSocket(url),
});

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => events.reconnectNow());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') events.reconnectNow();
  });
}

/** Calls `handler` for every server event of `type` while the component is mounted. */
export function useEvent<T extends ServerEventType>(
  type: T,
  handler: (event: EventOf<T>) => void,
  stream: EventStream = events,
): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => stream.subscribe(type, (event) => latest.current(event)), [type, stream]);
}

/** The socket's state, for a "live updates paused" hint. */
export function useConnectionStatus(stream: EventStream = events): ConnectionStatus {
  return useSyncExternalStore(stream.onStatusChange, stream.getStatus, stream.getStatus);
}
