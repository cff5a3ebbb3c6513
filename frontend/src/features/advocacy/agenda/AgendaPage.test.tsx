import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { LiveSession } from '../../../lib/live';
import { agendaDocument } from '../../../lib/live/agendaDoc';
import { createTestSession, seedAgenda, testPeer } from '../../../lib/live/testing';
import { useLiveDocument } from '../../../lib/live/useLiveDocument';
import { json, mockApi } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import type { AgendaDetail } from '../api/agendas';
import { AgendaPage } from './AgendaPage';

vi.mock('../../../lib/live/useLiveDocument', () => ({ useLiveDocument: vi.fn() }));

const ROUTE = { route: '/w/necn/agendas/9', path: '/w/:slug/agendas/:agendaId' };
const DETAIL_URL = '/api/workspaces/necn/agendas/9/';
const ORGANISATIONS_URL = '/api/workspaces/necn/organisations/';

function detail(overrides: Partial<AgendaDetail> = {}): AgendaDetail {
  return {
    id: 9,
    title: 'Inclusive schools in Kampong Cham',
    status: 'draft',
    version: 1,
    group: { id: 3, name: 'Inclusive education and disability' },
    source_tree_id: null,
    created_by: { id: 1, name: 'Sophea Lim' },
    created_at: '2026-11-20T08:00:00Z',
    last_edited_at: '2026-11-21T08:00:00Z',
    last_editors: [],
    can_edit: true,
    can_delete: false,
    issue_statement: '',
    goal: '',
    policy_support: '',
    methods: [],
    methods_note: '',
    ready: [],
    objectives: [],
    stakeholders: [],
    messages: [],
    actions: [],
    indicators: [],
    risks: [],
    ...overrides,
  };
}

const organisations = {
  count: 2,
  next: null,
  previous: null,
  results: [
    { id: 4, name: 'Kampuchea Youth Association', acronym: 'KYA' },
    { id: 7, name: 'Provincial Department of Education', acronym: '' },
  ],
};

let session: LiveSession;

function useSession(overrides: Partial<LiveSession> = {}) {
  session = createTestSession({ setEditing: vi.fn(), ...overrides });
  vi.mocked(useLiveDocument).mockImplementation(() => session);
  return session;
}

function api(agenda = detail()) {
  return mockApi([
    { method: 'GET', path: DETAIL_URL, respond: json(200, agenda) },
    { method: 'GET', path: ORGANISATIONS_URL, respond: json(200, organisations) },
  ]);
}

// Every test renders the whole agenda (ten sections) in jsdom: generous time when the suite runs in parallel.
describe('AgendaPage', { timeout: 20_000 }, () => {
  beforeEach(() => {
    vi.mocked(useLiveDocument).mockReset();
  });

  test('shows every section in order, with a section nav, presence and the saved state', async () => {
    useSession({ peers: [testPeer({ name: 'Dara Sok', editing: 'goal' })] });
    api();
    renderWithProviders(<AgendaPage />, ROUTE);

    expect(await screen.findByRole('heading', { level: 1, name: 'Inclusive schools in Kampong Cham' })).toBeInTheDocument();
    const headings = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(headings).toEqual([
      '1. Issue statement',
      '2. Goal',
      '3. SMART objectives',
      '4. Target audiences and stakeholders',
      '5. Key messages and asks',
      '6. Advocacy methods',
      '7. Action plan',
      '8. Indicators',
      '9. Risks and mitigation',
      '10. Policy support',
    ]);
    const nav = screen.getByRole('navigation', { name: 'Sections of the agenda' });
    expect(within(nav).getByRole('link', { name: 'Action plan' })).toHaveAttribute('href', '#agenda-actions');
    expect(screen.getByText('Saved')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'People here' })).toHaveTextContent('editing Goal');
    expect(within(screen.getByRole('region', { name: '2. Goal' })).getByText('Dara Sok is editing')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Inclusive education and disability' })).toHaveAttribute('href', '/w/necn/groups/3');
    expect(screen.getByRole('link', { name: 'History' })).toHaveAttribute('href', '/w/necn/agendas/9/history');
  });

  test('a section is marked ready for everyone, and the nav says so', async () => {
    useSession();
    api();
    const user = userEvent.setup();
    renderWithProviders(<AgendaPage />, ROUTE);

    const toggle = await screen.findByRole('checkbox', { name: 'Goal: ready' });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);

    expect(toggle).toBeChecked();
    expect(session.ydoc.getMap('ready').get('goal')).toBe(true);
    expect(screen.getByText('1 of 10 sections ready')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Sections of the agenda' });
    expect(within(nav).getByText('(ready)')).toBeInTheDocument();
  });

  test('adds a stakeholder, names it and places it on the influence/interest grid', async () => {
    useSession();
    api();
    const user = userEvent.setup();
    renderWithProviders(<AgendaPage />, ROUTE);
    const section = await screen.findByRole('region', { name: '4. Target audiences and stakeholders' });

    await user.click(within(section).getByRole('button', { name: 'Add a stakeholder' }));
    const card = within(section).getByRole('group', { name: 'Stakeholder 1' });
    const name = within(card).getByRole('textbox', { name: 'Name' });
    await waitFor(() => expect(name).toHaveFocus());
    await user.type(name, 'Ministry');
    await user.selectOptions(within(card).getByRole('combobox', { name: 'Influence' }), '5');
    await user.selectOptions(within(card).getByRole('combobox', { name: 'Interest' }), '1');
    await user.selectOptions(within(card).getByRole('combobox', { name: 'Position on the issue' }), 'opposed');

    const [stakeholder] = agendaDocument(session.ydoc).getSnapshot().rows.stakeholders;
    expect(stakeholder).toMatchObject({ name: 'Ministry', influence: 5, interest: 1, stance: 'opposed' });
    expect(within(section).getByRole('img', { name: /Influence and interest grid/ })).toBeInTheDocument();
    const keepSatisfied = within(section).getByRole('heading', { level: 3, name: 'Keep satisfied' }).parentElement!;
    expect(keepSatisfied).toHaveTextContent('1. Ministry (Opposed)');
    const manageClosely = within(section).getByRole('heading', { level: 3, name: 'Manage closely' }).parentElement!;
    expect(manageClosely).toHaveTextContent('Nobody here.');
  });

  test('a key message is addressed to one of the stakeholders', async () => {
    useSession();
    seedAgenda(session.ydoc, { rows: { stakeholders: { stake1: { position: 0, name: 'Provincial governor', notes: '' } } } });
    api();
    const user = userEvent.setup();
    renderWithProviders(<AgendaPage />, ROUTE);
    const section = await screen.findByRole('region', { name: '5. Key messages and asks' });

    await user.click(within(section).getByRole('button', { name: 'Add a message' }));
    const audience = within(section).getByRole('combobox', { name: 'Audience' });
    expect(within(audience).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Choose a stakeholder…',
      'Provincial governor',
    ]);
    await user.selectOptions(audience, 'stake1');
    await user.type(within(section).getByRole('textbox', { name: 'The ask' }), 'Ramps');

    expect(agendaDocument(session.ydoc).getSnapshot().rows.messages[0]).toMatchObject({ stakeholder: 'stake1', ask: 'Ramps' });
  });

  test('the action plan offers the workspace’s organisations and the agenda’s objectives', async () => {
    useSession();
    seedAgenda(session.ydoc, { rows: { objectives: { obj001: { position: 0, statement: 'Ramps in 200 schools', due: null } }, actions: { act001: { position: 0, activity: 'Meet the governor', resources: '', status: 'planned', organisation: null } } } });
    api();
    const user = userEvent.setup();
    renderWithProviders(<AgendaPage />, ROUTE);
    const section = await screen.findByRole('region', { name: '7. Action plan' });
    const card = within(section).getByRole('group', { name: 'Activity 1' });

    const owner = within(card).getByRole('combobox', { name: 'Lead organisation' });
    await waitFor(() => expect(within(owner).getByRole('option', { name: 'Kampuchea Youth Association (KYA)' })).toBeInTheDocument());
    await user.selectOptions(owner, '4');
    await user.selectOptions(within(card).getByRole('combobox', { name: 'Objective it serves' }), 'obj001');
    await user.selectOptions(within(card).getByRole('combobox', { name: 'Status' }), 'in_progress');
    await user.type(within(card).getByLabelText('Due'), '2027-03-31');

    expect(agendaDocument(session.ydoc).getSnapshot().rows.actions[0]).toMatchObject({
      activity: 'Meet the governor',
      organisation: 4,
      objective: 'obj001',
      status: 'in_progress',
      due: '2027-03-31',
    });
  });

  test('rows move and a removed row comes back with Undo', async () => {
    useSession();
    seedAgenda(session.ydoc, { rows: { risks: { risk01: { position: 0, risk: 'Elections delay the budget', mitigation: '', likelihood: 'high', impact: 'high' }, risk02: { position: 1, risk: 'No data on disability', mitigation: '', likelihood: 'low', impact: 'medium' } } } });
    api();
    const user = userEvent.setup();
    renderWithProviders(<AgendaPage />, ROUTE);
    const section = await screen.findByRole('region', { name: '9. Risks and mitigation' });
    const order = () => agendaDocument(session.ydoc).getSnapshot().rows.risks.map((risk) => risk.key);

    await user.click(within(section).getByRole('button', { name: 'Move “No data on disability” up' }));
    expect(order()).toEqual(['risk02', 'risk01']);

    await user.click(within(section).getByRole('button', { name: 'Remove Elections delay the budget' }));
    expect(order()).toEqual(['risk02']);
    expect(within(section).getByRole('status')).toHaveTextContent('Removed “Elections delay the budget”.');
    const undo = within(section).getByRole('button', { name: 'Undo' });
    expect(undo).toHaveFocus();
    await user.click(undo);
    expect(order()).toEqual(['risk02', 'risk01']);
  });

  test('focus tells the others what I am editing', async () => {
    useSession();
    seedAgenda(session.ydoc, { rows: { objectives: { obj001: { position: 0, statement: 'Ramps in 200 schools', due: null } } } });
    api();
    const user = userEvent.setup();
    renderWithProviders(<AgendaPage />, ROUTE);
    const section = await screen.findByRole('region', { name: '3. SMART objectives' });

    await user.click(within(section).getByRole('textbox', { name: 'Objective' }));
    expect(session.setEditing).toHaveBeenLastCalledWith('objectives/obj001');
    await user.click(screen.getByRole('checkbox', { name: 'Advocacy methods: ready' }));
    expect(session.setEditing).toHaveBeenLastCalledWith('methods');
  });

  test('people who may only read see the values, without any field', async () => {
    useSession({ mode: 'read', status: 'readOnly' });
    seedAgenda(session.ydoc, { rows: { objectives: { obj001: { position: 0, statement: 'Ramps in 200 schools', due: '2027-12-31' } }, actions: { act001: { position: 0, activity: 'Meet the governor', resources: '', status: 'done', organisation: 12 } } }, ready: { objectives: true }, methods: { media: true }, methodsNote: 'Radio talk shows in Khmer' });
    api(detail({ can_edit: false, actions: [{ key: 'act001', position: 0, activity: 'Meet the governor', organisation: { id: 12, name: 'Old partner NGO', acronym: '' }, start: null, due: null, resources: '', status: 'done', objective: null }] }));
    renderWithProviders(<AgendaPage />, ROUTE);
    const objectives = await screen.findByRole('region', { name: '3. SMART objectives' });

    expect(screen.getByText(/Only the group's members/)).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: '1. Issue statement' })).getByText('Nothing here yet.')).toBeInTheDocument();
    expect(within(objectives).getByRole('table')).toHaveTextContent('Ramps in 200 schools');
    expect(within(objectives).getByText('31 Dec 2027')).toBeInTheDocument();
    expect(within(objectives).getByText('Ready')).toBeInTheDocument();
    expect(within(objectives).queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('button', { name: /Add/ })).toBeNull();
    expect(screen.getByRole('region', { name: '6. Advocacy methods' })).toHaveTextContent('Radio talk shows in Khmer');
    const actions = screen.getByRole('region', { name: '7. Action plan' });
    expect(within(actions).getByText('Old partner NGO')).toBeInTheDocument();
    expect(within(actions).getByText('Done')).toBeInTheDocument();
  });

  test('a submitted agenda is frozen even for its editors', async () => {
    useSession();
    api(detail({ status: 'submitted' }));
    renderWithProviders(<AgendaPage />, ROUTE);

    expect(await screen.findByText(/This agenda is “Submitted for review”/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add an objective' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  test('an agenda the person may not see is not found', async () => {
    useSession({ status: 'denied', mode: 'read' });
    mockApi([{ method: 'GET', path: DETAIL_URL, respond: json(404, { detail: 'Not found.' }) }]);
    renderWithProviders(<AgendaPage />, ROUTE);

    expect(await screen.findByRole('heading', { name: 'We could not find this page' })).toBeInTheDocument();
  });
});
