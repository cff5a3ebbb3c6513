import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import type { AgendaWorkflow, Review, SubmissionDetail } from '../api/reviews';
import { ReviewPage } from './ReviewPage';

const ROUTE = { route: '/w/necn/agendas/9/submissions/1', path: '/w/:slug/agendas/:agendaId/submissions/:number' };
const BASE = '/api/workspaces/necn/agendas/9/';

const SUBMISSION: SubmissionDetail['submission'] = {
  number: 1,
  agenda_version: 1,
  status: 'pending',
  title: 'Inclusive schools',
  note: '',
  submitted_by: { id: 1, name: 'Sophea Lim' },
  submitted_at: '2026-11-21T08:00:00Z',
  decided_at: null,
  approvals: 0,
  review_count: 1,
};

function detail(overrides: Partial<SubmissionDetail> = {}): SubmissionDetail {
  return {
    submission: SUBMISSION,
    content: {
      issue_statement: 'Children with disabilities are out of school.',
      goal: 'Every child learns in school.',
      objectives: [{ key: 'o1', statement: 'Train 200 teachers', due: null }],
      stakeholders: [],
      messages: [],
      methods: { methods: [], note: '' },
      actions: [],
      indicators: [],
      risks: [],
      policy_support: '',
    },
    approvals_required: 1,
    rubric: [
      { key: 'evidence', label: 'Evidence' },
      { key: 'feasibility', label: 'Feasibility' },
    ],
    reviews: [],
    hidden_reviews: 0,
    ...overrides,
  };
}

function workflow(overrides: Partial<AgendaWorkflow> = {}): AgendaWorkflow {
  return {
    agenda_id: 9,
    status: 'submitted',
    version: 1,
    approvals_required: 1,
    approvals: 0,
    current_submission: SUBMISSION,
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

const REVIEW: Review = {
  id: 5,
  reviewer: { id: 7, name: 'Dara Chan' },
  decision: 'request_changes',
  reasons: 'The action plan has no dates.',
  created_at: '2026-11-22T08:00:00Z',
  scores: [{ criterion: 'evidence', label: 'Evidence', score: 3, comment: '' }],
  comments: [
    {
      id: 31,
      section: 'goal',
      section_label: 'Goal',
      body: 'Say which province.',
      response: null,
      response_reason: '',
      responded_by: null,
      responded_at: null,
    },
  ],
};

describe('ReviewPage', () => {
  test('frozen rows read in words: labelled fields, stakeholders and objectives by name, never codes or keys', async () => {
    const content = {
      ...detail().content,
      stakeholders: [
        {
          key: 's-moe',
          name: 'Ministry of Education',
          category: 'decision_maker',
          influence: 5,
          interest: 3,
          stance: 'supportive',
          notes: '',
        },
      ],
      messages: [{ key: 'm1', stakeholder: 's-moe', message: 'Fund ramps', ask: 'A budget line' }],
      actions: [
        {
          key: 'a1',
          activity: 'Meet the minister',
          organisation: 'Disability Inclusion Action',
          start: null,
          due: '2027-03-31',
          resources: '',
          status: 'planned',
          objective: 'o1',
        },
      ],
      risks: [{ key: 'r1', risk: 'Elections', likelihood: 'high', impact: null, mitigation: 'Brief both parties' }],
    } as SubmissionDetail['content'];
    mockApi([
      { method: 'GET', path: `${BASE}submissions/1/`, respond: json(200, detail({ content })) },
      { method: 'GET', path: `${BASE}workflow/`, respond: json(200, workflow()) },
    ]);
    renderWithProviders(<ReviewPage />, ROUTE);

    const stakeholders = await screen.findByRole('region', { name: 'Target audiences and stakeholders' });
    expect(stakeholders).toHaveTextContent(
      'Ministry of EducationCategory: Decision maker · Influence: 5 – very high · Interest: 3 – medium · Position on the issue: Supportive',
    );
    expect(screen.getByRole('region', { name: 'Key messages and asks' })).toHaveTextContent(
      'Fund rampsAudience: Ministry of Education · The ask: A budget line',
    );
    const actions = screen.getByRole('region', { name: 'Action plan' });
    expect(actions).toHaveTextContent(
      'Meet the ministerLead organisation: Disability Inclusion Action · Due: 31 Mar 2027 · Status: Planned · Objective it serves: Train 200 teachers',
    );
    expect(screen.getByRole('region', { name: 'Risks and mitigation' })).toHaveTextContent(
      'ElectionsLikelihood: High · Mitigation: Brief both parties',
    );
    for (const code of ['decision_maker', 'supportive', 's-moe', 'o1', 'planned']) {
      expect(document.body).not.toHaveTextContent(new RegExp(`\\b${code}\\b`));
    }
  });

  test('an executive must score every criterion and give reasons to request changes; the server’s 400 is shown', async () => {
    const spy = mockApi([
      { method: 'GET', path: `${BASE}submissions/1/`, respond: json(200, detail({ hidden_reviews: 1 })) },
      { method: 'GET', path: `${BASE}workflow/`, respond: json(200, workflow({ can_review: true })) },
      {
        method: 'POST',
        path: `${BASE}submissions/1/reviews/`,
        respond: json(400, { reasons: ['Say what must change, in more detail.'] }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ReviewPage />, ROUTE);

    expect(await screen.findByText('1 review is hidden until you submit yours.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Goal' })).toHaveTextContent('Every child learns in school.');

    await user.click(screen.getByRole('button', { name: 'Submit review' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Give a score for every criterion: Evidence, Feasibility.');
    expect(alert).toHaveTextContent('Choose approve or request changes.');

    await user.click(within(screen.getByRole('radiogroup', { name: 'Score for Evidence' })).getByRole('radio', { name: '4' }));
    await user.click(within(screen.getByRole('radiogroup', { name: 'Score for Feasibility' })).getByRole('radio', { name: '2' }));
    await user.click(screen.getByRole('radio', { name: 'Request changes' }));
    await user.click(screen.getByRole('button', { name: 'Submit review' }));
    expect((await screen.findAllByText('Give your reasons for requesting changes.')).length).toBeGreaterThan(0);
    expect(screen.getByLabelText(/^Reasons/)).toHaveAttribute('aria-invalid', 'true');
    expect(requestsOf(spy).some((request) => request.method === 'POST')).toBe(false);

    const goal = screen.getByRole('region', { name: 'Goal' });
    await user.click(within(goal).getByRole('button', { name: 'Comment on this section' }));
    await user.type(within(goal).getByLabelText('Your comment on Goal'), 'Name the province.');
    await user.click(within(goal).getByRole('button', { name: 'Add comment' }));
    await user.type(screen.getByLabelText(/^Reasons/), 'Too vague.');
    await user.click(screen.getByRole('button', { name: 'Submit review' }));

    await waitFor(() => expect(screen.getAllByText('Say what must change, in more detail.').length).toBeGreaterThan(0));
    const posted = requestsOf(spy).find((request) => request.method === 'POST');
    expect(await posted?.json()).toEqual({
      decision: 'request_changes',
      reasons: 'Too vague.',
      scores: [
        { criterion: 'evidence', score: 4, comment: '' },
        { criterion: 'feasibility', score: 2, comment: '' },
      ],
      comments: [{ section: 'goal', body: 'Name the province.' }],
    });
  });

  test('a sent review shows the reviews and takes the form away', async () => {
    let reviewed = false;
    mockApi([
      { method: 'GET', path: `${BASE}submissions/1/`, respond: () => json(200, reviewed ? detail({ reviews: [REVIEW] }) : detail()) },
      { method: 'GET', path: `${BASE}workflow/`, respond: () => json(200, workflow({ can_review: !reviewed })) },
      {
        method: 'POST',
        path: `${BASE}submissions/1/reviews/`,
        respond: () => {
          reviewed = true;
          return json(201, detail({ reviews: [REVIEW] }));
        },
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ReviewPage />, ROUTE);

    await user.click(within(await screen.findByRole('radiogroup', { name: 'Score for Evidence' })).getByRole('radio', { name: '5' }));
    await user.click(within(screen.getByRole('radiogroup', { name: 'Score for Feasibility' })).getByRole('radio', { name: '5' }));
    await user.click(screen.getByRole('radio', { name: 'Approve' }));
    await user.click(screen.getByRole('button', { name: 'Submit review' }));

    expect(await screen.findByRole('article', { name: 'Review by Dara Chan' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Reviews' })).toHaveFocus());
    expect(screen.queryByRole('button', { name: 'Submit review' })).not.toBeInTheDocument();
  });

  test('the group answers a comment; declining needs a reason', async () => {
    const spy = mockApi([
      {
        method: 'GET',
        path: `${BASE}submissions/1/`,
        respond: json(200, detail({ submission: { ...SUBMISSION, status: 'changes_requested' }, reviews: [REVIEW] })),
      },
      { method: 'GET', path: `${BASE}workflow/`, respond: json(200, workflow({ status: 'changes_requested', can_respond: true })) },
      {
        method: 'PUT',
        path: `${BASE}review-comments/31/response/`,
        respond: json(200, { ...REVIEW.comments[0], response: 'declined', response_reason: 'The goal is national.' }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ReviewPage />, ROUTE);

    const comment = (await screen.findByText('Say which province.')).closest('li') as HTMLElement;
    expect(within(comment).getByText('Not answered yet.')).toBeInTheDocument();
    await user.click(within(comment).getByRole('radio', { name: 'Declined' }));
    await user.click(within(comment).getByRole('button', { name: 'Save response' }));
    expect(await within(comment).findByText('Say why you decline this comment.')).toBeInTheDocument();

    await user.type(within(comment).getByLabelText(/Reason or note/), 'The goal is national.');
    await user.click(within(comment).getByRole('button', { name: 'Save response' }));
    expect(await within(comment).findByText('Response saved.')).toBeInTheDocument();
    const put = requestsOf(spy).find((request) => request.method === 'PUT');
    expect(await put?.json()).toEqual({ response: 'declined', reason: 'The goal is national.' });
  });
});
