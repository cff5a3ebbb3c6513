import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import type { AgendaWorkflow, SubmissionSummary } from '../api/reviews';
import { WorkflowPanel } from './WorkflowPanel';

const BASE = '/api/workspaces/necn/agendas/9/';

function workflow(overrides: Partial<AgendaWorkflow> = {}): AgendaWorkflow {
  return {
    agenda_id: 9,
    status: 'draft',
    version: 1,
    approvals_required: 1,
    approvals: 0,
    current_submission: null,
    missing_sections: [],
    published_document_id: null,
    can_submit: false,
    can_review: false,
    can_revise: false,
    can_respond: false,
    can_reopen: false,
    can_publish: false,
    ...overrides,
  };
}

function submission(overrides: Partial<SubmissionSummary> = {}): SubmissionSummary {
  return {
    number: 1,
    agenda_version: 1,
    status: 'changes_requested',
    title: 'Inclusive schools',
    note: 'Please look at the action plan first.',
    submitted_by: { id: 1, name: 'Sophea Lim' },
    submitted_at: '2026-11-21T08:00:00Z',
    decided_at: '2026-11-22T08:00:00Z',
    approvals: 0,
    review_count: 2,
    ...overrides,
  };
}

function page<T>(results: T[]) {
  return { count: results.length, next: null, previous: null, results };
}

function renderPanel() {
  return renderWithProviders(<WorkflowPanel slug="necn" agendaId={9} />);
}

describe('WorkflowPanel', () => {
  test('a refused submission lists the missing sections, each linking to its section', async () => {
    const spy = mockApi([
      { method: 'GET', path: `${BASE}workflow/`, respond: json(200, workflow({ can_submit: true })) },
      { method: 'GET', path: `${BASE}submissions/`, respond: json(200, page([])) },
      {
        method: 'POST',
        path: `${BASE}submit/`,
        respond: json(400, { detail: 'Fill in: Goal, Risks.', missing_sections: ['goal', 'risks'] }),
      },
    ]);
    const user = userEvent.setup();
    renderPanel();

    await user.click(await screen.findByRole('button', { name: 'Submit for review' }));
    await user.type(screen.getByLabelText(/Note to the reviewers/), 'First draft');
    await user.click(screen.getByRole('button', { name: 'Send to the executive committee' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('This agenda cannot be submitted yet')).toBeInTheDocument();
    expect(within(alert).getByRole('link', { name: 'Goal' })).toHaveAttribute('href', '#agenda-goal');
    expect(within(alert).getByRole('link', { name: 'Risks and mitigation' })).toHaveAttribute('href', '#agenda-risks');
    const posted = requestsOf(spy).find((request) => request.method === 'POST');
    expect(await posted?.json()).toEqual({ note: 'First draft' });
  });

  test('submitting shows the new status and moves focus to the panel', async () => {
    let submitted = false;
    mockApi([
      {
        method: 'GET',
        path: `${BASE}workflow/`,
        respond: () => json(200, submitted ? workflow({ status: 'submitted' }) : workflow({ can_submit: true })),
      },
      { method: 'GET', path: `${BASE}submissions/`, respond: () => json(200, page(submitted ? [submission({ status: 'pending' })] : [])) },
      {
        method: 'POST',
        path: `${BASE}submit/`,
        respond: () => {
          submitted = true;
          return json(201, workflow({ status: 'submitted' }));
        },
      },
    ]);
    const user = userEvent.setup();
    renderPanel();

    await user.click(await screen.findByRole('button', { name: 'Submit for review' }));
    await user.click(screen.getByRole('button', { name: 'Send to the executive committee' }));

    expect(await screen.findByText(/It is read-only until they approve it/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Executive committee review' })).toHaveFocus());
    expect(screen.queryByRole('button', { name: 'Submit for review' })).not.toBeInTheDocument();
    expect(await screen.findByText('Awaiting review')).toBeInTheDocument();
  });

  test('the lead revises an agenda sent back for changes', async () => {
    let revised = false;
    const after = workflow({ status: 'draft', can_submit: true });
    const spy = mockApi([
      {
        method: 'GET',
        path: `${BASE}workflow/`,
        respond: () => json(200, revised ? after : workflow({ status: 'changes_requested', can_revise: true })),
      },
      { method: 'GET', path: `${BASE}submissions/`, respond: json(200, page([submission()])) },
      {
        method: 'POST',
        path: `${BASE}revise/`,
        respond: () => {
          revised = true;
          return json(200, after);
        },
      },
    ]);
    const user = userEvent.setup();
    renderPanel();

    expect(await screen.findByText('Submission 1 (version 1)')).toBeInTheDocument();
    expect(screen.getByText('2 reviews · 0 approvals')).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Revise' }));

    expect(await screen.findByRole('button', { name: 'Submit for review' })).toBeInTheDocument();
    expect(requestsOf(spy).some((request) => request.method === 'POST' && request.url.endsWith('/revise/'))).toBe(true);
  });

  test('an approved agenda offers publishing and reopening, and links to the published document', async () => {
    let published = false;
    const after = workflow({ status: 'published', approvals: 1, published_document_id: 41 });
    mockApi([
      {
        method: 'GET',
        path: `${BASE}workflow/`,
        respond: () =>
          json(200, published ? after : workflow({ status: 'approved', approvals: 1, can_publish: true, can_reopen: true })),
      },
      { method: 'GET', path: `${BASE}submissions/`, respond: json(200, page([submission({ status: 'approved', approvals: 1 })])) },
      {
        method: 'POST',
        path: `${BASE}publish/`,
        respond: () => {
          published = true;
          return json(200, after);
        },
      },
    ]);
    const user = userEvent.setup();
    renderPanel();

    expect(await screen.findByRole('button', { name: 'Reopen as a new version' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Publish to the policy bank' }));

    const link = await screen.findByRole('link', { name: 'Open the published document in the policy bank' });
    expect(link).toHaveAttribute('href', '/w/necn/policy/documents/41');
    expect(screen.queryByRole('button', { name: 'Publish to the policy bank' })).not.toBeInTheDocument();
  });

  test('people without a step to take see the status but no actions', async () => {
    mockApi([
      { method: 'GET', path: `${BASE}workflow/`, respond: json(200, workflow({ status: 'submitted', version: 2 })) },
      { method: 'GET', path: `${BASE}submissions/`, respond: json(200, page([])) },
    ]);
    renderPanel();

    expect(await screen.findByText('Submitted for review')).toBeInTheDocument();
    expect(screen.getByText('0 of 1')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
