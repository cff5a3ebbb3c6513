import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { describe, expect, test } from 'vitest';
import i18n from '../../../lib/i18n';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { action, page } from '../testData';
import { ActionsPage } from './ActionsPage';

const LIST = '/api/workspaces/necn/actions/';
const GROUPS = { method: 'GET', path: '/api/workspaces/necn/groups/', respond: json(200, page([{ id: 3, name: 'Inclusive education and disability' }, { id: 4, name: 'Gender' }])) };
const ORGANISATIONS = {
  method: 'GET',
  path: '/api/workspaces/necn/organisations/',
  respond: json(200, page([{ id: 2, name: 'Disability Inclusion Action', acronym: 'DIA' }, { id: 6, name: 'Girls Education Fund', acronym: '' }])),
};

const ROWS = [
  action({ id: 7, activity: 'Meet the provincial office', due: '2026-01-05', overdue: true }),
  action({ id: 5, status: 'done', organisation: null }),
];

function ShowUrl() {
  const location = useLocation();
  return <output data-testid="url">{location.search}</output>;
}

function renderPage(route = '/w/necn/actions') {
  return renderWithProviders(
    <>
      <ActionsPage />
      <ShowUrl />
    </>,
    { route, path: '/w/:slug/actions' },
  );
}

function listRequests(spy: ReturnType<typeof mockApi>) {
  return requestsOf(spy)
    .map((request) => new URL(request.url))
    .filter((url) => url.pathname === LIST);
}

describe('ActionsPage', () => {
  test('shows every action with its group, organisation, due date and status; overdue rows are marked in words too', async () => {
    mockApi([{ method: 'GET', path: LIST, respond: json(200, page(ROWS)) }, GROUPS, ORGANISATIONS]);
    renderPage();

    expect(await screen.findByRole('heading', { name: '2 actions' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Actions of the approved advocacy agendas' });
    const late = within(table).getByRole('link', { name: 'Meet the provincial office' });
    expect(late).toHaveAttribute('href', '/w/necn/actions/7');
    const lateRow = late.closest('tr') as HTMLElement;
    expect(lateRow).toHaveClass('is-overdue');
    expect(within(lateRow).getByText('Overdue')).toBeInTheDocument();
    expect(within(lateRow).getByText('Disability Inclusion Action (DIA)')).toBeInTheDocument();
    expect(within(lateRow).getByText('Inclusive education and disability')).toBeInTheDocument();
    expect(within(lateRow).getByText('Agenda: Inclusive primary schools')).toBeInTheDocument();

    const doneRow = within(table).getByRole('link', { name: 'Policy brief for the ministry' }).closest('tr') as HTMLElement;
    expect(doneRow).not.toHaveClass('is-overdue');
    expect(within(doneRow).queryByText('Overdue')).toBeNull();
    expect(within(doneRow).getByText('Done')).toBeInTheDocument();
    expect(within(doneRow).getByText('No organisation')).toBeInTheDocument();
    // Each cell names its column, for the stacked cards on a phone.
    expect(within(doneRow).getByText('Done').closest('td')).toHaveAttribute('data-label', 'Status');
  });

  test('filters from the URL go to the API and to the CSV export; changing them updates the URL', async () => {
    const spy = mockApi([{ method: 'GET', path: LIST, respond: json(200, page(ROWS)) }, GROUPS, ORGANISATIONS]);
    const user = userEvent.setup();
    renderPage('/w/necn/actions?group=3&status=planned&due_from=2026-01-01');

    await screen.findByRole('heading', { name: '2 actions' });
    const first = listRequests(spy)[0];
    expect(Object.fromEntries(first.searchParams)).toEqual({ group: '3', status: 'planned', due_from: '2026-01-01', page: '1' });
    const exportLink = screen.getByRole('link', { name: 'Export CSV' });
    expect(exportLink).toHaveAttribute('href', '/api/workspaces/necn/actions/export/?group=3&status=planned&due_from=2026-01-01');
    expect(exportLink).toHaveAttribute('download');

    // The dropdowns are filled from the groups and organisations APIs.
    const groupSelect = screen.getByLabelText('Working group');
    await waitFor(() => expect(groupSelect).toHaveDisplayValue('Inclusive education and disability'));
    await user.selectOptions(screen.getByLabelText('Organisation'), 'Girls Education Fund');
    await user.click(screen.getByRole('checkbox', { name: 'Overdue only' }));
    fireEvent.change(screen.getByLabelText('Due until'), { target: { value: '2026-06-30' } });

    await waitFor(() =>
      expect(screen.getByTestId('url')).toHaveTextContent(
        '?group=3&status=planned&due_from=2026-01-01&organisation=6&overdue=true&due_to=2026-06-30',
      ),
    );
    await waitFor(() =>
      expect(Object.fromEntries(listRequests(spy).at(-1)!.searchParams)).toEqual({
        group: '3',
        organisation: '6',
        status: 'planned',
        due_from: '2026-01-01',
        due_to: '2026-06-30',
        overdue: 'true',
        page: '1',
      }),
    );
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toContain('overdue=true');
    expect(screen.getByRole('link', { name: 'Meet the provincial office' })).toHaveAttribute('href', '/w/necn/actions/7');

    await user.click(screen.getByRole('button', { name: 'Clear all filters' }));
    await waitFor(() => expect(screen.getByTestId('url')).toBeEmptyDOMElement());
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/workspaces/necn/actions/export/');
  });

  test('moves between pages through the URL', async () => {
    const spy = mockApi([
      {
        method: 'GET',
        path: LIST,
        respond: (request) =>
          new URL(request.url).searchParams.get('page') === '2'
            ? json(200, page([action({ id: 9, activity: 'Later action' })], { count: 51, previous: `${LIST}?page=1` }))
            : json(200, page(ROWS, { count: 51, next: `${LIST}?page=2` })),
      },
      GROUPS,
      ORGANISATIONS,
    ]);
    const user = userEvent.setup();
    renderPage('/w/necn/actions?status=planned');

    await user.click(await screen.findByRole('button', { name: /Next/ }));
    expect(await screen.findByRole('link', { name: 'Later action' })).toBeInTheDocument();
    expect(screen.getByTestId('url')).toHaveTextContent('?status=planned&page=2');
    expect(listRequests(spy).at(-1)!.searchParams.get('status')).toBe('planned');
  });

  test('says when nothing matches the filters, and when a date filter is the wrong way round', async () => {
    mockApi([{ method: 'GET', path: LIST, respond: json(200, page([])) }, GROUPS, ORGANISATIONS]);
    renderPage('/w/necn/actions?due_from=2026-06-01&due_to=2026-01-01');

    expect(await screen.findByRole('heading', { name: 'No action matches these filters' })).toBeInTheDocument();
    expect(screen.getByLabelText('Due until')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/before the “Due from” date/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Export CSV' })).toBeNull();
  });

  test('a filter the server rejects is shown on its field', async () => {
    mockApi([
      { method: 'GET', path: LIST, respond: json(400, { due_from: ['Date has wrong format. Use YYYY-MM-DD.'] }) },
      GROUPS,
      ORGANISATIONS,
    ]);
    renderPage('/w/necn/actions?due_from=yesterday');

    expect(await screen.findByText('Some filters are not valid. Correct them above.')).toBeInTheDocument();
    expect(screen.getByText('Date has wrong format. Use YYYY-MM-DD.')).toBeInTheDocument();
    expect(screen.getByLabelText('Due from')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('link', { name: 'Export CSV' })).toBeNull();
  });

  test('someone outside the executive committee gets a clear message in their language, and no export', async () => {
    await i18n.changeLanguage('km');
    mockApi([
      { method: 'GET', path: LIST, respond: json(403, { detail: 'Only administrators and the executive committee see every organisation’s actions.' }) },
      GROUPS,
      ORGANISATIONS,
    ]);
    renderPage();

    expect(
      await screen.findByRole('heading', { name: 'សម្រាប់តែគណៈកម្មាធិការប្រតិបត្តិ និងអ្នកគ្រប់គ្រងប៉ុណ្ណោះ' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'ទៅកាន់ផ្ទាំងគ្រប់គ្រងរបស់ខ្ញុំ' })).toHaveAttribute('href', '/w/necn');
    expect(screen.queryByRole('link', { name: 'នាំចេញជា CSV' })).toBeNull();
    expect(screen.queryByRole('search')).toBeNull();
  });

  test('reads in Khmer', async () => {
    await i18n.changeLanguage('km');
    mockApi([{ method: 'GET', path: LIST, respond: json(200, page(ROWS)) }, GROUPS, ORGANISATIONS]);
    renderPage();

    expect(await screen.findByRole('heading', { name: 'សកម្មភាពចំនួន 2' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'សកម្មភាពបណ្ដាញ' })).toBeInTheDocument();
    expect(screen.getByText('ហួសកាលកំណត់')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'តែសកម្មភាពហួសកាលកំណត់' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'នាំចេញជា CSV' })).toBeInTheDocument();
  });
});
