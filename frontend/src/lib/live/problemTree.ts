/**
 * The problem tree as people see it, computed from whatever the shared `nodes` map holds
 * (contract §2). Concurrent edits can leave any shape behind (a parent deleted while someone
 * added a child to it, two moves making a loop, two focal problems): the rules below turn every
 * shape into one tree, and the server's materialiser applies the same rules.
 *
 * Effective parent rule, exactly as the backend applies it (advocacy/documents.py tree_read,
 * /tmp/live4/QUESTIONS.md #2):
 * 1. The focal problem is the `problem` node with the lowest key; any other `problem` node is a
 *    cause hanging directly below it. A node with a missing or unknown kind is a cause.
 * 2. A stored parent that is missing, the node itself, or of an incompatible kind (a cause hangs
 *    below the focal problem or a cause, an effect below the focal problem or an effect) is
 *    replaced by the focal problem.
 * 3. The nodes on a cycle of parents hang directly below the focal problem; what hangs below them
 *    keeps its parent.
 * Siblings are ordered by (position, key). Without any focal problem (a damaged document), nodes
 * without a valid parent are the top level.
 */
import type { LiveText } from './types';

export type TreeNodeKind = 'problem' | 'cause' | 'effect';

/** One entry of the `nodes` map, read leniently (invalid values defaulted). */
export interface RawNode {
  key: string;
  kind: TreeNodeKind;
  parent: string | null;
  position: number;
  label: LiveText | null;
  text: string;
  author: number | null;
}

export interface TreeNode {
  key: string;
  /** The effective kind: a second `problem` node is a cause. */
  kind: TreeNodeKind;
  /** The effective parent; null for the focal problem (and for every node while there is none). */
  parentKey: string | null;
  position: number;
  /** 0 for the focal problem, 1 for what hangs directly below or above it, ... */
  depth: number;
  /** The shared label (null if the entry holds no Y.Text: shown as `text`, replaced on edit). */
  label: LiveText | null;
  text: string;
  author: number | null;
  /** Ordered by (position, key). */
  children: TreeNode[];
}

export interface EffectiveTree {
  focal: TreeNode | null;
  /** What hangs directly above the focal problem, in order. */
  effects: TreeNode[];
  /** What hangs directly below the focal problem, in order. */
  causes: TreeNode[];
  /** Depth first: the focal problem, then every effect subtree, then every cause subtree. */
  nodes: TreeNode[];
  byKey: ReadonlyMap<string, TreeNode>;
}

export function compareSiblings(a: { position: number; key: string }, b: { position: number; key: string }): number {
  if (a.position !== b.position) return a.position - b.position;
  // Plain code-unit order; keys are ASCII ([A-Za-z0-9_-]), so Python's str order agrees.
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function buildTree(raw: Iterable<RawNode>): EffectiveTree {
  const nodes = new Map<string, RawNode>();
  for (const node of raw) nodes.set(node.key, node);

  let focalKey: string | null = null;
  for (const node of nodes.values()) {
    if (node.kind === 'problem' && (focalKey === null || node.key < focalKey)) focalKey = node.key;
  }
  const kindOf = (key: string): TreeNodeKind => {
    const kind = nodes.get(key)!.kind;
    return kind === 'problem' && key !== focalKey ? 'cause' : kind;
  };

  /** Steps 1 and 2: the stored parent if it may hold this node, otherwise the focal problem. */
  const effectiveParent = new Map<string, string | null>();
  for (const node of nodes.values()) {
    if (node.key === focalKey) continue;
    const parent = node.parent;
    let effective: string | null = focalKey;
    if (node.kind === 'problem') {
      effective = focalKey; // a second focal problem: a cause of the first, whatever it says
    } else if (typeof parent === 'string' && parent !== node.key && nodes.has(parent)) {
      if (parent === focalKey || kindOf(parent) === kindOf(node.key)) effective = parent;
    }
    effectiveParent.set(node.key, effective);
  }

  // Step 3: the nodes on a cycle of parent links hang below the focal problem (what hangs below
  // them comes along). Each node has one parent, so every walk ends at the focal problem, at a
  // node seen on an earlier walk, or back on itself.
  const state = new Map<string, 'walking' | 'done'>();
  const onCycle: string[] = [];
  for (const start of effectiveParent.keys()) {
    const walk: string[] = [];
    let key: string | null | undefined = start;
    while (key !== null && key !== undefined && key !== focalKey && !state.has(key)) {
      state.set(key, 'walking');
      walk.push(key);
      key = effectiveParent.get(key);
    }
    if (key !== null && key !== undefined && state.get(key) === 'walking') onCycle.push(...walk.slice(walk.indexOf(key)));
    for (const visited of walk) state.set(visited, 'done');
  }
  for (const key of onCycle) effectiveParent.set(key, focalKey);

  const byKey = new Map<string, TreeNode>();
  for (const node of nodes.values()) {
    byKey.set(node.key, {
      key: node.key,
      kind: kindOf(node.key),
      parentKey: node.key === focalKey ? null : (effectiveParent.get(node.key) ?? null),
      position: node.position,
      depth: 0,
      label: node.label,
      text: node.text,
      author: node.author,
      children: [],
    });
  }
  const roots: TreeNode[] = [];
  for (const node of byKey.values()) {
    if (node.key === focalKey) continue;
    const parent = node.parentKey === null ? undefined : byKey.get(node.parentKey);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  for (const node of byKey.values()) node.children.sort(compareSiblings);
  roots.sort(compareSiblings);

  const focal = focalKey === null ? null : byKey.get(focalKey)!;
  const top = focal ? focal.children : roots;
  const effects = top.filter((node) => node.kind === 'effect');
  const causes = top.filter((node) => node.kind !== 'effect');

  const ordered: TreeNode[] = [];
  const visit = (node: TreeNode, depth: number) => {
    node.depth = depth;
    ordered.push(node);
    for (const child of node.children) visit(child, depth + 1);
  };
  if (focal) ordered.push(focal);
  const base = focal ? 1 : 0;
  for (const node of effects) visit(node, base);
  for (const node of causes) visit(node, base);

  return { focal, effects, causes, nodes: ordered, byKey };
}

// ---------------------------------------------------------------- moves

/** Where to put a node: below `parent`, at `index` among its siblings of the same kind (the node itself left out). */
export interface MoveTarget {
  parent: string;
  index: number;
}

/** The siblings a node is ordered among: same parent and, below the focal problem, same kind. */
export function siblingsOf(tree: EffectiveTree, parentKey: string, kind: TreeNodeKind): TreeNode[] {
  const parent = tree.byKey.get(parentKey);
  if (!parent) return [];
  if (parent.kind === 'problem') return parent.children.filter((child) => (kind === 'effect' ? child.kind === 'effect' : child.kind !== 'effect'));
  return parent.children;
}

export function isDescendant(tree: EffectiveTree, key: string, ancestorKey: string): boolean {
  let current = tree.byKey.get(key);
  while (current && current.parentKey !== null) {
    if (current.parentKey === ancestorKey) return true;
    current = tree.byKey.get(current.parentKey);
  }
  return false;
}

/** Whether `key` may hang below `parentKey` (kinds agree, no loop, the focal problem stays put). */
export function canReparent(tree: EffectiveTree, key: string, parentKey: string): boolean {
  const node = tree.byKey.get(key);
  const parent = tree.byKey.get(parentKey);
  if (!node || !parent || node.kind === 'problem' || key === parentKey) return false;
  if (parent.kind !== 'problem' && parent.kind !== node.kind) return false;
  return !isDescendant(tree, parentKey, key);
}

export interface MoveOptions {
  up: MoveTarget | null;
  down: MoveTarget | null;
  /** Under the sibling before it (as its last child). */
  indent: MoveTarget | null;
  /** Next to its parent, right after it. */
  outdent: MoveTarget | null;
}

export function moveOptions(tree: EffectiveTree, key: string): MoveOptions {
  const none = { up: null, down: null, indent: null, outdent: null };
  const node = tree.byKey.get(key);
  if (!node || node.parentKey === null || node.kind === 'problem') return none;
  const siblings = siblingsOf(tree, node.parentKey, node.kind);
  const index = siblings.findIndex((sibling) => sibling.key === key);
  const previous = index > 0 ? siblings[index - 1] : null;
  const parent = tree.byKey.get(node.parentKey)!;
  let outdent: MoveTarget | null = null;
  if (parent.kind !== 'problem' && parent.parentKey !== null) {
    const around = siblingsOf(tree, parent.parentKey, node.kind);
    outdent = { parent: parent.parentKey, index: around.findIndex((sibling) => sibling.key === parent.key) + 1 };
  }
  return {
    up: index > 0 ? { parent: node.parentKey, index: index - 1 } : null,
    down: index >= 0 && index < siblings.length - 1 ? { parent: node.parentKey, index: index + 1 } : null,
    indent: previous ? { parent: previous.key, index: previous.children.length } : null,
    outdent,
  };
}

/**
 * Positions that put a node at `index` among `siblings` (the node itself not among them). Usually
 * one number between its neighbours; when they tie or floats run out, every sibling is renumbered.
 */
export function positionsFor(
  siblings: readonly { key: string; position: number }[],
  index: number,
): { position: number; renumber: Map<string, number> | null } {
  const at = Math.max(0, Math.min(index, siblings.length));
  const before = at > 0 ? siblings[at - 1].position : null;
  const after = at < siblings.length ? siblings[at].position : null;
  if (before === null && after === null) return { position: 1, renumber: null };
  if (before === null) return { position: after! - 1, renumber: null };
  if (after === null) return { position: before + 1, renumber: null };
  const middle = (before + after) / 2;
  if (after - before > 1e-9 && middle > before && middle < after) return { position: middle, renumber: null };
  const renumber = new Map<string, number>();
  siblings.forEach((sibling, i) => renumber.set(sibling.key, i < at ? i + 1 : i + 2));
  return { position: at + 1, renumber };
}
