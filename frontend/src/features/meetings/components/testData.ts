/** Shared fixtures for the meetings tests (Asia/Phnom_Penh is UTC+7: 01:30Z is 08:30 there). */
export const SLUG = 'necn';
export const MEETING_URL = '/api/workspaces/necn/meetings/12/';
export const ATTENDANCE_URL = '/api/workspaces/necn/meetings/12/attendance/';

export function page(results: unknown[]) {
  return { count: results.length, next: null, previous: null, results };
}

const welcome = {
  id: 1,
  position: 1,
  kind: 'welcome',
  title: 'Welcome and introductions',
  planned_minutes: 15,
  presenter: null,
  responsible_group: null,
  starts_at: '2026-12-01T01:30:00Z',
};
const plenary = {
  id: 2,
  position: 2,
  kind: 'plenary',
  title: 'Plenary session',
  planned_minutes: 60,
  presenter: { id: 5, display_name: 'Sophea Lim' },
  responsible_group: null,
  starts_at: '2026-12-01T01:45:00Z',
};
const closing = {
  id: 3,
  position: 3,
  kind: 'closing',
  title: 'Closing',
  planned_minutes: 15,
  presenter: null,
  responsible_group: { id: 7, name: 'Inclusive education' },
  starts_at: '2026-12-01T02:45:00Z',
};

export const ITEMS = { welcome, plenary, closing };

export function meeting(permissions: { edit: boolean; check_in_others: boolean; check_in_self: boolean }, overrides: object = {}) {
  return {
    id: 12,
    title: 'Joint working group meeting, December',
    date: '2026-12-01',
    start_time: '08:30:00',
    timezone: 'Asia/Phnom_Penh',
    starts_at: '2026-12-01T01:30:00Z',
    planned_end: '2026-12-01T03:00:00Z',
    venue: 'CCC meeting room',
    online_link: '',
    status: 'planned',
    item_count: 3,
    total_minutes: 90,
    groups: [{ id: 7, name: 'Inclusive education' }],
    facilitators: [{ id: 5, display_name: 'Sophea Lim', email: 'sophea@example.org' }],
    items: [welcome, plenary, closing],
    permissions,
    ...overrides,
  };
}

export const EDITOR = { edit: true, check_in_others: true, check_in_self: true };
export const READER = { edit: false, check_in_others: false, check_in_self: true };

export function attendance(checkedIn: Record<number, string | null> = {}) {
  const participants = [
    {
      user: { id: 5, display_name: 'Sophea Lim', email: 'sophea@example.org' },
      organisation: { id: 3, name: 'Kampuchea Youth Association', acronym: 'KYA' },
      groups: [7],
      facilitator: true,
      expected: true,
      checked_in_at: checkedIn[5] ?? null,
    },
    {
      user: { id: 6, display_name: 'Dara Sok', email: 'dara@example.org' },
      organisation: null,
      groups: [7],
      facilitator: false,
      expected: true,
      checked_in_at: checkedIn[6] ?? null,
    },
  ];
  const present = participants.filter((p) => p.checked_in_at).length;
  return {
    participants,
    by_organisation: [
      { organisation: { id: 3, name: 'Kampuchea Youth Association', acronym: 'KYA' }, expected: 1, present: checkedIn[5] ? 1 : 0 },
      { organisation: null, expected: 1, present: checkedIn[6] ? 1 : 0 },
    ],
    by_group: [{ group: { id: 7, name: 'Inclusive education' }, expected: 2, present }],
  };
}
