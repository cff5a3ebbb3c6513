import { act, renderHook } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { AgendaDocument, agendaDocument, isIsoDate, KEY, randomKey, useAgenda } from './agendaDoc';

const REMOTE = 'remote';

/** Two clients of the same agenda, wired like the server would: every update reaches the other. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(b, update, REMOTE);
  });
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(a, update, REMOTE);
  });
  return { a, b };
}

/** Two clients that edit apart (offline) and exchange their state later. */
function exchange(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), REMOTE);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), REMOTE);
}

function rowMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

describe('agenda document', () => {
  test('two clients that edit apart converge on the same rows in the same order', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const left = new AgendaDocument(a);
    const right = new AgendaDocument(b);

    const mine = left.addRow('objectives', { due: '2027-06-30' });
    left.getSnapshot().rows.objectives[0].texts.statement!.insert(0, 'Budget for inclusive schools');
    const theirs = right.addRow('objectives');
    right.getSnapshot().rows.objectives[0].texts.statement!.insert(0, 'Teacher training on sign language');
    right.setReady('goal', true);
    left.setMethod('media', true);
    exchange(a, b);

    const leftRows = left.getSnapshot().rows.objectives;
    const rightRows = right.getSnapshot().rows.objectives;
    expect(leftRows.map((row) => row.key)).toEqual(rightRows.map((row) => row.key));
    expect(leftRows.map((row) => row.key).sort()).toEqual([mine, theirs].sort());
    expect(leftRows.map((row) => row.statement).sort()).toEqual([
      'Budget for inclusive schools',
      'Teacher training on sign language',
    ]);
    expect(left.getSnapshot().ready.goal).toBe(true);
    expect(right.getSnapshot().methods.media).toBe(true);
  });

  test('live edits reach the other client, text included', () => {
    const { a, b } = pair();
    const left = new AgendaDocument(a);
    const right = new AgendaDocument(b);
    const key = left.addRow('stakeholders', { influence: 5, interest: 2 });
    left.getSnapshot().rows.stakeholders[0].texts.name!.insert(0, 'Ministry of Education');
    right.setField('stakeholders', key, 'stance', 'opposed');

    expect(right.getSnapshot().rows.stakeholders).toMatchObject([
      { key, name: 'Ministry of Education', influence: 5, interest: 2, stance: 'opposed' },
    ]);
    expect(left.getSnapshot().rows.stakeholders[0].stance).toBe('opposed');
  });

  test('rows are ordered by position, then by key', () => {
    const doc = new Y.Doc();
    const risks = doc.getMap('risks');
    risks.set('zzzzzz', rowMap({ position: 1 }));
    risks.set('bbbbbb', rowMap({ position: 2 }));
    risks.set('aaaaaa', rowMap({ position: 2 }));
    risks.set('cccccc', rowMap({ position: -0.5 }));
    const model = new AgendaDocument(doc);
    expect(model.getSnapshot().rows.risks.map((row) => row.key)).toEqual(['cccccc', 'zzzzzz', 'aaaaaa', 'bbbbbb']);
  });

  test('values it does not understand are read as defaults, never thrown', () => {
    const doc = new Y.Doc();
    doc.getMap('ready').set('goal', 'yes');
    doc.getMap('ready').set('risks', true);
    doc.getMap('methods').set('smoke_signals', true);
    doc.getMap('methods').set('litigation', 1);
    const stakeholders = doc.getMap('stakeholders');
    stakeholders.set('not-a-row', 'just a string');
    stakeholders.set('bad key!', rowMap({ position: 0 }));
    stakeholders.set(
      'stake1',
      rowMap({ position: 'first', name: 'Provincial office', category: 'wizard', influence: 9, interest: 2.5, position_: 1 }),
    );
    stakeholders.set('stake2', rowMap({ position: 'supportive', name: new Y.Text('Parents association'), influence: 4 }));
    const actions = doc.getMap('actions');
    actions.set(
      'action1',
      rowMap({ position: 3, activity: new Y.Text('Workshop'), organisation: -2, start: '2026-02-30', due: '2026-12-01', status: 'later', objective: 5 }),
    );

    const model = new AgendaDocument(doc);
    const snapshot = model.getSnapshot();
    expect(snapshot.ready.goal).toBe(false);
    expect(snapshot.ready.risks).toBe(true);
    expect(snapshot.methods).not.toHaveProperty('smoke_signals');
    expect(snapshot.methods.litigation).toBe(false);
    expect(snapshot.rows.stakeholders.map((row) => row.key)).toEqual(['stake1', 'stake2']);
    expect(snapshot.rows.stakeholders[0]).toMatchObject({
      position: 0,
      name: 'Provincial office',
      category: 'other',
      influence: 3,
      interest: 3,
      stance: 'unknown',
      texts: { name: null, notes: null },
    });
    // A stance left in `position` (the contract's first spelling) is still understood.
    expect(snapshot.rows.stakeholders[1]).toMatchObject({ position: 0, stance: 'supportive', name: 'Parents association' });
    expect(snapshot.rows.actions[0]).toMatchObject({
      organisation: null,
      start: null,
      due: '2026-12-01',
      status: 'planned',
      objective: null,
      resources: '',
    });
    expect(snapshot.needsRepair).toBe(true);
  });

  test('repair gives malformed rows their text fields, keeping what they said, and is not undoable', () => {
    const doc = new Y.Doc();
    doc.getMap('objectives').set('obj001', rowMap({ position: 0, statement: 'Plain string statement' }));
    const model = new AgendaDocument(doc);
    model.repair();
    const row = model.getSnapshot().rows.objectives[0];
    expect(row.texts.statement).toBeInstanceOf(Y.Text);
    expect(row.statement).toBe('Plain string statement');
    expect(model.getSnapshot().needsRepair).toBe(false);
    expect(model.getSnapshot().canUndo).toBe(false);
  });

  test('fields refuse values a reader would not accept', () => {
    const model = new AgendaDocument(new Y.Doc());
    const key = model.addRow('stakeholders');
    model.setField('stakeholders', key, 'influence', 7);
    model.setField('stakeholders', key, 'interest', 5);
    model.setField('stakeholders', key, 'category', 'pirate' as never);
    expect(model.getSnapshot().rows.stakeholders[0]).toMatchObject({ influence: 3, interest: 5, category: 'other' });

    const action = model.addRow('actions');
    model.setField('actions', action, 'due', '2027-13-01');
    model.setField('actions', action, 'start', '2027-01-15');
    expect(model.getSnapshot().rows.actions[0]).toMatchObject({ due: null, start: '2027-01-15' });
  });

  test('new rows go to the end with fresh text fields and random keys', () => {
    const doc = new Y.Doc();
    const model = new AgendaDocument(doc);
    const first = model.addRow('indicators');
    const second = model.addRow('indicators');
    const rows = model.getSnapshot().rows.indicators;
    expect(rows.map((row) => row.key)).toEqual([first, second]);
    expect(first).toMatch(KEY);
    expect(first).not.toBe(second);
    expect(rows[0].texts.baseline).toBeInstanceOf(Y.Text);
    expect(rows[0].texts.baseline).not.toBe(rows[1].texts.baseline);
  });

  test('rows move one place up and down, and removed rows disappear', () => {
    const model = new AgendaDocument(new Y.Doc());
    const [one, two, three] = [model.addRow('risks'), model.addRow('risks'), model.addRow('risks')];
    const order = () => model.getSnapshot().rows.risks.map((row) => row.key);

    model.moveRow('risks', three, 'up');
    expect(order()).toEqual([one, three, two]);
    model.moveRow('risks', three, 'up');
    expect(order()).toEqual([three, one, two]);
    model.moveRow('risks', three, 'up');
    expect(order()).toEqual([three, one, two]);
    model.moveRow('risks', three, 'down');
    model.moveRow('risks', three, 'down');
    expect(order()).toEqual([one, two, three]);
    model.removeRow('risks', two);
    expect(order()).toEqual([one, three]);
  });

  test('moving among rows that share a position renumbers them', () => {
    const doc = new Y.Doc();
    const risks = doc.getMap('risks');
    for (const key of ['aaaaaa', 'bbbbbb', 'cccccc']) risks.set(key, rowMap({ position: 1, risk: new Y.Text(key) }));
    const model = new AgendaDocument(doc);
    model.moveRow('risks', 'cccccc', 'up');
    expect(model.getSnapshot().rows.risks.map((row) => row.key)).toEqual(['aaaaaa', 'cccccc', 'bbbbbb']);
    model.moveRow('risks', 'aaaaaa', 'down');
    expect(model.getSnapshot().rows.risks.map((row) => row.key)).toEqual(['cccccc', 'aaaaaa', 'bbbbbb']);
  });

  test('undo takes back only my own change, never a colleague’s', () => {
    const { a, b } = pair();
    const left = new AgendaDocument(a);
    const right = new AgendaDocument(b);
    const theirs = right.addRow('objectives');
    const mine = left.addRow('objectives');
    expect(left.getSnapshot().canUndo).toBe(true);

    left.undo();
    expect(left.getSnapshot().rows.objectives.map((row) => row.key)).toEqual([theirs]);
    expect(right.getSnapshot().rows.objectives.map((row) => row.key)).toEqual([theirs]);
    expect(left.getSnapshot().canRedo).toBe(true);

    left.redo();
    expect(right.getSnapshot().rows.objectives.map((row) => row.key).sort()).toEqual([mine, theirs].sort());
    // Nothing of theirs is on my stack.
    left.undo();
    left.undo();
    expect(left.getSnapshot().rows.objectives.map((row) => row.key)).toEqual([theirs]);
  });

  test('each click is its own undo step, however quickly they follow each other', () => {
    const model = new AgendaDocument(new Y.Doc());
    const first = model.addRow('risks');
    const second = model.addRow('risks');
    model.moveRow('risks', second, 'up');
    model.removeRow('risks', first);
    expect(model.getSnapshot().rows.risks.map((row) => row.key)).toEqual([second]);

    model.undo();
    expect(model.getSnapshot().rows.risks.map((row) => row.key)).toEqual([second, first]);
    model.undo();
    expect(model.getSnapshot().rows.risks.map((row) => row.key)).toEqual([first, second]);
  });

  test('useAgenda re-renders when a colleague changes the document', () => {
    const { a, b } = pair();
    const { result } = renderHook(() => useAgenda({ ydoc: a }));
    expect(result.current.rows.risks).toEqual([]);

    act(() => {
      const key = agendaDocument(b).addRow('risks', { likelihood: 'high' });
      agendaDocument(b).setReady('risks', true);
      expect(key).toMatch(KEY);
    });
    expect(result.current.rows.risks).toMatchObject([{ likelihood: 'high', impact: 'medium', risk: '' }]);
    expect(result.current.ready.risks).toBe(true);

    const before = result.current;
    act(() => result.current.rows.risks[0].texts.risk!.insert(0, 'Elections delay the budget'));
    expect(result.current).not.toBe(before);
    expect(result.current.rows.risks[0].risk).toBe('Elections delay the budget');
  });

  test('knows which prose sections have no words yet', () => {
    const doc = new Y.Doc();
    const model = new AgendaDocument(doc);
    expect(model.getSnapshot().proseEmpty).toEqual({ issue_statement: true, goal: true, policy_support: true });
    const paragraph = new Y.XmlElement('paragraph');
    model.prose.goal.insert(0, [paragraph]);
    expect(model.getSnapshot().proseEmpty.goal).toBe(true);
    paragraph.insert(0, [new Y.XmlText('Every child in school')]);
    expect(model.getSnapshot().proseEmpty.goal).toBe(false);
  });

  test('helpers: keys and dates', () => {
    expect(randomKey()).toMatch(KEY);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-1-05')).toBe(false);
    expect(isIsoDate(20270105)).toBe(false);
  });
});
