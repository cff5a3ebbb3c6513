import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import i18n from '../../../lib/i18n';
import { json, mockApi } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import type { HistoryEntry } from '../api/history';
import { HistoryPage } from './HistoryPage';

// Local time: the history groups by the reader's calendar day.
const NOW = new Date(2026, 10, 23, 15, 0, 0);
const at = (days: number, hours: number, minutes: number) =>
  new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() - days, hours, minutes).toISOString();

function entry(overrides: Partial<HistoryEntry> & Pick<HistoryEntry, 'id'>): HistoryEntry {
  return {
    author: { id: 1, name: 'Sophea Lim' },
    action: 'edited',
    path: 'goal',
    target: { type: 'section', section: 'goal', key: null, label: 'Goal', removed: false },
    first_at: at(0, 14, 50),
    last_at: at(0, 14, 55),
    edits: 1,
    ...overrides,
  };
}

function page(results: HistoryEntry[], next: string | null = null, previous: string | null = null) {
  return { count: results.length, next, previous, results };
}

const agendaEntries = [
  entry({ id: 4, edits: 12 }),
  entry({
    id: 3,
    author: { id: 2, name: 'Dara Sok' },
    action: 'added',
    path: 'stakeholders/stake1',
    target: { type: 'row', section: 'stakeholders', key: 'stake1', label: 'Ministry of Education', removed: false },
    last_at: at(0, 9, 0),
  }),
  entry({
    id: 2,
    author: null,
    action: 'removed',
    path: 'risks/risk01',
    target: { type: 'row', section: 'risks', key: 'risk01', label: '', removed: true },
    last_at: at(1, 16, 0),
  }),
  entry({ id: 1, path: 'ready', target: { type: 'section', section: 'ready', key: null, label: 'ready', removed: false }, last_at: at(9, 10, 0) }),
];

describe('HistoryPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('an agenda’s history says who changed what, grouped by day, with relative times', async () => {
    mockApi([
      { method: 'GET', path: '/api/workspaces/necn/agendas/9/', respond: json(200, { id: 9, title: 'Inclusive schools', group: { id: 3, name: 'Inclusion' } }) },
      { method: 'GET', path: '/api/workspaces/necn/agendas/9/history/', respond: json(200, page(agendaEntries)) },
    ]);
    renderWithProviders(<HistoryPage kind="agenda" />, { route: '/w/necn/agendas/9/history', path: '/w/:slug/agendas/:agendaId/history' });

    expect(await screen.findByRole('heading', { level: 1, name: 'History of “Inclusive schools”' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Back to “Inclusive schools”' })).toHaveAttribute('href', '/w/necn/agendas/9');
    const days = (await screen.findAllByRole('heading', { level: 2 })).map((heading) => heading.textContent);
    expect(days).toEqual(['Today', 'Yesterday', expect.stringMatching(/Saturday,? 14 November 2026/)]);

    const today = screen.getByRole('region', { name: 'Today' });
    const items = within(today).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Sophea Lim edited the goal');
    expect(items[0]).toHaveTextContent('5 minutes ago');
    expect(items[0]).toHaveTextContent('12 edits');
    expect(items[1]).toHaveTextContent('Dara Sok added “Ministry of Education” to the stakeholders');
    expect(items[1]).toHaveTextContent('6 hours ago');
    const yesterday = within(screen.getByRole('region', { name: 'Yesterday' })).getByRole('listitem');
    expect(yesterday).toHaveTextContent('Someone removed a row from the risks');
    // Under an earlier day's heading, the time of day.
    expect(yesterday).toHaveTextContent('16:00');
    expect(screen.getByText(/changed which sections are marked ready/)).toBeInTheDocument();
  });

  test('a tree’s history names the items, and pages through older changes', async () => {
    const spy = mockApi([
      { method: 'GET', path: '/api/workspaces/necn/trees/5/', respond: json(200, { id: 5, title: 'Out of school', kind: 'problem', group: { id: 3, name: 'Inclusion' }, nodes: [] }) },
      {
        method: 'GET',
        path: '/api/workspaces/necn/trees/5/history/',
        respond: (request) =>
          new URL(request.url).searchParams.get('page') === '2'
            ? json(200, page([entry({ id: 1, action: 'removed', path: 'nodes/c9', target: { type: 'node', section: 'nodes', key: 'c9', label: 'Old cause', removed: true }, last_at: at(2, 9, 0) })], null, 'p1'))
            : json(
                200,
                page(
                  [entry({ id: 2, action: 'added', path: 'nodes/c1', target: { type: 'node', section: 'nodes', key: 'c1', label: 'No ramps at schools', removed: false } })],
                  'p2',
                ),
              ),
      },
    ]);
    const user = userEvent.setup({ advanceTimers: () => undefined });
    renderWithProviders(<HistoryPage kind="tree" />, { route: '/w/necn/trees/5/history', path: '/w/:slug/trees/:treeId/history' });

    expect(await screen.findByText('added “No ramps at schools”')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Next/ }));
    expect(await screen.findByText('removed “Old cause”')).toBeInTheDocument();
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(3);
  });

  test('reads in Khmer', async () => {
    await i18n.changeLanguage('km');
    mockApi([
      { method: 'GET', path: '/api/workspaces/necn/agendas/9/', respond: json(200, { id: 9, title: 'សាលារៀនបរិយាបន្ន', group: { id: 3, name: 'x' } }) },
      { method: 'GET', path: '/api/workspaces/necn/agendas/9/history/', respond: json(200, page(agendaEntries.slice(0, 1))) },
    ]);
    renderWithProviders(<HistoryPage kind="agenda" />, { route: '/w/necn/agendas/9/history', path: '/w/:slug/agendas/:agendaId/history' });

    expect(await screen.findByRole('heading', { level: 2, name: 'ថ្ងៃនេះ' })).toBeInTheDocument();
    expect(screen.getByRole('listitem')).toHaveTextContent('Sophea Lim បានកែគោលដៅ');
    expect(screen.getByRole('listitem')).toHaveTextContent('5 នាទី​មុន');
  });

  test('an empty history says what will appear', async () => {
    mockApi([
      { method: 'GET', path: '/api/workspaces/necn/agendas/9/', respond: json(200, { id: 9, title: 'Inclusive schools', group: { id: 3, name: 'x' } }) },
      { method: 'GET', path: '/api/workspaces/necn/agendas/9/history/', respond: json(200, page([])) },
    ]);
    renderWithProviders(<HistoryPage kind="agenda" />, { route: '/w/necn/agendas/9/history', path: '/w/:slug/agendas/:agendaId/history' });

    expect(await screen.findByRole('heading', { name: 'No changes yet' })).toBeInTheDocument();
  });
});
