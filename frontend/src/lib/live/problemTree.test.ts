import { describe, expect, test } from 'vitest';
import { buildTree, canReparent, moveOptions, positionsFor, type RawNode, type TreeNodeKind } from './problemTree';

function node(key: string, kind: TreeNodeKind, parent: string | null, position = 0): RawNode {
  return { key, kind, parent, position, label: null, text: key, author: null };
}

const focal = node('P', 'problem', null);

function parents(raw: RawNode[]): Record<string, string | null> {
  const tree = buildTree(raw);
  return Object.fromEntries([...tree.byKey.values()].map((n) => [n.key, n.parentKey]));
}

describe('effective parent rule', () => {
  test('a valid chain is kept as written', () => {
    expect(parents([focal, node('c1', 'cause', 'P'), node('c2', 'cause', 'c1'), node('e1', 'effect', 'P'), node('e2', 'effect', 'e1')])).toEqual({
      P: null,
      c1: 'P',
      c2: 'c1',
      e1: 'P',
      e2: 'e1',
    });
  });

  test('a missing parent, itself or a null parent hangs below the focal problem', () => {
    expect(parents([focal, node('a', 'cause', 'gone'), node('b', 'cause', 'b'), node('c', 'effect', null)])).toEqual({
      P: null,
      a: 'P',
      b: 'P',
      c: 'P',
    });
  });

  test('a parent of the incompatible kind is ignored', () => {
    expect(parents([focal, node('e', 'effect', 'P'), node('c', 'cause', 'P'), node('x', 'cause', 'e'), node('y', 'effect', 'c')])).toMatchObject({
      x: 'P',
      y: 'P',
    });
  });

  test('the nodes on a loop hang below the focal problem; what hangs below them comes along', () => {
    // a -> b -> a is a loop; c hangs below a and keeps its parent (as the backend materialises it).
    expect(
      parents([focal, node('a', 'cause', 'b'), node('b', 'cause', 'a'), node('c', 'cause', 'a'), node('d', 'cause', 'P'), node('e', 'cause', 'd')]),
    ).toEqual({ P: null, a: 'P', b: 'P', c: 'a', d: 'P', e: 'd' });
    expect(parents([focal, node('x', 'effect', 'y'), node('y', 'effect', 'z'), node('z', 'effect', 'x'), node('w', 'effect', 'w')])).toEqual({
      P: null,
      x: 'P',
      y: 'P',
      z: 'P',
      w: 'P',
    });
  });

  test('a second problem node hangs below the focal problem whatever its stored parent', () => {
    expect(parents([focal, node('c', 'cause', 'P'), node('Q', 'problem', 'c')])).toMatchObject({ Q: 'P' });
  });

  test('without any focal problem, nodes without a valid parent are the top level', () => {
    const tree = buildTree([node('a', 'cause', null), node('b', 'cause', 'a'), node('e', 'effect', 'a')]);
    expect(tree.focal).toBeNull();
    expect(tree.causes.map((n) => n.key)).toEqual(['a']);
    expect(tree.effects.map((n) => n.key)).toEqual(['e']);
    expect(tree.byKey.get('b')?.parentKey).toBe('a');
  });

  test('the lowest key is the focal problem; another problem node is a cause', () => {
    const tree = buildTree([node('Zed', 'problem', null), node('Abc', 'problem', null), node('k', 'cause', 'Zed'), node('f', 'effect', 'Zed')]);
    expect(tree.focal?.key).toBe('Abc');
    expect(tree.byKey.get('Zed')).toMatchObject({ kind: 'cause', parentKey: 'Abc' });
    expect(tree.byKey.get('k')?.parentKey).toBe('Zed');
    // An effect below the demoted problem (now a cause) is incompatible.
    expect(tree.byKey.get('f')?.parentKey).toBe('Abc');
  });

  test('siblings are ordered by position, then key; effects and causes are split', () => {
    const tree = buildTree([focal, node('b', 'cause', 'P', 1), node('a', 'cause', 'P', 1), node('z', 'cause', 'P', 0), node('e', 'effect', 'P', 5)]);
    expect(tree.causes.map((n) => n.key)).toEqual(['z', 'a', 'b']);
    expect(tree.effects.map((n) => n.key)).toEqual(['e']);
    expect(tree.nodes.map((n) => [n.key, n.depth])).toEqual([
      ['P', 0],
      ['e', 1],
      ['z', 1],
      ['a', 1],
      ['b', 1],
    ]);
  });
});

describe('moves', () => {
  const tree = buildTree([
    focal,
    node('c1', 'cause', 'P', 1),
    node('c2', 'cause', 'P', 2),
    node('c3', 'cause', 'c2', 1),
    node('e1', 'effect', 'P', 1),
  ]);

  test('up, down, indent and outdent targets', () => {
    expect(moveOptions(tree, 'c1')).toEqual({ up: null, down: { parent: 'P', index: 1 }, indent: null, outdent: null });
    expect(moveOptions(tree, 'c2')).toEqual({
      up: { parent: 'P', index: 0 },
      down: null,
      indent: { parent: 'c1', index: 0 },
      outdent: null,
    });
    expect(moveOptions(tree, 'c3').outdent).toEqual({ parent: 'P', index: 2 });
    // Effects are not siblings of causes for ordering.
    expect(moveOptions(tree, 'e1')).toEqual({ up: null, down: null, indent: null, outdent: null });
  });

  test('a node cannot go below itself, its descendants or the other kind', () => {
    expect(canReparent(tree, 'c2', 'c3')).toBe(false);
    expect(canReparent(tree, 'c2', 'c2')).toBe(false);
    expect(canReparent(tree, 'c1', 'e1')).toBe(false);
    expect(canReparent(tree, 'P', 'c1')).toBe(false);
    expect(canReparent(tree, 'c3', 'c1')).toBe(true);
    expect(canReparent(tree, 'e1', 'P')).toBe(true);
  });

  test('positions go between neighbours, and siblings are renumbered when they tie', () => {
    const siblings = [
      { key: 'a', position: 1 },
      { key: 'b', position: 2 },
    ];
    expect(positionsFor(siblings, 0)).toEqual({ position: 0, renumber: null });
    expect(positionsFor(siblings, 1)).toEqual({ position: 1.5, renumber: null });
    expect(positionsFor(siblings, 2)).toEqual({ position: 3, renumber: null });
    expect(positionsFor([], 0)).toEqual({ position: 1, renumber: null });
    const tie = positionsFor(
      [
        { key: 'a', position: 1 },
        { key: 'b', position: 1 },
      ],
      1,
    );
    expect(tie.position).toBe(2);
    expect([...tie.renumber!]).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
  });
});
