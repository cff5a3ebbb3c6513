import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { DocumentPage } from './DocumentPage';

const ROUTE = { route: '/w/necn/policy/documents/11', path: '/w/:slug/policy/documents/:documentId' };
const DOC_URL = '/api/workspaces/necn/policy/documents/11/';

const currentFile = {
  id: 5,
  version: 2,
  original_name: 'teacher-policy.pdf',
  content_type: 'application/pdf',
  size: 2_400_000,
  page_count: 40,
  uploaded_by: { id: 2, name: 'Sophea Lim' },
  uploaded_at: '2026-11-20T08:00:00Z',
};

function document(overrides: Record<string, unknown> = {}) {
  return {
    id: 11,
    kind: 'policy',
    title: 'National Teacher Policy',
    other_titles: { km: 'គោលនយោបាយគ្រូជាតិ' },
    summary: 'How teachers are trained and deployed.',
    year: 2023,
    publisher: 'Ministry of Education, Youth and Sport',
    places: ['Kampong Cham'],
    countries: ['KH'],
    languages: ['en', 'km'],
    themes: [{ id: 3, parent: null, code: 'sdg-4c', name_en: 'SDG 4.c Teachers', name_km: 'គ្រូបង្រៀន', position: 0 }],
    external_url: 'https://example.org/teacher-policy',
    licence: 'CC BY 4.0',
    visibility: 'workspace',
    group: null,
    extraction_status: 'failed',
    extraction_error: 'The PDF is encrypted.',
    current_file: currentFile,
    added_by: { id: 2, name: 'Sophea Lim' },
    created_at: '2026-11-20T08:00:00Z',
    updated_at: '2026-11-20T08:00:00Z',
    removed: false,
    permissions: { can_edit: true, can_remove: true },
    ...overrides,
  };
}

const citedBy = {
  document_id: 11,
  citations: [
    {
      citation_id: 70,
      type: 'agenda_section',
      group: { id: 3, name: 'Inclusive education' },
      page: '12',
      created_at: '2026-11-21T08:00:00Z',
      tree_id: null,
      tree_title: '',
      node_key: '',
      node_label: '',
      node_present: false,
      agenda_id: 9,
      agenda_title: 'Inclusive schools',
      section: 'issue_statement',
      section_label: 'Issue statement',
    },
  ],
};

function routes(overrides: Parameters<typeof mockApi>[0] = []) {
  return mockApi([
    ...overrides,
    { method: 'GET', path: DOC_URL, respond: json(200, document()) },
    {
      method: 'GET',
      path: `${DOC_URL}files/`,
      respond: json(200, [currentFile, { ...currentFile, id: 4, version: 1, original_name: 'draft.pdf' }]),
    },
    { method: 'GET', path: `${DOC_URL}cited-by/`, respond: json(200, citedBy) },
    { method: 'GET', path: '/api/workspaces/necn/policy/themes/', respond: json(200, []) },
    { method: 'GET', path: '/api/workspaces/necn/groups/', respond: json(200, { count: 0, next: null, previous: null, results: [] }) },
  ]);
}

describe('DocumentPage', () => {
  test('shows the details, the extraction failure, the files and where it is cited', async () => {
    routes();
    renderWithProviders(<DocumentPage />, ROUTE);

    expect(await screen.findByRole('heading', { name: 'National Teacher Policy', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('គោលនយោបាយគ្រូជាតិ')).toHaveAttribute('lang', 'km');
    expect(screen.getByText('Text could not be extracted')).toBeInTheDocument();
    expect(screen.getByText('The PDF is encrypted.')).toBeInTheDocument();
    expect(screen.getByText('SDG 4.c Teachers')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'https://example.org/teacher-policy' })).toHaveAttribute('rel', 'noopener noreferrer');

    const download = await screen.findByRole('link', { name: 'Download teacher-policy.pdf (version 2)' });
    expect(download).toHaveAttribute('href', '/api/workspaces/necn/policy/documents/11/files/5/download/');
    expect(screen.getByRole('link', { name: 'Download draft.pdf (version 1)' })).toBeInTheDocument();

    const citing = await screen.findByRole('link', { name: 'Inclusive schools' });
    expect(citing).toHaveAttribute('href', '/w/necn/agendas/9');
    expect(citing.closest('li')).toHaveTextContent('Issue statement');
  });

  test('shows the server’s refusal of a new file version next to the field', async () => {
    routes([
      {
        method: 'POST',
        path: `${DOC_URL}files/`,
        respond: json(400, { file: ['This file says it is a PDF but is a ZIP archive.'] }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<DocumentPage />, ROUTE);
    const input = await screen.findByLabelText(/Upload a new version/);
    await user.upload(input, new File(['PK'], 'policy.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: 'Upload new version' }));

    expect(await screen.findByText('This file says it is a PDF but is a ZIP archive.')).toHaveAttribute('role', 'alert');
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });

  test('asks again with the citation count before removing a cited document', async () => {
    const fetchSpy = routes([
      {
        method: 'DELETE',
        path: DOC_URL,
        respond: (request) =>
          new URL(request.url).searchParams.get('confirm') === 'true'
            ? json(204)
            : json(409, { detail: 'This document is cited 3 times.', citation_count: 3 }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<DocumentPage />, ROUTE);
    await user.click(await screen.findByRole('button', { name: 'Remove' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove this document?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));

    expect(await within(dialog).findByText('This document is cited 3 times')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Remove anyway' }));
    await waitFor(() => expect(screen.getByText('Elsewhere')).toBeInTheDocument());
    const deletes = requestsOf(fetchSpy).filter((request) => request.method === 'DELETE');
    expect(deletes.map((request) => new URL(request.url).search)).toEqual(['', '?confirm=true']);
  });

  test('polls while the text is being extracted', async () => {
    let status = 'running';
    routes([{ method: 'GET', path: DOC_URL, respond: () => json(200, document({ extraction_status: status, extraction_error: '' })) }]);
    renderWithProviders(<DocumentPage />, ROUTE);
    expect(await screen.findByText('Reading the file')).toBeInTheDocument();
    status = 'done';
    expect(await screen.findByText('Text extracted', {}, { timeout: 5_000 })).toBeInTheDocument();
  }, 10_000);

  test('hides edit and remove from people who may not', async () => {
    routes([
      {
        method: 'GET',
        path: DOC_URL,
        respond: json(200, document({ permissions: { can_edit: false, can_remove: false } })),
      },
    ]);
    renderWithProviders(<DocumentPage />, ROUTE);
    await screen.findByRole('heading', { name: 'National Teacher Policy', level: 1 });
    expect(screen.queryByRole('button', { name: 'Edit details' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove' })).toBeNull();
    expect(screen.queryByLabelText(/Upload a new version/)).toBeNull();
  });
});
