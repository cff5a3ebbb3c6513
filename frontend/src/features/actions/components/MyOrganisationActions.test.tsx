import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import i18n from '../../../lib/i18n';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { action, page } from '../testData';
import { MyOrganisationActions } from './MyOrganisationActions';

const ROUTE = { route: '/w/necn', path: '/w/:slug' };
const MINE = '/api/workspaces/necn/my-actions/';

describe('MyOrganisationActions', () => {
  test('lists the organisation’s actions with agenda, group, due date and status; overdue ones say so', async () => {
    mockApi([
      {
        method: 'GET',
        path: MINE,
        respond: json(
          200,
          page([
            action({ id: 7, activity: 'Meet the provincial office', due: '2026-01-05', overdue: true }),
            action({ id: 5, status: 'in_progress' }),
          ]),
        ),
      },
    ]);
    renderWithProviders(<MyOrganisationActions />, ROUTE);

    const late = await screen.findByRole('link', { name: 'Meet the provincial office' });
    const section = screen.getByRole('region', { name: "My organisation's actions" });
    expect(late).toHaveAttribute('href', '/w/necn/actions/7');
    const lateItem = late.closest('li') as HTMLElement;
    expect(lateItem).toHaveClass('is-overdue');
    expect(within(lateItem).getByText('Overdue')).toBeInTheDocument();
    expect(within(lateItem).getByText('Due 5 Jan 2026')).toBeInTheDocument();
    expect(within(lateItem).getByText('Inclusive primary schools · Inclusive education and disability')).toBeInTheDocument();

    const onTime = within(section).getByRole('link', { name: 'Policy brief for the ministry' }).closest('li') as HTMLElement;
    expect(onTime).not.toHaveClass('is-overdue');
    expect(within(onTime).queryByText('Overdue')).toBeNull();
    expect(within(onTime).getByText('In progress')).toBeInTheDocument();
    expect(within(onTime).getByText('Due 31 Mar 2026')).toBeInTheDocument();
  });

  test('with no actions, says when they will appear', async () => {
    mockApi([{ method: 'GET', path: MINE, respond: json(200, page([])) }]);
    renderWithProviders(<MyOrganisationActions />, ROUTE);

    expect(await screen.findByRole('heading', { name: 'No actions for your organisation' })).toBeInTheDocument();
    expect(screen.getByText(/names the organisation you represent/)).toBeInTheDocument();
  });

  test('names the organisation the person represents', async () => {
    mockApi([{ method: 'GET', path: MINE, respond: json(200, page([action({ id: 5 })])) }]);
    renderWithProviders(<MyOrganisationActions organisation={{ name: 'Disability Inclusion Action', acronym: 'DIA' }} />, ROUTE);

    expect(await screen.findByText('Representing Disability Inclusion Action (DIA)')).toBeInTheDocument();
  });

  test('tells someone who represents no organisation how to get one, without asking for actions', async () => {
    const spy = mockApi([{ method: 'GET', path: MINE, respond: json(200, page([])) }]);
    renderWithProviders(<MyOrganisationActions organisation={null} />, ROUTE);

    expect(screen.getByRole('heading', { name: 'You do not represent an organisation here' })).toBeInTheDocument();
    expect(screen.getByText(/Ask a workspace administrator/)).toBeInTheDocument();
    expect(requestsOf(spy)).toHaveLength(0);
  });

  test('is left out, not shown as an error, when the server refuses it', async () => {
    const spy = mockApi([{ method: 'GET', path: MINE, respond: json(403, { detail: 'Not for you.' }) }]);
    const { container } = renderWithProviders(<MyOrganisationActions />, ROUTE);

    expect(screen.getByRole('heading', { name: "My organisation's actions" })).toBeInTheDocument();
    await expect.poll(() => requestsOf(spy).length).toBe(1);
    await expect.poll(() => container.innerHTML).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('pages through a long list', async () => {
    const spy = mockApi([
      {
        method: 'GET',
        path: MINE,
        respond: (request) =>
          new URL(request.url).searchParams.get('page') === '2'
            ? json(200, page([action({ id: 8, activity: 'Second page action' })], { count: 51, previous: `${MINE}?page=1` }))
            : json(200, page([action()], { count: 51, next: `${MINE}?page=2` })),
      },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<MyOrganisationActions />, ROUTE);

    await user.click(await screen.findByRole('button', { name: /Next/ }));
    expect(await screen.findByRole('link', { name: 'Second page action' })).toBeInTheDocument();
    expect(new URL(requestsOf(spy).at(-1)!.url).searchParams.get('page')).toBe('2');
  });

  test('reads in Khmer', async () => {
    await i18n.changeLanguage('km');
    mockApi([{ method: 'GET', path: MINE, respond: json(200, page([action({ overdue: true, due: '2026-01-05' })])) }]);
    renderWithProviders(<MyOrganisationActions />, ROUTE);

    expect(await screen.findByText('ហួសកាលកំណត់')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'សកម្មភាពរបស់អង្គការខ្ញុំ' })).toBeInTheDocument();
    expect(screen.getByText('បានគ្រោងទុក')).toBeInTheDocument();
  });
});
