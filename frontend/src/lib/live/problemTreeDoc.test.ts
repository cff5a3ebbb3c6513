import { act, renderHook } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { useProblemTree } from './problemTreeDoc';
import { connectDocs, createTestSession, seedProblemTree, testPeer } from './testing';
import type { LiveSession } from './types';

function person(doc: Y.Doc, userId: number, overrides: Partial<LiveSession> = {}) {
  const session = createTestSession({ ydoc: doc, peers: [testPeer({ userId, isSelf: true, clientId: doc.clientID })], ...overrides });
  return renderHook(() => useProblemTree(session));
}

function labels(doc: Y.Doc): string[] {
  const nodes = doc.getMap('nodes');
  return [...nodes.values()].map((node) => String((node as Y.Map<unknown>).get('label'))).sort();
}

describe('useProblemTree', () => {
  test('two people editing at once converge on the same tree', () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    seedProblemTree(docA, 'focal1');
    connectDocs(docA, docB);
    const a = person(docA, 1);
    const b = person(docB, 2);

    let first = '';
    act(() => {
      first = a.result.current.add({ parent: 'focal1', kind: 'cause', label: 'No ramps at schools' })!;
      b.result.current.add({ parent: 'focal1', kind: 'effect', label: 'Children stay at home' });
    });
    act(() => {
      a.result.current.add({ parent: first, label: 'No budget for accessibility' });
    });

    const shape = (tree: typeof a.result.current) => tree.nodes.map((node) => [node.text, node.kind, node.depth]);
    expect(shape(a.result.current)).toEqual(shape(b.result.current));
    expect(shape(a.result.current)).toEqual([
      ['Children with disabilities are out of school', 'problem', 0],
      ['Children stay at home', 'effect', 1],
      ['No ramps at schools', 'cause', 1],
      ['No budget for accessibility', 'cause', 2],
    ]);
    expect(b.result.current.byKey.get(first)?.author).toBe(1);
  });

  test('concurrent moves that make a loop end the same way on both sides', () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    seedProblemTree(docA, 'focal1');
    const a = person(docA, 1);
    let x = '';
    let y = '';
    act(() => {
      x = a.result.current.add({ parent: 'focal1', kind: 'cause', label: 'x' })!;
      y = a.result.current.add({ parent: 'focal1', kind: 'cause', label: 'y' })!;
    });
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    const b = person(docB, 2);
    // Offline from each other: A puts x under y, B puts y under x.
    act(() => {
      expect(a.result.current.move(x, { parent: y, index: 0 })).toBe(true);
      expect(b.result.current.move(y, { parent: x, index: 0 })).toBe(true);
    });
    act(() => {
      connectDocs(docA, docB);
    });
    const parents = (tree: typeof a.result.current) => [...tree.byKey.values()].map((node) => [node.key, node.parentKey]).sort();
    expect(parents(a.result.current)).toEqual(parents(b.result.current));
    // Both are on the cycle: both hang below the focal problem.
    expect(a.result.current.byKey.get(x)?.parentKey).toBe('focal1');
    expect(a.result.current.byKey.get(y)?.parentKey).toBe('focal1');
  });

  test('undo removes only my own change', () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    seedProblemTree(docA, 'focal1');
    connectDocs(docA, docB);
    const a = person(docA, 1);
    const b = person(docB, 2);
    act(() => {
      a.result.current.add({ parent: 'focal1', kind: 'cause', label: 'mine' });
    });
    act(() => {
      b.result.current.add({ parent: 'focal1', kind: 'cause', label: 'theirs' });
    });
    expect(a.result.current.canUndo).toBe(true);
    act(() => a.result.current.undo());
    expect(labels(docA)).toEqual(['Children with disabilities are out of school', 'theirs']);
    expect(labels(docB)).toEqual(['Children with disabilities are out of school', 'theirs']);
    expect(a.result.current.canRedo).toBe(true);
    act(() => a.result.current.redo());
    expect(labels(docB)).toEqual(['Children with disabilities are out of school', 'mine', 'theirs']);
  });

  test('deleting removes the subtree, and undo brings it back with its labels', () => {
    const doc = new Y.Doc();
    seedProblemTree(doc, 'focal1');
    const a = person(doc, 1);
    let top = '';
    act(() => {
      top = a.result.current.add({ parent: 'focal1', kind: 'cause', label: 'Teachers lack training' })!;
    });
    act(() => {
      a.result.current.add({ parent: top, label: 'No inclusive-education module' });
    });
    act(() => {
      expect(a.result.current.remove(top)).toBe(true);
    });
    expect(a.result.current.nodes.map((node) => node.text)).toEqual(['Children with disabilities are out of school']);
    act(() => a.result.current.undo());
    expect(a.result.current.nodes.map((node) => node.text)).toEqual([
      'Children with disabilities are out of school',
      'Teachers lack training',
      'No inclusive-education module',
    ]);
  });

  test('the focal problem cannot be deleted or moved, and kinds stay on their side', () => {
    const doc = new Y.Doc();
    seedProblemTree(doc, 'focal1');
    const a = person(doc, 1);
    let effect = '';
    act(() => {
      effect = a.result.current.add({ parent: 'focal1', kind: 'effect', label: 'Lower earnings' })!;
    });
    expect(a.result.current.remove('focal1')).toBe(false);
    expect(a.result.current.move('focal1', { parent: effect, index: 0 })).toBe(false);
    expect(a.result.current.add({ parent: effect, kind: 'cause' })).toBeNull();
    expect(a.result.current.add({ parent: 'focal1' })).toBeNull();
  });

  test('moving up and between siblings sets positions that order them', () => {
    const doc = new Y.Doc();
    seedProblemTree(doc, 'focal1');
    const a = person(doc, 1);
    const keys: string[] = [];
    act(() => {
      for (const label of ['one', 'two', 'three']) keys.push(a.result.current.add({ parent: 'focal1', kind: 'cause', label })!);
    });
    act(() => {
      a.result.current.move(keys[2], { parent: 'focal1', index: 0 });
    });
    expect(a.result.current.causes.map((node) => node.text)).toEqual(['three', 'one', 'two']);
    act(() => {
      a.result.current.move(keys[2], { parent: 'focal1', index: 1 });
    });
    expect(a.result.current.causes.map((node) => node.text)).toEqual(['one', 'three', 'two']);
  });

  test('a read-only session changes nothing', () => {
    const doc = new Y.Doc();
    seedProblemTree(doc, 'focal1');
    const a = person(doc, 1, { mode: 'read' });
    expect(a.result.current.canEdit).toBe(false);
    expect(a.result.current.add({ parent: 'focal1', kind: 'cause', label: 'x' })).toBeNull();
    expect(doc.getMap('nodes').size).toBe(1);
  });

  test('setLabelText edits the shared text with a minimal change', () => {
    const doc = new Y.Doc();
    seedProblemTree(doc, 'focal1', 'Girls drop out');
    const a = person(doc, 1);
    const label = (doc.getMap('nodes').get('focal1') as Y.Map<unknown>).get('label') as Y.Text;
    const deltas: unknown[] = [];
    label.observe((event) => deltas.push(event.delta));
    act(() => a.result.current.setLabelText('focal1', 'Girls drop out early'));
    expect(label.toString()).toBe('Girls drop out early');
    expect(deltas).toEqual([[{ retain: 14 }, { insert: ' early' }]]);
  });
});
