import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { useLocation } from 'react-router';
import i18n from '../../../lib/i18n';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { PolicySearchPage } from './PolicySearchPage';

const SEARCH_URL = '/api/workspaces/necn/policy/search/';

function answer(overrides: Record<string, unknown> = {}) {
  return {
    total: 2,
    page: 1,
    page_size: 20,
    query: 'teacher',
    sort: 'relevance',
    filters: { kinds: [], themes: [], countries: [], years: [], languages: [], publishers: [], group: null },
    results: [
      {
        id: 11,
        title: 'National Teacher Policy',
        kind: 'policy',
        year: 2023,
        publisher: 'Ministry of Education, Youth and Sport',
        snippet: 'Every <mark>teacher</mark> trained &lt;script&gt;alert(1)&lt;/script&gt;',
        rank: 0.9,
      },
      {
        id: 12,
        title: 'Inclusive education in Kampong Cham',
        kind: 'case_study',
        year: 2021,
        publisher: 'NEP',
        snippet: 'Support for <mark>teachers</mark> of children with disabilities',
        rank: 0.4,
      },
    ],
    facets: {
      kind: [
        { value: 'policy', count: 1, label: 'Policy' },
        { value: 'case_study', count: 1, label: 'Case study' },
      ],
      theme: [{ value: '3', count: 2, label: 'SDG 4.c Teachers' }],
      country: [{ value: 'KH', count: 2, label: 'KH' }],
      year: [
        { value: '2023', count: 1, label: '2023' },
        { value: '2021', count: 1, label: '2021' },
      ],
      language: [{ value: 'km', count: 1, label: 'km' }],
      publisher: [{ value: 'NEP', count: 1, label: 'NEP' }],
    },
    ...overrides,
  };
}

function ShowUrl() {
  const location = useLocation();
  return <output data-testid="url">{location.search}</output>;
}

function renderPage(route = '/w/necn/policy?q=teacher') {
  return renderWithProviders(
    <>
      <PolicySearchPage canAdd />
      <ShowUrl />
    </>,
    { route, path: '/w/:slug/policy' },
  );
}

describe('PolicySearchPage', () => {
  test('a very common word shows its total as a lower bound and says the facets are a sample', async () => {
    mockApi([
      {
        method: 'GET',
        path: SEARCH_URL,
        respond: json(200, answer({ total: 10000, total_exact: false, facets_exact: false })),
      },
    ]);
    renderPage();

    expect(await screen.findByRole('heading', { name: '10,000+ documents' })).toBeInTheDocument();
    expect(screen.getByText(/these counts come from a sample/)).toBeInTheDocument();
  });

  test('an exact answer shows no sample note', async () => {
    mockApi([{ method: 'GET', path: SEARCH_URL, respond: json(200, answer({ total_exact: true, facets_exact: true })) }]);
    renderPage();

    expect(await screen.findByRole('heading', { name: '2 documents' })).toBeInTheDocument();
    expect(screen.queryByText(/these counts come from a sample/)).not.toBeInTheDocument();
  });

  test('in Khmer the filters name themes, countries and languages in Khmer and say how many are ticked', async () => {
    await i18n.changeLanguage('km');
    const theme = { id: 3, parent: null, code: 'sdg4-c', name_en: 'SDG 4.c Teachers', name_km: 'គោលដៅ ៤.គ គ្រូបង្រៀន', position: 1 };
    mockApi([
      { method: 'GET', path: SEARCH_URL, respond: json(200, answer()) },
      { method: 'GET', path: '/api/workspaces/necn/policy/themes/', respond: json(200, [theme]) },
    ]);
    renderPage('/w/necn/policy?q=teacher&kind=policy');

    // The server labels themes in English; the page looks the Khmer name up.
    expect(await screen.findByRole('checkbox', { name: 'គោលដៅ ៤.គ គ្រូបង្រៀន (2)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'កម្ពុជា (2)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'ខ្មែរ (1)' })).toBeInTheDocument();
    expect(screen.queryByText(/SDG 4\.c Teachers|Cambodia|Khmer/)).toBeNull();
    // Both the folded "Filters" and the kind group say something is ticked.
    expect(screen.getAllByText('បានជ្រើស 1')).toHaveLength(2);
  });

  test('shows results with kind, year, publisher and only the server’s marks highlighted', async () => {
    mockApi([{ method: 'GET', path: SEARCH_URL, respond: json(200, answer()) }]);
    renderPage();

    expect(await screen.findByRole('heading', { name: '2 documents' })).toBeInTheDocument();
    const link = screen.getByRole('link', { name: 'National Teacher Policy' });
    expect(link).toHaveAttribute('href', '/w/necn/policy/documents/11');
    const item = link.closest('li')!;
    expect(within(item).getByText('Policy · 2023 · Ministry of Education, Youth and Sport')).toBeInTheDocument();
    const marks = item.querySelectorAll('mark');
    expect([...marks].map((mark) => mark.textContent)).toEqual(['teacher']);
    // Escaped markup stays text: no script element, the characters shown as typed.
    expect(item.querySelector('script')).toBeNull();
    expect(item).toHaveTextContent('trained <script>alert(1)</script>');
    expect(screen.getByRole('searchbox', { name: 'Search the policy bank' })).toHaveValue('teacher');
    expect(screen.getByRole('checkbox', { name: /Case study \(1\)/ })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: /SDG 4.c Teachers \(2\)/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add a document' })).toHaveAttribute('href', '/w/necn/policy/new');
  });

  test('keeps the words, filters and sort in the URL and sends them to the search', async () => {
    const fetchSpy = mockApi([{ method: 'GET', path: SEARCH_URL, respond: () => json(200, answer()) }]);
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('heading', { name: '2 documents' });

    await user.click(screen.getByRole('checkbox', { name: /Policy \(1\)/ }));
    await waitFor(() => expect(screen.getByTestId('url')).toHaveTextContent('kind=policy'));
    await user.click(screen.getByRole('checkbox', { name: /2021/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'year');
    const search = screen.getByRole('searchbox', { name: 'Search the policy bank' });
    await user.clear(search);
    await user.type(search, '"teacher training" -draft{Enter}');

    await waitFor(() => {
      const last = new URL(requestsOf(fetchSpy).at(-1)!.url);
      expect(last.searchParams.get('q')).toBe('"teacher training" -draft');
      expect(last.searchParams.getAll('kind')).toEqual(['policy']);
      expect(last.searchParams.getAll('year')).toEqual(['2021']);
      expect(last.searchParams.get('sort')).toBe('year');
    });
    const url = new URLSearchParams(screen.getByTestId('url').textContent!);
    expect(url.get('q')).toBe('"teacher training" -draft');
    expect(url.getAll('kind')).toEqual(['policy']);
  });

  test('pages through the results', async () => {
    const fetchSpy = mockApi([
      { method: 'GET', path: SEARCH_URL, respond: () => json(200, answer({ total: 45, page: 1, page_size: 20 })) },
    ]);
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('heading', { name: '45 documents' });
    expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Next/ }));
    await waitFor(() => expect(new URL(requestsOf(fetchSpy).at(-1)!.url).searchParams.get('page')).toBe('2'));
  });

  test('says when nothing matches and shows the server’s error', async () => {
    mockApi([
      {
        method: 'GET',
        path: SEARCH_URL,
        respond: (request) =>
          new URL(request.url).searchParams.get('q') === 'broken'
            ? json(400, { q: ['The search is too long.'] })
            : json(200, answer({ total: 0, results: [], facets: {} })),
      },
    ]);
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByRole('heading', { name: 'No documents found' })).toBeInTheDocument();

    const search = screen.getByRole('searchbox', { name: 'Search the policy bank' });
    await user.clear(search);
    await user.type(search, 'broken{Enter}');
    expect(await screen.findByText('The search is too long.')).toBeInTheDocument();
  });
});
