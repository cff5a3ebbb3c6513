/**
 * Keeps the react-query cache of one live meeting in step with its socket.
 * The REST snapshot is the truth; events only patch it (run state, presence)
 * or say what to refetch (sessions). After every (re)connect everything is
 * refetched, so an event missed while offline never leaves a screen wrong.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { SocketLike } from '../../../lib/events';
import { MeetingSocket, meetingSocketUrl } from '../../../lib/meetingSocket';
import {
  clockOffset,
  liveKeys,
  type Clocked,
  type LiveSnapshot,
  type PresenceEntry,
  type RunState,
  type SessionDetail,
} from './live';

export interface RunStateEvent {
  type: 'run_state';
  server_time: string;
  run_state: RunState;
  /** Rooms were opened or closed by this command: the room list must be refetched. */
  sessions_changed?: boolean;
}

export interface SocketError {
  code: string;
  message: string;
}

/**
 * The snapshot with a run_state event applied — or the same object when the
 * event is not newer than what is shown (events can arrive after a fresher
 * REST answer, or twice after a reconnect).
 */
export function applyRunState(
  snapshot: Clocked<LiveSnapshot>,
  event: RunStateEvent,
  receivedAtMs: number,
): Clocked<LiveSnapshot> {
  const shown = snapshot.run_state?.version ?? -1;
  if (event.run_state.version <= shown) return snapshot;
  return {
    ...snapshot,
    server_time: event.server_time,
    clockOffsetMs: clockOffset(event.server_time, receivedAtMs),
    run_state: event.run_state,
    // Ending and starting change the meeting's status; the snapshot refetch confirms it.
    meeting: {
      ...snapshot.meeting,
      status: event.run_state.ended_at ? 'closed' : event.run_state.started_at ? 'live' : snapshot.meeting.status,
    },
  };
}

interface Options {
  slug: string;
  meetingId: number;
  queryClient: QueryClient;
  createSocket?: (url: string) => SocketLike;
  backoff?: (attempt: number) => number;
  pingMs?: number;
  url?: string;
}

export class LiveConnection {
  readonly socket: MeetingSocket;
  private lastError: SocketError | null = null;
  private readonly errorListeners = new Set<() => void>();
  private readonly options: Options;

  constructor(options: Options) {
    this.options = options;
    this.socket = new MeetingSocket({
      url: options.url ?? meetingSocketUrl(options.meetingId),
      createSocket: options.createSocket,
      backoff: options.backoff,
      pingMs: options.pingMs,
      onOpen: () => void this.refetchAll(),
      onMessage: (message) => this.handle(message),
    });
  }

  getError = (): SocketError | null => this.lastError;

  onErrorChange = (listener: () => void): (() => void) => {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  };

  clearError(): void {
    this.setError(null);
  }

  private setError(error: SocketError | null): void {
    this.lastError = error;
    for (const listener of this.errorListeners) listener();
  }

  private get snapshotKey() {
    return liveKeys.snapshot(this.options.slug, this.options.meetingId);
  }

  /** The snapshot and every session of this meeting that is on screen. */
  refetchAll(): Promise<void> {
    const { slug, meetingId, queryClient } = this.options;
    return queryClient.invalidateQueries({ queryKey: liveKeys.all(slug, meetingId) });
  }

  private handle(message: { type: string } & Record<string, unknown>): void {
    const { slug, meetingId, queryClient } = this.options;
    switch (message.type) {
      case 'run_state': {
        const event = message as unknown as RunStateEvent;
        const before = queryClient.getQueryData<Clocked<LiveSnapshot>>(this.snapshotKey);
        if (!before) {
          void queryClient.invalidateQueries({ queryKey: this.snapshotKey });
          return;
        }
        const after = applyRunState(before, event, Date.now());
        if (after === before) return;
        queryClient.setQueryData(this.snapshotKey, after);
        // A new item brings other rooms (and another room for me): the snapshot lists them.
        if (event.sessions_changed || before.run_state?.current_item_id !== after.run_state?.current_item_id) {
          void queryClient.invalidateQueries({ queryKey: this.snapshotKey });
        }
        return;
      }
      case 'session': {
        const sessionId = Number(message.session_id);
        const version = Number(message.version);
        const key = liveKeys.session(slug, meetingId, sessionId);
        const cached = queryClient.getQueryData<Clocked<SessionDetail>>(key);
        // Ids only: the session holds per-person fields (my dots), so each client refetches its own view.
        if (cached && Number.isFinite(version) && version <= cached.version) return;
        // Not the snapshot: every dot would make the whole room refetch it. The room's own refetch
        // patches its entry in the room list (useSession).
        void queryClient.invalidateQueries({ queryKey: key });
        return;
      }
      case 'presence': {
        const presence = (message.presence ?? []) as PresenceEntry[];
        queryClient.setQueryData<Clocked<LiveSnapshot>>(this.snapshotKey, (old) => (old ? { ...old, presence } : old));
        for (const query of queryClient.getQueryCache().findAll({ queryKey: liveKeys.sessions(slug, meetingId) })) {
          const sessionId = query.queryKey[4];
          queryClient.setQueryData<Clocked<SessionDetail>>(query.queryKey, (old) =>
            old
              ? {
                  ...old,
                  presence: uniquePeople(presence.filter((entry) => entry.session_id === sessionId).map((entry) => entry.user)),
                }
              : old,
          );
        }
        return;
      }
      case 'error':
        this.setError({ code: String(message.code ?? 'invalid'), message: String(message.message ?? '') });
        return;
      default:
        // pong and anything newer than this client: nothing to do.
        return;
    }
  }
}

export function uniquePeople<P extends { id: number }>(people: readonly P[]): P[] {
  const seen = new Map<number, P>();
  for (const person of people) if (!seen.has(person.id)) seen.set(person.id, person);
  return [...seen.values()];
}
