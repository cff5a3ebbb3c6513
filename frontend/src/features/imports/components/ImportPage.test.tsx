import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { FakeWebSocket } from '../../../test/fakeSocket';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { ImportPage } from './ImportPage';

const ROUTE = { route: '/w/necn/admin/import', path: '/w/:slug/admin/import' };

function job(overrides: Record<string, unknown> = {}) {
  return {
    id: 42,
    kind: 'organisations_import',
    status: 'queued',
    progress: 0,
    input_name: 'members.csv',
    result: null,
    errors: [],
    error: '',
    created_at: '2026-11-23T10:00:00Z',
    finished_at: null,
    ...overrides,
  };
}

function csv(name = 'members.csv', size?: number) {
  const file = new File(['name,acronym\nKampuchea Youth Association,KYA\n'], name, { type: 'text/csv' });
  if (size !== undefined) Object.defineProperty(file, 'size', { value: size });
  return file;
}

function progressBar() {
  return screen.getByTestId('import-progress');
}

async function startImport(user: ReturnType<typeof userEvent.setup>, file = csv()) {
  await user.upload(screen.getByLabelText(/^File/), file);
  await user.click(screen.getByRole('button', { name: 'Upload and import' }));
}

describe('ImportPage', () => {
  test('follows the job live (socket and 2-second poll) and shows the summary', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let current = job();
    const fetchSpy = mockApi([
      { method: 'POST', path: '/api/workspaces/necn/imports/', respond: () => json(202, current) },
      { method: 'GET', path: '/api/workspaces/necn/jobs/42/', respond: () => json(200, current) },
    ]);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderWithProviders(<ImportPage />, ROUTE);

    await user.click(screen.getByRole('radio', { name: 'Organisations' }));
    await startImport(user);

    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    expect(bar).toBe(progressBar());
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    expect(screen.getByText('Waiting to start…')).toBeInTheDocument();

    const upload = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(upload.headers.get('X-CSRFToken')).toBe('test-csrf-token');
    expect(upload.headers.get('Content-Type') ?? '').not.toContain('application/json');

    // The worker reports progress through the events socket.
    const socket = await waitFor(() => {
      expect(FakeWebSocket.latest()).toBeDefined();
      return FakeWebSocket.latest()!;
    });
    expect(socket.url).toBe('ws://localhost:3000/ws/events/');
    act(() => socket.open());
    current = job({ status: 'running', progress: 40 });
    act(() => socket.receive({ type: 'job.progress', job: current }));
    await waitFor(() => expect(progressBar()).toHaveAttribute('aria-valuenow', '40'));
    expect(screen.getByText('Importing… 40% done')).toBeInTheDocument();

    // The socket then goes quiet; the poll picks up the end of the job.
    current = job({
      status: 'succeeded',
      progress: 100,
      result: { created: 12, updated: 3, unchanged: 5, rows: 20 },
      finished_at: '2026-11-23T10:00:09Z',
    });
    await act(() => vi.advanceTimersByTimeAsync(2_000));

    expect(await screen.findByText('Import finished')).toBeInTheDocument();
    expect(progressBar()).toHaveAttribute('aria-valuenow', '100');
    const summary = screen.getByText('Import finished').closest('[role="status"]') as HTMLElement;
    expect(within(summary).getByText('Created').nextElementSibling).toHaveTextContent('12');
    expect(within(summary).getByText('Updated').nextElementSibling).toHaveTextContent('3');
    expect(within(summary).getByText('Unchanged').nextElementSibling).toHaveTextContent('5');

    // Finished: no more polling.
    const polls = requestsOf(fetchSpy).filter((request) => request.method === 'GET').length;
    await act(() => vi.advanceTimersByTimeAsync(6_000));
    expect(requestsOf(fetchSpy).filter((request) => request.method === 'GET')).toHaveLength(polls);
  });

  test('lists the rows to fix and says that nothing was imported when the job fails', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let current = job({ kind: 'people_import' });
    mockApi([
      { method: 'POST', path: '/api/workspaces/necn/imports/', respond: () => json(202, current) },
      { method: 'GET', path: '/api/workspaces/necn/jobs/42/', respond: () => json(200, current) },
    ]);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderWithProviders(<ImportPage />, ROUTE);

    await user.click(screen.getByRole('radio', { name: 'People' }));
    await startImport(user, csv('people.csv'));
    await screen.findByTestId('import-progress');

    current = job({
      kind: 'people_import',
      status: 'failed',
      progress: 90,
      error: 'The file has 2 errors. Nothing was imported.',
      errors: [
        { row: 3, column: 'email', message: '“dara@” is not a valid e-mail address.' },
        { row: 7, column: 'role', message: 'Unknown role “boss”.' },
      ],
    });
    await act(() => vi.advanceTimersByTimeAsync(2_000));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Nothing was imported');
    expect(alert).toHaveTextContent('No organisation or person was created or changed.');
    const table = screen.getByRole('table', { name: 'Rows to fix' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      '3',
      'email',
      '“dara@” is not a valid e-mail address.',
    ]);
    expect(within(rows[1]).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      '7',
      'role',
      'Unknown role “boss”.',
    ]);
    expect(screen.getByRole('button', { name: 'Import another file' })).toBeInTheDocument();
  });

  test('gives the server’s reason when a job fails without row errors', async () => {
    mockApi([
      {
        method: 'POST',
        path: '/api/workspaces/necn/imports/',
        respond: json(202, job({ status: 'failed', error: 'The file could not be read as CSV or XLSX.' })),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ImportPage />, ROUTE);
    await startImport(user);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Nothing was imported');
    expect(alert).toHaveTextContent('The file could not be read as CSV or XLSX.');
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByTestId('import-progress')).toBeInTheDocument();
  });

  test('shows the server’s file error next to the file field', async () => {
    mockApi([
      {
        method: 'POST',
        path: '/api/workspaces/necn/imports/',
        respond: json(400, { file: ['This is not a CSV or XLSX file.'] }),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ImportPage />, ROUTE);
    await startImport(user, csv('photo.csv'));

    const input = screen.getByLabelText(/^File/);
    expect(await screen.findByText('This is not a CSV or XLSX file.')).toHaveAttribute('role', 'alert');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/This is not a CSV or XLSX file\./);
    expect(screen.queryByTestId('import-progress')).not.toBeInTheDocument();
  });

  test('refuses a file over 5 MB before uploading it', async () => {
    const fetchSpy = mockApi([]);
    const user = userEvent.setup();
    renderWithProviders(<ImportPage />, ROUTE);
    await startImport(user, csv('big.csv', 6 * 1024 * 1024));

    expect(await screen.findByText(/larger than 5 MB/)).toBeInTheDocument();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  test('offers the template for the chosen kind and documents its columns', async () => {
    mockApi([]);
    const user = userEvent.setup();
    renderWithProviders(<ImportPage />, ROUTE);
    await user.click(screen.getByRole('radio', { name: 'People' }));
    expect(screen.getByRole('link', { name: /Download the template for People/ })).toHaveAttribute(
      'href',
      '/api/workspaces/necn/import-template/?kind=people',
    );
    for (const column of ['email', 'display_name', 'role', 'organisation', 'preferred_language']) {
      expect(screen.getByText(column, { selector: 'code' })).toBeInTheDocument();
    }
  });
});
