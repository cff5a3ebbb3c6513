import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import type { ReviewDashboard, ReviewDashboardEntry } from '../api/reviews';
import { ReviewDashboardPage } from './ReviewDashboardPage';
import { dashboardEntry } from './testData';

const URL = '/api/workspaces/necn/review-dashboard/';
const GROUPS = {
  count: 2,
  next: null,
  previous: null,
  results: [
    { id: 3, name: 'Inclusive education', theme: '', visibility: 'workspace', member_count: 5, my_role: null },
    { id: 4, name: 'Data and assessment', theme: '', visibility: 'private', member_count: 3, my_role: null },
  ],
};

const SCHOOLS = dashboardEntry({ overdue: true });

function dashboard(queue: ReviewDashboard['queue'], results: ReviewDashboardEntry[], canReview = true): ReviewDashboard {
  return {
    queue,
    counts: { awaiting_me: 1, in_review: 2, overdue: 1, decided: 1 },
    review_days: 14,
    approvals_required: 2,
    can_review: canReview,
    count: results.length,
    next: null,
    previous: null,
    results,
  };
}

function render(route = '/w/necn/reviews') {
  return renderWithProviders(<ReviewDashboardPage />, { route, path: '/w/:slug/reviews' });
}

test('an executive sees what awaits them, the overdue one marked in words, with every queue counted', async () => {
  mockApi([
    { method: 'GET', path: '/api/workspaces/necn/groups/', respond: json(200, GROUPS) },
    { method: 'GET', path: URL, respond: json(200, dashboard('awaiting_me', [SCHOOLS])) },
  ]);
  render();

  const item = (await screen.findByRole('link', { name: 'Inclusive schools' })).closest('li') as HTMLElement;
  expect(within(item).getByText('Overdue')).toBeInTheDocument();
  expect(within(item).getByText(/0 of 2 approvals/)).toBeInTheDocument();
  expect(within(item).getByText(/Dara Sok/)).toBeInTheDocument();
  expect(within(item).getByRole('link', { name: 'Review' })).toHaveAttribute('href', '/w/necn/agendas/11/submissions/1');
  const queues = screen.getByRole('navigation', { name: 'Review queues' });
  expect(within(queues).getByRole('button', { name: /Awaiting me\s*1 agenda/ })).toHaveAttribute('aria-current', 'page');
  expect(within(queues).getByRole('button', { name: /In review\s*2 agendas/ })).toBeInTheDocument();
});

test('choosing a queue and a group asks the server for them', async () => {
  const decided: ReviewDashboardEntry = {
    ...SCHOOLS,
    agenda_title: 'Exam reform',
    agenda_status: 'changes_requested',
    number: 2,
    status: 'changes_requested',
    due_at: null,
    overdue: false,
    decided_at: '2026-11-20T03:00:00Z',
    my_decision: 'request_changes',
  };
  const spy = mockApi([
    { method: 'GET', path: '/api/workspaces/necn/groups/', respond: json(200, GROUPS) },
    {
      method: 'GET',
      path: URL,
      respond: (request) => {
        const queue = new window.URL(request.url).searchParams.get('queue');
        return json(200, queue === 'decided' ? dashboard('decided', [decided]) : dashboard('awaiting_me', [SCHOOLS]));
      },
    },
  ]);
  const user = userEvent.setup();
  render();
  await screen.findByRole('link', { name: 'Inclusive schools' });

  await user.click(screen.getByRole('button', { name: /Decided/ }));
  const item = (await screen.findByRole('link', { name: 'Exam reform' })).closest('li') as HTMLElement;
  await screen.findByRole('option', { name: 'Data and assessment' });
  await user.selectOptions(screen.getByLabelText('Working group'), 'Data and assessment');

  expect(within(item).getByText('You requested changes')).toBeInTheDocument();
  expect(within(item).queryByText('Overdue')).not.toBeInTheDocument();
  expect(within(item).getByRole('link', { name: 'Compare with the previous submission' })).toHaveAttribute(
    'href',
    '/w/necn/agendas/11/submissions/2/diff?against=1',
  );
  const queries = requestsOf(spy)
    .filter((request) => new window.URL(request.url).pathname === URL)
    .map((request) => Object.fromEntries(new window.URL(request.url).searchParams));
  expect(queries).toContainEqual({ queue: 'decided', page: '1' });
  expect(queries).toContainEqual({ queue: 'decided', group: '4', page: '1' });
});

test('an administrator, who does not review, is told why nothing awaits them', async () => {
  mockApi([
    { method: 'GET', path: '/api/workspaces/necn/groups/', respond: json(200, GROUPS) },
    { method: 'GET', path: URL, respond: json(200, dashboard('awaiting_me', [], false)) },
  ]);
  render();

  expect(await screen.findByText('Only executive committee members review agendas')).toBeInTheDocument();
});

test('people outside the committee are refused in words', async () => {
  mockApi([
    { method: 'GET', path: '/api/workspaces/necn/groups/', respond: json(200, GROUPS) },
    {
      method: 'GET',
      path: URL,
      respond: json(403, { detail: 'Only administrators and the executive committee see the review dashboard.' }),
    },
  ]);
  render('/w/necn/reviews?queue=overdue');

  expect(await screen.findByRole('heading', { name: 'You do not have access' })).toBeInTheDocument();
  expect(screen.getByText('Only administrators and the executive committee see the review dashboard.')).toBeInTheDocument();
});
