import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { NewDocumentPage } from './NewDocumentPage';

const ROUTE = { route: '/w/necn/policy/new', path: '/w/:slug/policy/new' };
const LIST_URL = '/api/workspaces/necn/policy/documents/';

const lookups: Parameters<typeof mockApi>[0] = [
  {
    method: 'GET',
    path: '/api/workspaces/necn/policy/themes/',
    respond: json(200, [{ id: 3, parent: null, code: 'sdg-4c', name_en: 'SDG 4.c Teachers', name_km: 'គ្រូបង្រៀន', position: 0 }]),
  },
  { method: 'GET', path: '/api/workspaces/necn/groups/', respond: json(200, { count: 0, next: null, previous: null, results: [] }) },
];

describe('NewDocumentPage', () => {
  test('sends the details as JSON when there is no file', async () => {
    const fetchSpy = mockApi([
      { method: 'POST', path: LIST_URL, respond: json(201, { id: 77, title: 'Teacher census 2024' }) },
      ...lookups,
    ]);
    const user = userEvent.setup();
    renderWithProviders(<NewDocumentPage />, ROUTE);

    await user.selectOptions(screen.getByRole('combobox', { name: /Kind/ }), 'dataset');
    await user.type(screen.getByRole('textbox', { name: /^Title(?! in)/ }), 'Teacher census 2024');
    await user.type(screen.getByRole('textbox', { name: /^Year/ }), '2024');
    await user.type(screen.getByRole('textbox', { name: /^Countries/ }), 'kh, th');
    await user.click(await screen.findByRole('checkbox', { name: 'SDG 4.c Teachers' }));
    await user.click(screen.getByRole('button', { name: 'Add document' }));

    await waitFor(() => expect(screen.getByText('Elsewhere')).toBeInTheDocument());
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(post.headers.get('Content-Type')).toContain('application/json');
    const body = await post.json();
    expect(body).toMatchObject({ kind: 'dataset', title: 'Teacher census 2024', year: 2024, countries: ['KH', 'TH'], themes: [3] });
  });

  test('sends a multipart form with the file and shows the server’s refusal', async () => {
    const fetchSpy = mockApi([
      {
        method: 'POST',
        path: LIST_URL,
        respond: json(400, { file: ['The file is encrypted: remove the password and upload it again.'] }),
      },
      ...lookups,
    ]);
    const user = userEvent.setup();
    renderWithProviders(<NewDocumentPage />, ROUTE);
    await user.type(screen.getByRole('textbox', { name: /^Title(?! in)/ }), 'Locked report');
    const input = screen.getByLabelText(/^File/);
    await user.upload(input, new File(['%PDF-1.7'], 'locked.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: 'Add document' }));

    expect(await screen.findByText('The file is encrypted: remove the password and upload it again.')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    const post = requestsOf(fetchSpy).find((request) => request.method === 'POST')!;
    expect(post.headers.get('Content-Type') ?? '').toContain('multipart/form-data');
  });

  test('refuses a file over 25 MB before uploading it', async () => {
    const fetchSpy = mockApi(lookups);
    const user = userEvent.setup();
    renderWithProviders(<NewDocumentPage />, ROUTE);
    await user.type(screen.getByRole('textbox', { name: /^Title(?! in)/ }), 'Huge');
    const big = new File(['x'], 'huge.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 26 * 1024 * 1024 });
    await user.upload(screen.getByLabelText(/^File/), big);
    await user.click(screen.getByRole('button', { name: 'Add document' }));
    expect(await screen.findByText(/larger than 25 MB/)).toBeInTheDocument();
    expect(requestsOf(fetchSpy).some((request) => request.method === 'POST')).toBe(false);
  });
});
