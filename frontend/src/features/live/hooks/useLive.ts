import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { invalidateTopic } from '../../../lib/queryClient';
import {
  addParkingItem,
  closeVote,
  decideParkingItem,
  deleteParkingItem,
  fetchLive,
  fetchSession,
  liveKeys,
  openVote,
  placeDot,
  removeDot,
  sendLiveCommand,
  sendSessionCommand,
  type Clocked,
  type Decision,
  type LiveCommand,
  type LiveSnapshot,
  type SessionCommand,
  type SessionDetail,
  type Vote,
  type VoteInput,
} from '../api/live';
import { LiveConnection } from '../api/liveConnection';

/** How often an open live page checks its state even without events. */
const RESYNC_MS = 30_000;

/**
 * The snapshot brings the room the screen opens in full: put it where that room's query looks, so
 * moving to group work shows the room without a second round trip.
 */
function storeRoom(queryClient: QueryClient, slug: string, meetingId: number, snapshot: Clocked<LiveSnapshot>) {
  const room = snapshot.room;
  if (!room) return;
  queryClient.setQueryData<Clocked<SessionDetail>>(liveKeys.session(slug, meetingId, room.id), (old) =>
    old && old.version > room.version ? old : { ...room, clockOffsetMs: snapshot.clockOffsetMs },
  );
}

export function useLiveSnapshot(slug: string, meetingId: number) {
  const queryClient = useQueryClient();
  const key = liveKeys.snapshot(slug, meetingId);
  return useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const fresh = await fetchLive(slug, meetingId, signal);
      storeRoom(queryClient, slug, meetingId, fresh);
      // A GET that left before a command and came back after its event must not undo the event.
      return newerRunState(queryClient.getQueryData<Clocked<LiveSnapshot>>(key), fresh);
    },
    // The socket tells us when it changes. Its events are at-most-once (the channel layer may drop one),
    // so a slow resync while the tab is visible puts a screen right that missed one.
    staleTime: Infinity,
    refetchInterval: RESYNC_MS,
  });
}

export function useSession(slug: string, meetingId: number, sessionId: number | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: liveKeys.session(slug, meetingId, sessionId ?? 0),
    queryFn: async ({ signal }) => {
      const session = await fetchSession(slug, meetingId, sessionId!, signal);
      // Keep the room list (open/closed, step, facilitator) in step with the room just fetched.
      queryClient.setQueryData<Clocked<LiveSnapshot>>(liveKeys.snapshot(slug, meetingId), (old) =>
        old
          ? {
              ...old,
              sessions: old.sessions.map((summary) =>
                summary.id === session.id
                  ? { ...summary, status: session.status, current_step: session.current_step, facilitator: session.facilitator }
                  : summary,
              ),
            }
          : old,
      );
      return session;
    },
    enabled: sessionId !== null,
    staleTime: Infinity,
    refetchInterval: RESYNC_MS,
  });
}

/** `fresh`, but with the run state (and its clock) of `shown` when that one is newer. */
export function newerRunState(shown: Clocked<LiveSnapshot> | undefined, fresh: Clocked<LiveSnapshot>): Clocked<LiveSnapshot> {
  if (!shown?.run_state || !fresh.run_state || shown.run_state.version <= fresh.run_state.version) return fresh;
  return { ...fresh, run_state: shown.run_state, server_time: shown.server_time, clockOffsetMs: shown.clockOffsetMs };
}

function subscribeOnline(callback: () => void) {
  window.addEventListener('online', callback);
  window.addEventListener('offline', callback);
  return () => {
    window.removeEventListener('online', callback);
    window.removeEventListener('offline', callback);
  };
}

export type LiveConnectionState = 'connected' | 'reconnecting' | 'offline' | 'unauthorized' | 'not_found';

/** Opens the meeting's socket while the page is mounted and reports how it is doing. */
export function useLiveConnection(slug: string, meetingId: number) {
  const queryClient = useQueryClient();
  const connection = useMemo(() => new LiveConnection({ slug, meetingId, queryClient }), [slug, meetingId, queryClient]);

  useEffect(() => {
    connection.socket.start();
    const reconnect = () => connection.socket.reconnectNow();
    const onVisible = () => {
      if (document.visibilityState === 'visible') reconnect();
    };
    window.addEventListener('online', reconnect);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('online', reconnect);
      document.removeEventListener('visibilitychange', onVisible);
      connection.socket.stop();
    };
  }, [connection]);

  const socketStatus = useSyncExternalStore(connection.socket.onStatusChange, connection.socket.getStatus);
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
  const error = useSyncExternalStore(connection.onErrorChange, connection.getError);

  let state: LiveConnectionState;
  if (socketStatus === 'unauthorized' || socketStatus === 'not_found') state = socketStatus;
  else if (!online) state = 'offline';
  else if (socketStatus === 'open') state = 'connected';
  else state = 'reconnecting';

  const clearError = useCallback(() => connection.clearError(), [connection]);
  const joinRoom = useCallback((sessionId: number | null) => connection.socket.joinRoom(sessionId), [connection]);
  return { state, error, clearError, joinRoom };
}

// ---------------------------------------------------------------- run state

/** Keeps the newer of two snapshots: a command's answer may arrive after a fresher event. */
function storeSnapshot(queryClient: QueryClient, slug: string, meetingId: number, fresh: Clocked<LiveSnapshot>) {
  storeRoom(queryClient, slug, meetingId, fresh);
  queryClient.setQueryData<Clocked<LiveSnapshot>>(liveKeys.snapshot(slug, meetingId), (old) => newerRunState(old, fresh));
}

export function useLiveCommand(slug: string, meetingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: LiveCommand) => sendLiveCommand(slug, meetingId, command),
    onSuccess: (snapshot, command) => {
      storeSnapshot(queryClient, slug, meetingId, snapshot);
      // Starting and ending change the meeting's status on the other pages.
      if (command.action === 'start' || command.action === 'end') void invalidateTopic(queryClient, 'meetings');
    },
  });
}

// ---------------------------------------------------------------- sessions

function useSessionUpdate(slug: string, meetingId: number, sessionId: number) {
  const queryClient = useQueryClient();
  const key = liveKeys.session(slug, meetingId, sessionId);
  return {
    store(session: Clocked<SessionDetail>) {
      queryClient.setQueryData<Clocked<SessionDetail>>(key, (old) => (old && old.version > session.version ? old : session));
    },
    storeVote(vote: Vote) {
      queryClient.setQueryData<Clocked<SessionDetail>>(key, (old) => {
        if (!old) return old;
        const known = old.votes.some((v) => v.id === vote.id);
        return { ...old, votes: known ? old.votes.map((v) => (v.id === vote.id ? vote : v)) : [vote, ...old.votes] };
      });
    },
    refetch() {
      return queryClient.invalidateQueries({ queryKey: key });
    },
    refetchSnapshot() {
      return queryClient.invalidateQueries({ queryKey: liveKeys.snapshot(slug, meetingId) });
    },
  };
}

export function useSessionCommand(slug: string, meetingId: number, sessionId: number) {
  const update = useSessionUpdate(slug, meetingId, sessionId);
  return useMutation({
    mutationFn: (command: SessionCommand) => sendSessionCommand(slug, meetingId, sessionId, command),
    onSuccess: (session) => {
      update.store(session);
      // Room list: step and open/closed.
      void update.refetchSnapshot();
    },
  });
}

export function useAddParkingItem(slug: string, meetingId: number, sessionId: number) {
  const update = useSessionUpdate(slug, meetingId, sessionId);
  return useMutation({
    mutationFn: (text: string) => addParkingItem(slug, meetingId, sessionId, text),
    onSuccess: () => update.refetch(),
  });
}

export function useDecideParkingItem(slug: string, meetingId: number, sessionId: number) {
  const update = useSessionUpdate(slug, meetingId, sessionId);
  return useMutation({
    mutationFn: ({ itemId, disposition, note }: { itemId: number; disposition: Decision; note: string }) =>
      decideParkingItem(slug, meetingId, sessionId, itemId, { disposition, disposition_note: note }),
    onSuccess: () => update.refetch(),
  });
}

export function useDeleteParkingItem(slug: string, meetingId: number, sessionId: number) {
  const update = useSessionUpdate(slug, meetingId, sessionId);
  return useMutation({
    mutationFn: (itemId: number) => deleteParkingItem(slug, meetingId, sessionId, itemId),
    onSuccess: () => update.refetch(),
  });
}

export function useOpenVote(slug: string, meetingId: number, sessionId: number) {
  const update = useSessionUpdate(slug, meetingId, sessionId);
  return useMutation({
    mutationFn: (input: VoteInput) => openVote(slug, meetingId, sessionId, input),
    onSuccess: (vote) => update.storeVote(vote),
  });
}

export function useDot(slug: string, meetingId: number, sessionId: number) {
  const update = useSessionUpdate(slug, meetingId, sessionId);
  return useMutation({
    mutationFn: ({ voteId, optionId, place }: { voteId: number; optionId: number; place: boolean }) =>
      place ? placeDot(slug, meetingId, sessionId, voteId, optionId) : removeDot(slug, meetingId, sessionId, voteId, optionId),
    onSuccess: (vote) => update.storeVote(vote),
  });
}

export function useCloseVote(slug: string, meetingId: number, sessionId: number) {
  const update = useSessionUpdate(slug, meetingId, sessionId);
  return useMutation({
    mutationFn: (voteId: number) => closeVote(slug, meetingId, sessionId, voteId),
    onSuccess: (vote) => update.storeVote(vote),
  });
}
