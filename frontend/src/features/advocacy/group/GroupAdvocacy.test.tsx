import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import { GroupAdvocacy } from './GroupAdvocacy';

const ROUTE = { route: '/w/necn/groups/3', path: '/w/:slug/groups/:groupId' };
const TREES_URL = '/api/workspaces/necn/groups/3/trees/';
const AGENDAS_URL = '/api/workspaces/necn/groups/3/agendas/';

function page(results: unknown[]) {
  return { count: results.length, next: null, previous: null, results };
}

const problemTree = {
  id: 5,
  title: 'Children with disabilities out of school',
  kind: 'problem',
  status: 'active',
  node_counts: { causes: 4, effects: 2 },
  last_edited_at: '2026-11-20T08:00:00Z',
  last_editors: [{ id: 1, name: 'Sophea Lim' }],
  can_edit: false,
};
const objectivesTree = {
  ...problemTree,
  id: 6,
  title: 'Children with disabilities in school',
  kind: 'objectives',
  last_edited_at: '2026-11-22T08:00:00Z',
  last_editors: [
    { id: 2, name: 'Dara Sok' },
    { id: 1, name: 'Sophea Lim' },
  ],
};
const agenda = {
  id: 9,
  title: 'Inclusive schools in Kampong Cham',
  status: 'draft',
  version: 1,
  ready_sections: { count: 4, total: 10 },
  last_edited_at: '2026-11-22T09:00:00Z',
  last_editors: [{ id: 2, name: 'Dara Sok' }],
  can_edit: false,
};
const objectivesDetail = {
  id: 6,
  title: 'Children with disabilities in school',
  kind: 'objectives',
  group: { id: 3, name: 'Inclusion' },
  source_tree_id: 5,
  created_by: null,
  created_at: '2026-11-20T08:00:00Z',
  last_edited_at: '2026-11-22T08:00:00Z',
  last_editors: [],
  can_edit: false,
  nodes: [
    { key: 'focal1', parent_key: null, kind: 'problem', label: 'Children with disabilities attend school', position: 0, depth: 0, dots: 0, is_top: false },
    { key: 'c1', parent_key: 'focal1', kind: 'cause', label: 'Schools have ramps', position: 0, depth: 1, dots: 0, is_top: false },
  ],
  top_vote: null,
};

describe('GroupAdvocacy', () => {
  test('lists the group’s trees and agendas with status and last editors, and draws the latest tree', async () => {
    mockApi([
      { method: 'GET', path: TREES_URL, respond: json(200, page([problemTree, objectivesTree])) },
      { method: 'GET', path: AGENDAS_URL, respond: json(200, page([agenda])) },
      { method: 'GET', path: '/api/workspaces/necn/trees/6/', respond: json(200, objectivesDetail) },
    ]);
    renderWithProviders(<GroupAdvocacy groupId={3} canCreate={false} />, ROUTE);

    const trees = await screen.findByRole('table', { name: '2 problem trees' });
    expect(within(trees).getByRole('link', { name: 'Children with disabilities out of school' })).toHaveAttribute('href', '/w/necn/trees/5');
    expect(within(trees).getByText('Objectives tree')).toBeInTheDocument();
    expect(within(trees).getByText('Causes: 4 · Effects: 2')).toBeInTheDocument();
    expect(within(trees).getByText('Means: 4 · Ends: 2')).toBeInTheDocument();
    expect(within(trees).getAllByText('In progress')).toHaveLength(2);
    expect(within(trees).getByText('by Dara Sok and Sophea Lim')).toBeInTheDocument();

    const agendas = await screen.findByRole('table', { name: '1 advocacy agenda' });
    expect(within(agendas).getByRole('link', { name: 'Inclusive schools in Kampong Cham' })).toHaveAttribute('href', '/w/necn/agendas/9');
    expect(within(agendas).getByText('Draft')).toBeInTheDocument();
    expect(within(agendas).getByRole('progressbar', { name: 'Inclusive schools in Kampong Cham' })).toHaveAttribute('aria-valuenow', '40');

    expect(screen.getByRole('heading', { level: 3, name: 'Most recently edited: Children with disabilities in school' })).toBeInTheDocument();
    expect(await screen.findByRole('img', { name: /Children with disabilities in school/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New problem tree' })).toBeNull();
  });

  test('a member starts an agenda from the objectives tree and lands on it', async () => {
    const spy = mockApi([
      { method: 'GET', path: TREES_URL, respond: json(200, page([problemTree, objectivesTree])) },
      { method: 'GET', path: AGENDAS_URL, respond: json(200, page([])) },
      { method: 'GET', path: '/api/workspaces/necn/trees/6/', respond: json(200, objectivesDetail) },
      { method: 'POST', path: AGENDAS_URL, respond: json(201, { ...agenda, id: 12 }) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<GroupAdvocacy groupId={3} canCreate />, ROUTE);

    expect(await screen.findByRole('heading', { name: 'No advocacy agendas yet' })).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'New advocacy agenda' })[0]);
    const dialog = screen.getByRole('dialog', { name: 'New advocacy agenda' });
    await user.click(within(dialog).getByRole('button', { name: 'Create and open' }));
    expect(within(dialog).getByText('Give the agenda a title.')).toBeInTheDocument();

    await user.type(within(dialog).getByRole('textbox', { name: /Title/ }), 'Inclusive schools');
    expect(within(dialog).getByRole('combobox', { name: /Start from a tree/ })).toHaveValue('6');
    await user.click(within(dialog).getByRole('button', { name: 'Create and open' }));

    await waitFor(() => expect(screen.getByText('Elsewhere')).toBeInTheDocument());
    const post = requestsOf(spy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({ title: 'Inclusive schools', source_tree_id: 6 });
  });

  test('a member starts a problem tree with its focal problem', async () => {
    const spy = mockApi([
      { method: 'GET', path: TREES_URL, respond: json(200, page([])) },
      { method: 'GET', path: AGENDAS_URL, respond: json(200, page([])) },
      { method: 'POST', path: TREES_URL, respond: json(201, { id: 8, title: 'Dropout', kind: 'problem', group: { id: 3, name: 'x' } }) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<GroupAdvocacy groupId={3} canCreate />, ROUTE);

    expect(await screen.findByRole('heading', { name: 'No problem trees yet' })).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'New problem tree' })[0]);
    const dialog = screen.getByRole('dialog', { name: 'New problem tree' });
    await user.type(within(dialog).getByRole('textbox', { name: /Title/ }), 'Dropout');
    await user.type(within(dialog).getByRole('textbox', { name: /Focal problem/ }), 'Girls leave school after grade 6');
    await user.click(within(dialog).getByRole('button', { name: 'Create and open' }));

    await waitFor(() => expect(screen.getByText('Elsewhere')).toBeInTheDocument());
    const post = requestsOf(spy).find((request) => request.method === 'POST')!;
    expect(await post.json()).toEqual({ title: 'Dropout', focal_problem: 'Girls leave school after grade 6' });
  });

  test('people who may only read see no create buttons', async () => {
    mockApi([
      { method: 'GET', path: TREES_URL, respond: json(200, page([])) },
      { method: 'GET', path: AGENDAS_URL, respond: json(200, page([])) },
    ]);
    renderWithProviders(<GroupAdvocacy groupId={3} canCreate={false} />, ROUTE);

    expect(await screen.findByText(/The group's members write an advocacy agenda/)).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
