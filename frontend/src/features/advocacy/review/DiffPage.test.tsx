import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import type { SectionDiff, SubmissionDiff } from '../api/reviews';
import { DiffPage } from './DiffPage';

const ROUTE = { route: '/w/necn/agendas/9/submissions/2/diff?against=1', path: '/w/:slug/agendas/:agendaId/submissions/:number/diff' };

function submission(number: number): SubmissionDiff['before'] {
  return {
    number,
    agenda_version: number,
    status: number === 1 ? 'changes_requested' : 'pending',
    title: 'Inclusive schools',
    note: '',
    submitted_by: { id: 1, name: 'Sophea Lim' },
    submitted_at: '2026-11-21T08:00:00Z',
    decided_at: null,
    approvals: 0,
    review_count: 1,
  };
}

function section(overrides: Partial<SectionDiff> & Pick<SectionDiff, 'section' | 'kind'>): SectionDiff {
  return {
    label: overrides.section,
    changed: false,
    before: null,
    after: null,
    words: [],
    rows_added: [],
    rows_removed: [],
    rows_changed: [],
    ...overrides,
  };
}

const DIFF: SubmissionDiff = {
  before: submission(1),
  after: submission(2),
  sections: [
    section({
      section: 'goal',
      kind: 'prose',
      changed: true,
      words: [
        { op: 'equal', text: 'Every child ' },
        { op: 'delete', text: 'attends' },
        { op: 'insert', text: 'learns in' },
        { op: 'equal', text: ' school.' },
      ],
    }),
    section({ section: 'issue_statement', kind: 'prose' }),
    section({
      section: 'risks',
      kind: 'rows',
      changed: true,
      rows_added: [{ key: 'r2', risk: 'Budget cuts', mitigation: 'Early talks' }],
      rows_removed: [{ key: 'r1', risk: 'Flooding', mitigation: 'Move dates' }],
      rows_changed: [
        {
          key: 'r3',
          before: { key: 'r3', risk: 'Staff leave', likelihood: 'low', mitigation: 'Cover' },
          after: { key: 'r3', risk: 'Teachers leave', likelihood: 'high', mitigation: 'Cover' },
          changed_fields: ['risk', 'likelihood'],
        },
      ],
    }),
  ],
};

test('the diff marks changed sections, word insertions and deletions, and added, removed and changed rows', async () => {
  const spy = mockApi([{ method: 'GET', path: '/api/workspaces/necn/agendas/9/submissions/2/diff/', respond: json(200, DIFF) }]);
  renderWithProviders(<DiffPage />, ROUTE);

  expect(await screen.findByRole('heading', { name: 'Changes from submission 1 to submission 2' })).toBeInTheDocument();
  expect(screen.getByText('2 of 3 sections changed')).toBeInTheDocument();
  expect(new URL(requestsOf(spy)[0].url).searchParams.get('against')).toBe('1');

  const goal = screen.getByRole('region', { name: 'Goal' });
  expect(within(goal).getByText('Changed')).toBeInTheDocument();
  const deleted = goal.querySelector('del');
  const inserted = goal.querySelector('ins');
  expect(deleted).toHaveTextContent('[removed] attends');
  expect(inserted).toHaveTextContent('[added] learns in');

  const issue = screen.getByRole('region', { name: 'Issue statement' });
  expect(within(issue).getByText('Unchanged')).toBeInTheDocument();
  expect(issue.querySelector('ins, del')).toBeNull();

  const risks = screen.getByRole('region', { name: 'Risks and mitigation' });
  const rows = within(risks).getAllByRole('listitem');
  expect(rows.map((row) => row.textContent)).toEqual([
    'Added: [added] Budget cuts — Mitigation: Early talks',
    'Removed: [removed] Flooding — Mitigation: Move dates',
    // Only the fields that changed, labelled and in words (not the stored "low" and "high").
    'Changed: [removed] Staff leave [added] Teachers leaveLikelihood: [removed] Low [added] High',
  ]);
});

test('changed methods are named in words: dropped ones struck through, new ones marked added, the note compared', async () => {
  mockApi([
    {
      method: 'GET',
      path: '/api/workspaces/necn/agendas/9/submissions/2/diff/',
      respond: json(200, {
        ...DIFF,
        sections: [
          section({
            section: 'methods',
            kind: 'methods',
            changed: true,
            before: { methods: ['media', 'research'], note: 'Radio first.' },
            after: { methods: ['media', 'lobbying'], note: 'Radio and television.' },
          }),
        ],
      }),
    },
  ]);
  renderWithProviders(<DiffPage />, ROUTE);

  const methods = await screen.findByRole('region', { name: 'Advocacy methods' });
  expect(within(methods).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
    'Media',
    '[added] Lobbying',
    '[removed] Research and evidence',
  ]);
  expect(methods).toHaveTextContent('[removed] Radio first. [added] Radio and television.');
  expect(methods).not.toHaveTextContent(/research|lobbying/);
});
