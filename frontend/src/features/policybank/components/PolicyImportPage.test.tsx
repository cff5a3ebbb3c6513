import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { json, mockApi } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { PolicyImportPage } from './PolicyImportPage';

const ROUTE = { route: '/w/necn/policy/import', path: '/w/:slug/policy/import' };

function job(overrides: Record<string, unknown> = {}) {
  return {
    id: 42,
    kind: 'policy_documents_import',
    status: 'queued',
    progress: 0,
    input_name: 'documents.csv',
    result: null,
    errors: [],
    error: '',
    created_at: '2026-11-23T10:00:00Z',
    finished_at: null,
    ...overrides,
  };
}

describe('PolicyImportPage', () => {
  test('documents the columns and offers the template', () => {
    mockApi([]);
    renderWithProviders(<PolicyImportPage />, ROUTE);
    expect(screen.getByRole('link', { name: 'Download the template' })).toHaveAttribute(
      'href',
      '/api/workspaces/necn/policy/imports/template/',
    );
    for (const column of ['title', 'kind', 'themes', 'external_url']) {
      expect(screen.getByText(column, { selector: 'code' })).toBeInTheDocument();
    }
  });

  test('follows the job and lists the rows to fix when it fails', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let current = job();
    mockApi([
      { method: 'POST', path: '/api/workspaces/necn/policy/imports/', respond: () => json(202, current) },
      { method: 'GET', path: '/api/workspaces/necn/jobs/42/', respond: () => json(200, current) },
    ]);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderWithProviders(<PolicyImportPage />, ROUTE);
    await user.upload(screen.getByLabelText(/^File/), new File(['title\n'], 'documents.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Upload and import' }));
    expect(await screen.findByText('Waiting to start…')).toBeInTheDocument();

    current = job({
      status: 'failed',
      progress: 80,
      error: 'The file has 1 error. Nothing was imported.',
      errors: [{ row: 4, column: 'kind', message: 'Unknown kind “memo”.' }],
    });
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    expect(await screen.findByText('Nothing was imported')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Rows to fix' });
    expect(within(table).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['4', 'kind', 'Unknown kind “memo”.']);
    vi.useRealTimers();
  });

  test('shows the server’s file error', async () => {
    mockApi([
      {
        method: 'POST',
        path: '/api/workspaces/necn/policy/imports/',
        respond: json(400, { file: ['The file has no “title” column. Download the template to see the expected columns.'] }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<PolicyImportPage />, ROUTE);
    await user.upload(screen.getByLabelText(/^File/), new File(['x\n'], 'documents.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Upload and import' }));
    expect(await screen.findByText(/has no “title” column/)).toHaveAttribute('role', 'alert');
  });
});
