import type { Action, ActionDetail } from './api/actions';

export function page<T>(results: T[], overrides: { count?: number; next?: string | null; previous?: string | null } = {}) {
  return { count: results.length, next: null, previous: null, results, ...overrides };
}

export function action(overrides: Partial<Action> = {}): Action {
  return {
    id: 5,
    key: 'brief',
    activity: 'Policy brief for the ministry',
    agenda_id: 9,
    agenda_title: 'Inclusive primary schools',
    group_id: 3,
    group_name: 'Inclusive education and disability',
    organisation: { id: 2, name: 'Disability Inclusion Action', acronym: 'DIA' },
    start: '2026-01-10',
    due: '2026-03-31',
    status: 'planned',
    overdue: false,
    ...overrides,
  };
}

export function detail(overrides: Partial<ActionDetail> = {}): ActionDetail {
  return {
    ...action(),
    resources: 'Printing budget',
    notes: [],
    can_update: true,
    ...overrides,
  };
}
