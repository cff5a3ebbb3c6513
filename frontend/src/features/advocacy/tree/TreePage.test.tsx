import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { useLiveDocument } from '../../../lib/live/useLiveDocument';
import { addTreeNode, createTestSession, testPeer, treeNodeKeys, treeNodeState } from '../../../lib/live/testing';
import type { LiveSession } from '../../../lib/live';
import { json, mockApi, requestsOf } from '../../../test/http';
import { renderWithProviders } from '../../../test/render';
import type { TreeDetail } from './api';
import TreePage from './TreePage';

vi.mock('../../../lib/live/useLiveDocument', () => ({ useLiveDocument: vi.fn() }));

const ROUTE = { route: '/w/necn/trees/5', path: '/w/:slug/trees/:treeId' };
const DETAIL_URL = '/api/workspaces/necn/trees/5/';

function detail(overrides: Partial<TreeDetail> = {}): TreeDetail {
  return {
    id: 5,
    title: 'Children with disabilities out of school',
    kind: 'problem',
    status: 'active',
    group: { id: 3, name: 'Inclusive education' },
    source_tree_id: null,
    created_by: { id: 1, name: 'Sophea Lim' },
    created_at: '2026-11-20T08:00:00Z',
    last_edited_at: '2026-11-21T08:00:00Z',
    last_editors: [],
    can_edit: true,
    can_delete: false,
    nodes: [
      { key: 'focal1', parent_key: null, kind: 'problem', label: 'Children with disabilities are out of school', position: 0, depth: 0, dots: 0, is_top: false },
      { key: 'c1', parent_key: 'focal1', kind: 'cause', label: 'No ramps at schools', position: 1, depth: 1, dots: 4, is_top: true },
    ],
    top_vote: null,
    vote_sessions: [],
    ...overrides,
  };
}

function seededSession(): LiveSession {
  const session = createTestSession();
  const doc = session.ydoc;
  addTreeNode(doc, { key: 'focal1', kind: 'problem', parent: null, position: 0, label: 'Children with disabilities are out of school' });
  addTreeNode(doc, { key: 'c1', kind: 'cause', parent: 'focal1', position: 1, label: 'No ramps at schools' });
  addTreeNode(doc, { key: 'c2', kind: 'cause', parent: 'focal1', position: 2, label: 'Teachers are not trained' });
  addTreeNode(doc, { key: 'e1', kind: 'effect', parent: 'focal1', position: 1, label: 'Lower earnings as adults' });
  return session;
}

const labelOf = (session: LiveSession, key: string) => treeNodeState(session.ydoc, key)?.label;
const parentOf = (session: LiveSession, key: string) => treeNodeState(session.ydoc, key)?.parent;

let session: LiveSession;

function useSession(overrides: Partial<LiveSession> = {}) {
  session = createTestSession({
    ydoc: seededSession().ydoc,
    peers: [
      testPeer({ clientId: 1, userId: 1, name: 'Sophea Lim', isSelf: true }),
      testPeer({ clientId: 2, userId: 2, name: 'Dara Sok', editing: 'nodes/c2', color: '#9c2f2f' }),
    ],
    ...overrides,
  });
  vi.mocked(useLiveDocument).mockReturnValue(session);
  return session;
}

beforeEach(() => {
  vi.mocked(useLiveDocument).mockReset();
});

describe('TreePage', () => {
  test('shows the tree from the live document, with presence, status and the dot-vote results', async () => {
    useSession();
    mockApi([{ method: 'GET', path: DETAIL_URL, respond: json(200, detail()) }]);
    renderWithProviders(<TreePage />, ROUTE);

    expect(await screen.findByRole('heading', { level: 1, name: 'Children with disabilities out of school' })).toBeInTheDocument();
    expect(vi.mocked(useLiveDocument)).toHaveBeenCalledWith('tree', 5);
    expect(screen.getByRole('link', { name: '← Inclusive education' })).toHaveAttribute('href', '/w/necn/groups/3');
    expect(screen.getByRole('link', { name: 'History' })).toHaveAttribute('href', '/w/necn/trees/5/history');
    expect(screen.getByText('Saved')).toBeInTheDocument();

    const presence = screen.getByRole('region', { name: 'People here' });
    expect(within(presence).getByText('Sophea Lim (you)')).toBeInTheDocument();
    expect(within(presence).getByText('editing Cause “Teachers are not trained”')).toBeInTheDocument();

    expect(screen.getByRole('textbox', { name: 'Focal problem' })).toHaveValue('Children with disabilities are out of school');
    expect(screen.getByRole('textbox', { name: 'Cause 1' })).toHaveValue('No ramps at schools');
    expect(screen.getByRole('textbox', { name: 'Cause 2' })).toHaveValue('Teachers are not trained');
    expect(screen.getByRole('textbox', { name: 'Effect 1' })).toHaveValue('Lower earnings as adults');
    expect(screen.getByText('Top priority')).toBeInTheDocument();
    expect(screen.getByText('4 dots')).toBeInTheDocument();
    expect(screen.getByText('Dara Sok editing')).toBeInTheDocument();
  });

  test('adding a cause with the button focuses its field, and typing fills the shared label', async () => {
    const live = useSession();
    mockApi([{ method: 'GET', path: DETAIL_URL, respond: json(200, detail()) }]);
    renderWithProviders(<TreePage />, ROUTE);

    await userEvent.click(await screen.findByRole('button', { name: 'Add a cause' }));
    const field = screen.getByRole('textbox', { name: 'Cause 3' });
    expect(field).toHaveFocus();
    await userEvent.type(field, 'Schools are far away');
    const added = treeNodeKeys(live.ydoc).find((key) => !['focal1', 'c1', 'c2', 'e1'].includes(key))!;
    expect(labelOf(live, added)).toBe('Schools are far away');
    expect(parentOf(live, added)).toBe('focal1');
  });

  test('the outline is operable from the keyboard: add, indent, move and outdent', async () => {
    const live = useSession();
    mockApi([{ method: 'GET', path: DETAIL_URL, respond: json(200, detail()) }]);
    renderWithProviders(<TreePage />, ROUTE);

    const second = await screen.findByRole('textbox', { name: 'Cause 2' });
    second.focus();
    // Alt+Shift+→ puts "Teachers are not trained" under the cause above it.
    await userEvent.keyboard('{Alt>}{Shift>}{ArrowRight}{/Shift}{/Alt}');
    expect(parentOf(live, 'c2')).toBe('c1');
    const moved = screen.getByRole('textbox', { name: 'Cause 1.1' });
    expect(moved).toHaveFocus();

    // Enter adds the next item at the same level (another sub-cause of c1), focused.
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('textbox', { name: 'Cause 1.2' })).toHaveFocus();
    await userEvent.keyboard('Budget cuts');
    // Alt+Shift+↑ moves it above "Teachers are not trained".
    await userEvent.keyboard('{Alt>}{Shift>}{ArrowUp}{/Shift}{/Alt}');
    expect(screen.getByRole('textbox', { name: 'Cause 1.1' })).toHaveValue('Budget cuts');
    expect(screen.getByRole('textbox', { name: 'Cause 1.1' })).toHaveFocus();
    // Alt+Shift+← takes it back out, right after its former parent.
    await userEvent.keyboard('{Alt>}{Shift>}{ArrowLeft}{/Shift}{/Alt}');
    expect(screen.getByRole('textbox', { name: 'Cause 2' })).toHaveValue('Budget cuts');
    // Ctrl+Enter adds a sub-cause below it.
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.getByRole('textbox', { name: 'Cause 2.1' })).toHaveFocus();
  });

  test('deleting shows a notice whose Undo brings the item back', async () => {
    const live = useSession();
    addTreeNode(live.ydoc, { key: 'c3', kind: 'cause', parent: 'c1', position: 1, label: 'Ramps cost too much' });
    mockApi([{ method: 'GET', path: DETAIL_URL, respond: json(200, detail()) }]);
    renderWithProviders(<TreePage />, ROUTE);

    await userEvent.click(await screen.findByRole('button', { name: 'Actions for Cause 1' }));
    const actions = screen.getByRole('group', { name: 'Actions for Cause 1' });
    await userEvent.click(within(actions).getByRole('button', { name: 'Delete' }));
    expect(treeNodeState(live.ydoc, 'c1')).toBeNull();
    expect(treeNodeState(live.ydoc, 'c3')).toBeNull();
    const notice = screen.getByText('Deleted “No ramps at schools” and the item below it.').closest('[role="status"]') as HTMLElement;
    expect(notice).toBeInTheDocument();

    await userEvent.click(within(notice).getByRole('button', { name: 'Undo' }));
    expect(labelOf(live, 'c1')).toBe('No ramps at schools');
    expect(labelOf(live, 'c3')).toBe('Ramps cost too much');
    expect(screen.queryByText(/Deleted/)).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Cause 1.1' })).toHaveValue('Ramps cost too much');
  });

  test('read-only: no editing controls, the text is shown, and the reason is explained', async () => {
    useSession({ mode: 'read', status: 'readOnly' });
    mockApi([{ method: 'GET', path: DETAIL_URL, respond: json(200, detail({ can_edit: false })) }]);
    renderWithProviders(<TreePage />, ROUTE);

    expect(await screen.findByText('No ramps at schools')).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add a cause' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Actions for/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Turn into objectives' })).not.toBeInTheDocument();
    expect(screen.getByText(/Only members of the group/)).toBeInTheDocument();
  });

  test('"Turn into objectives" creates the objectives tree and opens it', async () => {
    useSession();
    const objectives = detail({ id: 9, title: 'Children with disabilities in school', kind: 'objectives', source_tree_id: 5 });
    const spy = mockApi([
      { method: 'GET', path: DETAIL_URL, respond: json(200, detail()) },
      { method: 'POST', path: '/api/workspaces/necn/trees/5/objectives/', respond: json(201, objectives) },
      { method: 'GET', path: '/api/workspaces/necn/trees/9/', respond: json(200, objectives) },
    ]);
    renderWithProviders(<TreePage />, ROUTE);

    await userEvent.click(await screen.findByRole('button', { name: 'Turn into objectives' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Children with disabilities in school' })).toBeInTheDocument();
    expect(requestsOf(spy).some((request) => request.method === 'POST' && request.url.endsWith('/trees/5/objectives/'))).toBe(true);
    expect(vi.mocked(useLiveDocument)).toHaveBeenLastCalledWith('tree', 9);
    // An objectives tree names its parts positively.
    expect(screen.getByText(/^Objectives tree/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Focal objective' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Means 1' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Made from a problem tree' })).toHaveAttribute('href', '/w/necn/trees/5');
  });

  test('the diagram view draws the same tree, moves a node dropped on another, and exports SVG', async () => {
    const live = useSession();
    mockApi([{ method: 'GET', path: DETAIL_URL, respond: json(200, detail()) }]);
    const created: Blob[] = [];
    vi.stubGlobal(
      'URL',
      class extends URL {
        static override createObjectURL(blob: Blob) {
          created.push(blob);
          return 'blob:tree';
        }
        static override revokeObjectURL() {}
      },
    );
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderWithProviders(<TreePage />, ROUTE);

    await userEvent.click(await screen.findByRole('tab', { name: 'Diagram' }));
    expect(screen.getByRole('tab', { name: 'Diagram' })).toHaveAttribute('aria-selected', 'true');
    const picture = screen.getByRole('img', { name: /Children with disabilities out of school/ });
    expect(within(picture).getByText('No ramps at schools')).toBeInTheDocument();
    // Long labels wrap onto several lines.
    expect(within(picture).getByText('Lower earnings as')).toBeInTheDocument();
    expect(within(picture).getByText('adults')).toBeInTheDocument();

    // Drag "Teachers are not trained" onto "No ramps at schools".
    const svg = picture as unknown as SVGSVGElement;
    const box = (key: string) => {
      const group = svg.querySelector(`[data-key="${key}"]`)!;
      const [, x, y] = /translate\(([\d.]+) ([\d.]+)\)/.exec(group.getAttribute('transform')!)!;
      return { group, x: Number(x) + 20, y: Number(y) + 10 };
    };
    const from = box('c2');
    const to = box('c1');
    fireEvent.pointerDown(from.group, { button: 0, clientX: from.x, clientY: from.y, pointerId: 1 });
    fireEvent.pointerMove(svg, { clientX: to.x, clientY: to.y, pointerId: 1 });
    fireEvent.pointerUp(svg, { clientX: to.x, clientY: to.y, pointerId: 1 });
    expect(parentOf(live, 'c2')).toBe('c1');

    await userEvent.click(screen.getByRole('button', { name: 'Download SVG' }));
    await waitFor(() => expect(created).toHaveLength(1));
    const markup = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(created[0]);
    });
    expect(markup).toContain('<title>Children with disabilities out of school</title>');
    expect(markup).toContain('No ramps at schools');
    expect(markup).toContain('Noto Sans Khmer');
  });

  test('a facilitator running the group work opens a dot vote on the causes; everyone is pointed to it', async () => {
    useSession();
    const opened = detail({ top_vote: { id: 9, question: 'Which causes matter most?', status: 'open', session_id: 4, meeting_id: 7 } });
    const spy = mockApi([
      { method: 'GET', path: DETAIL_URL, respond: json(200, detail({ vote_sessions: [{ id: 4, meeting_id: 7, meeting_title: 'Joint meeting' }] })) },
      { method: 'POST', path: '/api/workspaces/necn/trees/5/cause-vote/', respond: json(201, opened) },
    ]);
    renderWithProviders(<TreePage />, ROUTE);

    await userEvent.click(await screen.findByRole('button', { name: 'Prioritise causes with a dot vote' }));
    const dialog = screen.getByRole('dialog', { name: 'Vote on the causes' });
    await userEvent.clear(within(dialog).getByLabelText(/Dots per person/));
    await userEvent.type(within(dialog).getByLabelText(/Dots per person/), '2');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Open the vote' }));

    expect(await screen.findByRole('link', { name: 'Go to the vote' })).toHaveAttribute('href', '/w/necn/meetings/7/live');
    expect(screen.queryByRole('button', { name: 'Prioritise causes with a dot vote' })).not.toBeInTheDocument();
    const post = requestsOf(spy).find((request) => request.method === 'POST');
    expect(await post?.json()).toEqual({ session_id: 4, dots_per_person: 2, closes_in_minutes: 5 });
  });
});
