/** Fixtures for the live meeting tests, shaped as in /tmp/live/CONTRACT.md. */
import type { LiveSnapshot, RunState, SessionDetail, SessionSummary, Vote } from './api/live';

export const LIVE_URL = '/api/workspaces/necn/meetings/12/live/';
export const COMMANDS_URL = '/api/workspaces/necn/meetings/12/live/commands/';
export const SESSION_URL = '/api/workspaces/necn/meetings/12/sessions/31/';
export const LIVE_ROUTE = { route: '/w/necn/meetings/12/live', path: '/w/:slug/meetings/:meetingId/live' };

export const SOPHEA = { id: 5, display_name: 'Sophea Lim', email: 'sophea@example.org' };
export const DARA = { id: 6, display_name: 'Dara Sok', email: 'dara@example.org' };

export const ITEMS = [
  { id: 1, position: 1, kind: 'welcome' as const, title: 'Welcome and introductions', planned_minutes: 15 },
  { id: 2, position: 2, kind: 'group_work' as const, title: 'Group work: root causes', planned_minutes: 60 },
  { id: 3, position: 3, kind: 'closing' as const, title: 'Closing remarks', planned_minutes: 15 },
];

export function runState(overrides: Partial<RunState> = {}): RunState {
  return {
    version: 4,
    current_item_id: 1,
    timer: { running: false, started_at: null, elapsed_seconds: 0, duration_seconds: 900 },
    spotlight: null,
    editing_open: false,
    started_at: '2026-12-01T01:30:00Z',
    ended_at: null,
    ...overrides,
  };
}

export function snapshot(overrides: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return {
    server_time: '2026-12-01T01:40:00Z',
    meeting: { id: 12, title: 'Joint working group meeting, December', status: 'live', timezone: 'Asia/Phnom_Penh' },
    permissions: { control: false },
    run_state: runState(),
    items: ITEMS,
    groups: [
      { id: 7, name: 'Inclusive education' },
      { id: 8, name: 'Out-of-school children' },
    ],
    sessions: [],
    my_session_id: null,
    room: null,
    presence: [
      { user: SOPHEA, session_id: null },
      { user: DARA, session_id: null },
    ],
    ...overrides,
  };
}

export const GROUP_WORK_SESSIONS: SessionSummary[] = [
  {
    id: 31,
    group: { id: 7, name: 'Inclusive education' },
    item_id: 2,
    facilitator: SOPHEA,
    current_step: 'root_causes',
    status: 'open',
    participate: true,
  },
  {
    id: 32,
    group: { id: 8, name: 'Out-of-school children' },
    item_id: 2,
    facilitator: null,
    current_step: 'gaps',
    status: 'open',
    participate: false,
  },
];

export function vote(overrides: Partial<Vote> = {}): Vote {
  return {
    id: 51,
    question: 'Which root cause matters most?',
    dots_per_person: 3,
    closes_at: '2026-12-01T01:45:00Z',
    status: 'open',
    opened_at: '2026-12-01T01:40:00Z',
    closed_at: null,
    results_visible: false,
    voters_count: 2,
    my_dots_used: 2,
    options: [
      { id: 61, position: 1, label: 'Teachers lack training', my_dots: 2, total: null, top: false },
      { id: 62, position: 2, label: 'Schools are far away', my_dots: 0, total: null, top: false },
      { id: 63, position: 3, label: 'No assistive devices', my_dots: 0, total: null, top: false },
    ],
    ...overrides,
  };
}

export function session(overrides: Partial<SessionDetail> = {}): SessionDetail {
  return {
    server_time: '2026-12-01T01:40:00Z',
    id: 31,
    group: { id: 7, name: 'Inclusive education' },
    item: { id: 2, title: 'Group work: root causes' },
    facilitator: SOPHEA,
    current_step: 'root_causes',
    steps: [
      { key: 'gaps', label: 'Key gaps and challenges' },
      { key: 'root_causes', label: 'Root causes' },
      { key: 'evidence', label: 'Evidence' },
      { key: 'stakeholders', label: 'Stakeholders' },
      { key: 'policy_support', label: 'Policy support' },
      { key: 'action_plan', label: 'Actionable plan' },
      { key: 'advocacy_methods', label: 'Advocacy methods' },
    ],
    step_minutes: 10,
    timer: { running: false, started_at: null, elapsed_seconds: 0, duration_seconds: 600 },
    status: 'open',
    version: 3,
    permissions: { control: false, participate: true },
    parking_lot: [],
    votes: [],
    presence: [DARA],
    ...overrides,
  };
}
