/**
 * The transport of a live meeting (/ws/meeting/<id>/): one JSON socket per
 * open meeting page, owned here so components never touch sockets. Same
 * habits as the events stream (lib/events.ts): exponential backoff with
 * jitter, a ping so proxies keep a quiet connection, an immediate retry when
 * the browser comes back online, and no retry once the server refused us.
 */
import { defaultBackoff, type SocketLike } from './events';

export type MeetingSocketStatus =
  | 'idle'
  | 'connecting'
  | 'open'
  | 'reconnecting'
  /** Closed 4401: the session is gone. */
  | 'unauthorized'
  /** Closed 4404: the meeting does not exist or is not visible to this person. */
  | 'not_found';

export interface MeetingSocketOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  backoff?: (attempt: number) => number;
  pingMs?: number;
  /** Every parsed message from the server. */
  onMessage: (message: { type: string } & Record<string, unknown>) => void;
  /** Each successful (re)connection: the place to refetch what may have been missed. */
  onOpen?: () => void;
}

export function meetingSocketUrl(meetingId: number): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws/meeting/${meetingId}/`;
}

export class MeetingSocket {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private status: MeetingSocketStatus = 'idle';
  private running = false;
  /** The room the person is in; told again after every reconnect (presence is per connection). */
  private room: number | null = null;
  private readonly statusListeners = new Set<() => void>();
  private readonly options: Required<Omit<MeetingSocketOptions, 'onOpen'>> & Pick<MeetingSocketOptions, 'onOpen'>;

  constructor(options: MeetingSocketOptions) {
    // Explicit undefined (a caller passing its own optional settings through) means "the default".
    this.options = {
      ...options,
      createSocket: options.createSocket ?? ((url) => new WebSocket(url)),
      backoff: options.backoff ?? defaultBackoff,
      pingMs: options.pingMs ?? 20_000,
    };
  }

  getStatus = (): MeetingSocketStatus => this.status;

  onStatusChange = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.connect();
  }

  stop(): void {
    this.running = false;
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

  /** Try now instead of waiting for the backoff (the browser went back online, the tab is visible). */
  reconnectNow(): void {
    if (!this.running || this.status !== 'reconnecting') return;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.connect();
  }

  /** Moves this person's presence to a room (null: the plenary). */
  joinRoom(sessionId: number | null): void {
    if (this.room === sessionId) return;
    this.room = sessionId;
    if (this.status === 'open') this.send({ type: 'join_room', session_id: sessionId });
  }

  /** Sends a message if connected; returns whether it was sent. */
  send(message: Record<string, unknown>): boolean {
    if (!this.socket || this.status !== 'open') return false;
    try {
      this.socket.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }

  private setStatus(status: MeetingSocketStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }

  private connect(): void {
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setStatus('open');
      this.stopPing();
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), this.options.pingMs);
      if (this.room !== null) this.send({ type: 'join_room', session_id: this.room });
      this.options.onOpen?.();
    };
    socket.onmessage = (event) => this.dispatch(event.data);
    socket.onerror = () => {
      /* a close event follows; reconnection is handled there */
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.stopPing();
      if (!this.running) {
        this.setStatus('idle');
      } else if (event.code === 4401) {
        this.setStatus('unauthorized');
      } else if (event.code === 4404 || (event.code >= 4400 && event.code < 4500)) {
        // Refused for good: retrying cannot help.
        this.setStatus('not_found');
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
      if (this.running) this.connect();
    }, delay);
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private dispatch(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (!message || typeof message !== 'object' || typeof (message as { type?: unknown }).type !== 'string') return;
    try {
      this.options.onMessage(message as { type: string } & Record<string, unknown>);
    } catch (error) {
      console.error(error);
    }
  }
}
