import type { ReviewDashboardEntry } from '../api/reviews';

/** An agenda on the review dashboard: submitted by Dara Sok, awaiting a decision, not yet reviewed. */
export function dashboardEntry(overrides: Partial<ReviewDashboardEntry> = {}): ReviewDashboardEntry {
  return {
    agenda_id: 11,
    agenda_title: 'Inclusive schools',
    agenda_status: 'submitted',
    agenda_version: 1,
    group: { id: 3, name: 'Inclusive education' },
    number: 1,
    status: 'pending',
    submitted_by: { id: 7, name: 'Dara Sok' },
    submitted_at: '2026-11-10T03:00:00Z',
    decided_at: null,
    due_at: '2026-11-24T03:00:00Z',
    overdue: false,
    approvals: 0,
    review_count: 0,
    my_decision: null,
    ...overrides,
  };
}
