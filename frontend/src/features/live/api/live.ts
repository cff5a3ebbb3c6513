/**
 * Live meetings: the run state, group sessions, parking lot and dot votes
 * (/tmp/live/CONTRACT.md). Types come from the generated schema, by path.
 */
import { api, unwrap, type ApiBody, type ApiData } from '../../../lib/api';

const LIVE = '/api/workspaces/{slug}/meetings/{meeting_id}/live/' as const;
const SESSION = '/api/workspaces/{slug}/meetings/{meeting_id}/sessions/{session_id}/' as const;

export type LiveSnapshot = ApiData<typeof LIVE, 'get'>;
export type RunState = NonNullable<LiveSnapshot['run_state']>;
export type Spotlight = NonNullable<RunState['spotlight']>;
export type SpotlightKind = Spotlight['kind'];
export type LiveItem = LiveSnapshot['items'][number];
export type ItemKind = LiveItem['kind'];
export type SessionSummary = LiveSnapshot['sessions'][number];
export type PresenceEntry = LiveSnapshot['presence'][number];
export type Person = PresenceEntry['user'];
export type SessionDetail = ApiData<typeof SESSION, 'get'>;
export type SessionStatus = SessionDetail['status'];
export type ParkingItem = SessionDetail['parking_lot'][number];
export type Disposition = ApiData<'/api/workspaces/{slug}/meetings/{meeting_id}/sessions/{session_id}/parking-lot/', 'post', 201>['disposition'] & string;
export type Vote = SessionDetail['votes'][number];
export type VoteOption = Vote['options'][number];
export type VoteInput = ApiBody<'/api/workspaces/{slug}/meetings/{meeting_id}/sessions/{session_id}/votes/', 'post'>;

/** Both timers (the meeting's and a session step's) have this shape. */
export interface Timer {
  running: boolean;
  started_at: string | null;
  elapsed_seconds: number;
  duration_seconds: number;
}

/** A facilitator's decision on a parking-lot item (blank until decided). */
export type Decision = Exclude<Disposition, ''>;
export const DISPOSITIONS = ['answered', 'follow_up', 'to_agenda', 'set_aside'] as const satisfies readonly Decision[];

/** The console's commands, narrowed per action (the schema has one flat body). */
export type LiveCommand =
  | { action: 'start' | 'next' | 'previous' | 'timer_start' | 'timer_pause' | 'end' }
  | { action: 'go_to'; item_id: number }
  | { action: 'timer_extend'; minutes: number }
  | { action: 'spotlight'; kind: SpotlightKind | null; id?: number }
  | { action: 'editing'; open: boolean };

export type SessionCommand =
  | { action: 'step_next' | 'step_previous' | 'timer_start' | 'timer_pause' | 'close' | 'reopen' }
  | { action: 'step_go'; step: string }
  | { action: 'timer_extend'; minutes: number }
  | { action: 'set_step_minutes'; minutes: number }
  | { action: 'assign_facilitator'; user_id: number | null };

// Compile-time check that the narrowed commands are bodies the API accepts.
type Accepts<Body, T extends Body> = T;
export type _CommandsMatchSchema = [
  Accepts<ApiBody<'/api/workspaces/{slug}/meetings/{meeting_id}/live/commands/', 'post'>, LiveCommand>,
  Accepts<ApiBody<'/api/workspaces/{slug}/meetings/{meeting_id}/sessions/{session_id}/commands/', 'post'>, SessionCommand>,
];

/** What the cache holds: the server's answer and how far the server's clock is ahead of ours. */
export type Clocked<T> = T & { clockOffsetMs: number };

/** Server clock − local clock, measured when an answer carrying `server_time` arrives. */
export function clockOffset(serverTime: string, receivedAtMs: number): number {
  const server = Date.parse(serverTime);
  return Number.isNaN(server) ? 0 : server - receivedAtMs;
}

function withClock<T extends { server_time: string }>(data: T): Clocked<T> {
  return { ...data, clockOffsetMs: clockOffset(data.server_time, Date.now()) };
}

// ---------------------------------------------------------------- keys

export const liveKeys = {
  all: (slug: string, meetingId: number) => ['live', slug, meetingId] as const,
  snapshot: (slug: string, meetingId: number) => ['live', slug, meetingId, 'snapshot'] as const,
  sessions: (slug: string, meetingId: number) => ['live', slug, meetingId, 'session'] as const,
  session: (slug: string, meetingId: number, sessionId: number) => ['live', slug, meetingId, 'session', sessionId] as const,
};

// ---------------------------------------------------------------- calls

type SessionPath = { slug: string; meeting_id: number; session_id: number };

function sessionPath(slug: string, meetingId: number, sessionId: number): SessionPath {
  return { slug, meeting_id: meetingId, session_id: sessionId };
}

export async function fetchLive(slug: string, meetingId: number, signal?: AbortSignal): Promise<Clocked<LiveSnapshot>> {
  return withClock(await unwrap(api.GET(LIVE, { params: { path: { slug, meeting_id: meetingId } }, signal })));
}

export async function sendLiveCommand(slug: string, meetingId: number, command: LiveCommand): Promise<Clocked<LiveSnapshot>> {
  return withClock(
    await unwrap(
      api.POST('/api/workspaces/{slug}/meetings/{meeting_id}/live/commands/', {
        params: { path: { slug, meeting_id: meetingId } },
        body: command,
      }),
    ),
  );
}

export async function fetchSession(
  slug: string,
  meetingId: number,
  sessionId: number,
  signal?: AbortSignal,
): Promise<Clocked<SessionDetail>> {
  return withClock(await unwrap(api.GET(SESSION, { params: { path: sessionPath(slug, meetingId, sessionId) }, signal })));
}

export async function sendSessionCommand(
  slug: string,
  meetingId: number,
  sessionId: number,
  command: SessionCommand,
): Promise<Clocked<SessionDetail>> {
  return withClock(
    await unwrap(
      api.POST('/api/workspaces/{slug}/meetings/{meeting_id}/sessions/{session_id}/commands/', {
        params: { path: sessionPath(slug, meetingId, sessionId) },
        body: command,
      }),
    ),
  );
}

export function addParkingItem(slug: string, meetingId: number, sessionId: number, text: string): Promise<ParkingItem> {
  return unwrap(
    api.POST('/api/workspaces/{slug}/meetings/{meeting_id}/sessions/{session_id}/parking-lot/', {
      params: { path: sessionPath(slug, meetingId, sessionId) },
      body: { text },
    }),
  );
}

export function decideParkingItem(
  slug: string,
  meetingId: number,
  sessionId: number,
  itemId: number,
  body: { disposition: Decision; disposition_note: string },
): Promise<ParkingItem> {
  return unwrap(
    api.PATCH('/api/workspaces/{slug}/meetings/{meeting_id}/sessions/{session_id}/parking-lot/{item_id}/', {
      params: { path: { ...sessionPath(slug, meetingId, sessionId), item_id: itemId } },
      body,
    }),
  );
}

export async function deleteParkingItem(slug: string, meetingId: number, sessionId: number, itemId: number): Promise<void> {
  await unwrap(
    api.DELETE('/api/workspaces/{slug}/meetings/{meeting_id}/sessions/{session_id}/parking-lot/{item_id}/', {
      params: { path: { ...sessionPath(slug, meetingId, sessionId), item_id: itemId } },
    }),
  );
}

export function openVote(slug: string, meetingId: number, sessionId: number, body: VoteInput): Promise<Vote> {
  return unwrap(
    api.POST('/api/workspaces/{slug}/meetings/{meeting_id}/sessions/{session_id}/votes/', {
      params: { path: sessionPath(slug, meetingId, sessionId) },
      body,
    }),
  );
}

export function placeDot(slug: string, meetingId: number, sessionId: number, voteId: number, optionId: number): Promise<Vote> {
  return unwrap(
    api.POST('/api/workspaces/{slug}/meetings/{meeting_id}/sessions/{session_id}/votes/{vote_id}/dots/', {
      params: { path: { ...sessionPath(slug, meetingId, sessionId), vote_id: voteId } },
      body: { option_id: optionId },
    }),
  );
}

export function removeDot(slug: string, meetingId: number, sessionId: number, voteId: number, optionId: number): Promise<Vote> {
  return unwrap(
    api.DELETE('/api/workspaces/{slug}/meetings/{meeting_id}/sessions/{session_id}/votes/{vote_id}/dots/{option_id}/', {
      params: { path: { ...sessionPath(slug, meetingId, sessionId), vote_id: voteId, option_id: optionId } },
    }),
  );
}

export function closeVote(slug: string, meetingId: number, sessionId: number, voteId: number): Promise<Vote> {
  return unwrap(
    api.POST('/api/workspaces/{slug}/meetings/{meeting_id}/sessions/{session_id}/votes/{vote_id}/close/', {
      params: { path: { ...sessionPath(slug, meetingId, sessionId), vote_id: voteId } },
    }),
  );
}
