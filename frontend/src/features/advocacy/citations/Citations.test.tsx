import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { AgendaSectionCitations, TreeCitations } from './Citations';

const AGENDA_ROUTE = { route: '/w/necn/agendas/9', path: '/w/:slug/agendas/:agendaId' };

function citation(overrides: Record<string, unknown> = {}) {
  return {
    id: 70,
    node_key: '',
    section: 'goal',
    section_label: 'Goal',
    document: { id: 11, title: 'National Teacher Policy', kind: 'policy', year: 2023, removed: false },
    page: '12',
    quote: 'Every teacher trained by 2030.',
    created_by: { id: 2, name: 'Sophea Lim' },
    created_at: '2026-11-21T08:00:00Z',
    can_edit: true,
    ...overrides,
  };
}

describe('AgendaSectionCitations', () => {
  test('lists the section’s citations, marks removed documents and withholds hidden ones', async () => {
    mockApi([
      {
        method: 'GET',
        path: '/api/workspaces/necn/agendas/9/citations/',
        respond: json(200, {
          can_cite: false,
          citations: [
            citation(),
            citation({ id: 71, document: { id: 12, title: 'Old strategy', kind: 'strategy', year: 2014, removed: true } }),
            citation({ id: 72, document: null, page: '', quote: '' }),
            citation({ id: 73, section: 'risks' }),
          ],
        }),
      },
    ]);
    renderWithProviders(<AgendaSectionCitations agendaId={9} section="goal" sectionTitle="Goal" />, AGENDA_ROUTE);

    const region = await screen.findByRole('region', { name: 'Evidence for Goal' });
    const items = within(region).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(within(items[0]).getByRole('link', { name: 'National Teacher Policy' })).toHaveAttribute(
      'href',
      '/w/necn/policy/documents/11',
    );
    expect(within(region).getByRole('heading', { name: 'Evidence' })).toBeInTheDocument();
    // Kind, year and page read as one line under the title, apart from it.
    expect(within(items[0]).getByText('Policy · 2023 · p. 12')).toBeInTheDocument();
    expect(items[0]).toHaveTextContent('Every teacher trained by 2030.');
    expect(within(items[1]).getByText('Removed from the policy bank')).toBeInTheDocument();
    expect(items[2]).toHaveTextContent('A document you cannot open');
    // Read-only: no way to add or remove.
    expect(screen.queryByRole('button', { name: 'Cite evidence' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
  });

  test('cites a document found with the inline search, with page and quote', async () => {
    let list = { can_cite: true, citations: [] as ReturnType<typeof citation>[] };
    const fetchSpy = mockApi([
      { method: 'GET', path: '/api/workspaces/necn/agendas/9/citations/', respond: () => json(200, list) },
      {
        method: 'GET',
        path: '/api/workspaces/necn/policy/search/',
        respond: json(200, {
          total: 1,
          page: 1,
          page_size: 20,
          results: [{ id: 11, title: 'National Teacher Policy', kind: 'policy', year: 2023, publisher: 'MoEYS', snippet: '' }],
        }),
      },
      {
        method: 'POST',
        path: '/api/workspaces/necn/agendas/9/sections/goal/citations/',
        respond: () => {
          list = { can_cite: true, citations: [citation()] };
          return json(201, list);
        },
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<AgendaSectionCitations agendaId={9} section="goal" sectionTitle="Goal" />, AGENDA_ROUTE);

    await user.click(await screen.findByRole('button', { name: 'Cite evidence' }));
    await user.type(screen.getByRole('searchbox', { name: 'Find a document in the policy bank' }), 'teacher{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Choose National Teacher Policy' }));
    await user.type(screen.getByRole('textbox', { name: /^Page/ }), '12');
    await user.type(screen.getByRole('textbox', { name: /^Quote/ }), 'Every teacher trained by 2030.');
    await user.click(screen.getByRole('button', { name: 'Add citation' }));

    expect(await screen.findByRole('link', { name: 'National Teacher Policy' })).toBeInTheDocument();
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({ document_id: 11, page: '12', quote: 'Every teacher trained by 2030.' });
    const search = requestsOf(fetchSpy).find((request) => request.url.includes('/policy/search/'))!;
    expect(new URL(search.url).searchParams.get('q')).toBe('teacher');
  });

  test('removes a citation after asking', async () => {
    let list = { can_cite: true, citations: [citation()] };
    mockApi([
      { method: 'GET', path: '/api/workspaces/necn/agendas/9/citations/', respond: () => json(200, list) },
      {
        method: 'DELETE',
        path: '/api/workspaces/necn/citations/70/',
        respond: () => {
          list = { can_cite: true, citations: [] };
          return json(204);
        },
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<AgendaSectionCitations agendaId={9} section="goal" sectionTitle="Goal" />, AGENDA_ROUTE);
    await user.click(await screen.findByRole('button', { name: 'Remove the citation of National Teacher Policy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove this citation?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'National Teacher Policy' })).toBeNull());
  });

  test('shows nothing when the citations cannot be loaded (the section still works)', async () => {
    mockApi([]);
    const { container } = renderWithProviders(
      <AgendaSectionCitations agendaId={9} section="goal" sectionTitle="Goal" />,
      AGENDA_ROUTE,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(container).toBeEmptyDOMElement();
  });
});

describe('TreeCitations', () => {
  test('shows each node’s evidence and cites for a chosen node', async () => {
    const fetchSpy = mockApi([
      {
        method: 'GET',
        path: '/api/workspaces/necn/trees/5/citations/',
        respond: json(200, { can_cite: true, citations: [citation({ node_key: 'n1', section: '', section_label: '' })] }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(
      <TreeCitations
        treeId={5}
        nodes={[
          { key: 'n1', label: 'Cause: Too few trained teachers' },
          { key: 'n2', label: 'Effect: Children drop out' },
        ]}
      />,
      { route: '/w/necn/trees/5', path: '/w/:slug/trees/:treeId' },
    );
    const region = await screen.findByRole('region', { name: 'Evidence for Cause: Too few trained teachers' });
    expect(within(region).getByRole('link', { name: 'National Teacher Policy' })).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Cite evidence for' }), 'n2');
    const chosen = screen.getByRole('region', { name: 'Evidence for Effect: Children drop out' });
    await user.click(within(chosen).getByRole('button', { name: 'Cite evidence' }));
    expect(within(chosen).getByRole('searchbox')).toBeInTheDocument();
    expect(requestsOf(fetchSpy)).toHaveLength(1);
  });
});
