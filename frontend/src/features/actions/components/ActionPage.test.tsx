import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link, Route, Routes } from 'react-router';
import { describe, expect, test } from 'vitest';
import i18n from '../../../lib/i18n';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import type { ActionDetail, ProgressNote } from '../api/actions';
import { detail } from '../testData';
import { ActionPage } from './ActionPage';

const ROUTE = { route: '/w/necn/actions/5', path: '/w/:slug/actions/:actionId' };
const URL_ = '/api/workspaces/necn/actions/5/';

const NOTE: ProgressNote = {
  id: 1,
  author: { id: 4, name: 'Sophea Lim' },
  text: 'Draft sent to the ministry.',
  created_at: '2026-02-01T08:00:00Z',
};

function writes(spy: ReturnType<typeof mockApi>) {
  return requestsOf(spy).filter((request) => request.method !== 'GET');
}

describe('ActionPage', () => {
  test('shows the action’s details, an overdue due date in words, and its notes', async () => {
    mockApi([{ method: 'GET', path: URL_, respond: json(200, detail({ overdue: true, due: '2026-01-05', notes: [NOTE] })) }]);
    renderWithProviders(<ActionPage />, ROUTE);

    expect(await screen.findByRole('heading', { level: 1, name: 'Policy brief for the ministry' })).toBeInTheDocument();
    expect(screen.getByText('Inclusive primary schools')).toBeInTheDocument();
    expect(screen.getByText('Disability Inclusion Action (DIA)')).toBeInTheDocument();
    expect(screen.getByText('Printing budget')).toBeInTheDocument();
    const due = screen.getByText('Due', { selector: 'dt' }).parentElement as HTMLElement;
    expect(due).toHaveClass('is-overdue');
    expect(within(due).getByText('5 Jan 2026')).toBeInTheDocument();
    expect(within(due).getByText('Overdue')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the agenda' })).toHaveAttribute('href', '/w/necn/agendas/9');
    expect(screen.getByRole('link', { name: 'Back to my dashboard' })).toHaveAttribute('href', '/w/necn');
    const notes = screen.getByRole('region', { name: 'Progress notes' });
    expect(within(notes).getByText('Draft sent to the ministry.')).toBeInTheDocument();
    expect(within(notes).getByText(/^Sophea Lim, /)).toBeInTheDocument();
  });

  test('a representative saves a new status', async () => {
    const spy = mockApi([
      { method: 'GET', path: URL_, respond: json(200, detail()) },
      { method: 'PATCH', path: URL_, respond: json(200, detail({ status: 'in_progress' })) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ActionPage />, ROUTE);

    const form = await screen.findByRole('form', { name: 'Update the status' });
    await user.selectOptions(within(form).getByLabelText('Status'), 'In progress');
    await user.click(within(form).getByRole('button', { name: 'Save status' }));

    expect(await within(form).findByText('Status saved.')).toBeInTheDocument();
    expect(await writes(spy)[0].json()).toEqual({ status: 'in_progress' });
    expect(writes(spy)[0].method).toBe('PATCH');
    // The header's badge shows the saved status.
    const header = screen.getByRole('heading', { level: 1 }).parentElement as HTMLElement;
    expect(within(header).getByText('In progress')).toBeInTheDocument();
  });

  test('a refused status change is explained in the person’s language and the choice is kept', async () => {
    await i18n.changeLanguage('km');
    const message = 'មានតែតំណាងរបស់អង្គការដែលជាម្ចាស់សកម្មភាពនេះប៉ុណ្ណោះ ដែលអាចធ្វើបច្ចុប្បន្នភាពវាបាន។';
    const spy = mockApi([
      { method: 'GET', path: URL_, respond: json(200, detail()) },
      { method: 'PATCH', path: URL_, respond: json(403, { detail: message }) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ActionPage />, ROUTE);

    const form = await screen.findByRole('form', { name: 'ធ្វើបច្ចុប្បន្នភាពស្ថានភាព' });
    const select = within(form).getByLabelText('ស្ថានភាព');
    await user.selectOptions(select, 'បានបញ្ចប់');
    await user.click(within(form).getByRole('button', { name: 'រក្សាទុកស្ថានភាព' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent(message);
    expect(select).toHaveValue('done');
    expect(writes(spy)[0].headers.get('Accept-Language')).toBe('km');
  });

  test('a status the server rejects is shown on the field', async () => {
    mockApi([
      { method: 'GET', path: URL_, respond: json(200, detail()) },
      { method: 'PATCH', path: URL_, respond: json(400, { status: ['Choose a status of the action plan.'] }) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ActionPage />, ROUTE);

    const form = await screen.findByRole('form', { name: 'Update the status' });
    await user.click(within(form).getByRole('button', { name: 'Save status' }));
    expect(await within(form).findByText('Choose a status of the action plan.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Status')).toHaveAttribute('aria-invalid', 'true');
  });

  test('progress notes: an empty note is stopped, a rejected one keeps its text, an accepted one is listed', async () => {
    let notes: ProgressNote[] = [];
    let reject = true;
    const spy = mockApi([
      { method: 'GET', path: URL_, respond: () => json(200, detail({ notes })) },
      {
        method: 'POST',
        path: `${URL_}notes/`,
        respond: async (request) => {
          if (reject) return json(400, { text: ['A progress note is at most 5000 characters.'] });
          const { text } = (await request.json()) as { text: string };
          const note = { ...NOTE, id: 2, text };
          notes = [note];
          return json(201, note);
        },
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ActionPage />, ROUTE);

    const section = await screen.findByRole('region', { name: 'Progress notes' });
    expect(within(section).getByText('No progress notes yet.')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Add note' }));
    expect(await within(section).findByText('Write what has happened.')).toBeInTheDocument();
    expect(writes(spy)).toHaveLength(0);

    const box = within(section).getByLabelText(/New progress note/);
    await user.type(box, 'Met the deputy director.');
    await user.click(within(section).getByRole('button', { name: 'Add note' }));
    expect(await within(section).findByText('A progress note is at most 5000 characters.')).toBeInTheDocument();
    expect(box).toHaveValue('Met the deputy director.');

    reject = false;
    await user.click(within(section).getByRole('button', { name: 'Add note' }));
    expect(await within(section).findByText('Note added.')).toBeInTheDocument();
    expect(within(section).getByText('Met the deputy director.', { selector: 'p' })).toBeInTheDocument();
    expect(box).toHaveValue('');
    expect(await writes(spy).at(-1)!.json()).toEqual({ text: 'Met the deputy director.' });
  });

  test('someone who may not update it reads it only', async () => {
    const readOnly: ActionDetail = detail({ can_update: false, notes: [NOTE] });
    mockApi([{ method: 'GET', path: URL_, respond: json(200, readOnly) }]);
    renderWithProviders(<ActionPage />, ROUTE);

    expect(
      await screen.findByText(
        'Only the representatives of Disability Inclusion Action (DIA), administrators and the executive committee can update this action.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Draft sent to the ministry.')).toBeInTheDocument();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add note' })).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  test('an action the person may not see is not found', async () => {
    mockApi([{ method: 'GET', path: URL_, respond: json(404, { detail: 'Not found.' }) }]);
    renderWithProviders(<ActionPage />, ROUTE);
    expect(await screen.findByRole('heading', { name: 'We could not find this page' })).toBeInTheDocument();
  });

  test('opened from the network list, it leads back to the list as it was', async () => {
    mockApi([{ method: 'GET', path: URL_, respond: json(200, detail()) }]);
    const user = userEvent.setup();
    renderWithProviders(
      <Routes>
        <Route
          path="list"
          element={
            <Link to="/w/necn/actions/5" state={{ from: 'network-list', search: '?status=blocked&page=2' }}>
              Policy brief
            </Link>
          }
        />
        <Route path="actions/:actionId" element={<ActionPage />} />
      </Routes>,
      { route: '/w/necn/list', path: '/w/:slug/*' },
    );

    await user.click(screen.getByRole('link', { name: 'Policy brief' }));
    expect(await screen.findByRole('link', { name: 'Back to network actions' })).toHaveAttribute(
      'href',
      '/w/necn/actions?status=blocked&page=2',
    );
  });
});
