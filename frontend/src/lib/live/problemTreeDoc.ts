/**
 * The problem tree's live document model (contract §2): the root map `nodes`, key -> Y.Map
 * { kind, parent, position, label: Y.Text, author }. Reads go through the effective-tree rules
 * of problemTree.ts; writes are single transactions with a local origin, so each person's
 * Y.UndoManager undoes only their own changes.
 */
import { useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import {
  buildTree,
  canReparent,
  positionsFor,
  siblingsOf,
  type EffectiveTree,
  type MoveTarget,
  type RawNode,
  type TreeNode,
  type TreeNodeKind,
} from './problemTree';
import { diffText } from './textDiff';
import type { LiveSession } from './types';

export type { MoveTarget, TreeNode, TreeNodeKind } from './problemTree';

const KINDS: readonly TreeNodeKind[] = ['problem', 'cause', 'effect'];
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** The origin of this tab's tree edits: what the undo manager tracks. */
export const TREE_ORIGIN = Symbol('problem-tree-local');

export function newNodeKey(length = 12): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => KEY_ALPHABET[byte & 63]).join('');
}

/** Reads the `nodes` map leniently: unknown kinds count as causes, odd positions as 0. */
export function readNodes(map: Y.Map<unknown>): RawNode[] {
  const out: RawNode[] = [];
  for (const [key, value] of map.entries()) {
    if (!(value instanceof Y.Map)) continue;
    const kind = value.get('kind');
    const parent = value.get('parent');
    const position = value.get('position');
    const label = value.get('label');
    const author = value.get('author');
    out.push({
      key,
      kind: KINDS.includes(kind as TreeNodeKind) ? (kind as TreeNodeKind) : 'cause',
      parent: typeof parent === 'string' ? parent : null,
      position: typeof position === 'number' && Number.isFinite(position) ? position : 0,
      label: label instanceof Y.Text ? label : null,
      text: label instanceof Y.Text ? label.toString() : typeof label === 'string' ? label : '',
      author: typeof author === 'number' ? author : null,
    });
  }
  return out;
}

interface TreeSnapshot {
  tree: EffectiveTree;
  canUndo: boolean;
  canRedo: boolean;
}

/** One per document: the computed tree (recomputed on change) and this client's undo manager. */
class TreeStore {
  readonly map: Y.Map<unknown>;
  readonly undoManager: Y.UndoManager;
  private snapshot: TreeSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(doc: Y.Doc) {
    this.map = doc.getMap('nodes');
    this.undoManager = new Y.UndoManager(this.map, { trackedOrigins: new Set([TREE_ORIGIN]), captureTimeout: 0 });
    this.snapshot = this.compute();
    this.map.observeDeep(this.refresh);
    this.undoManager.on('stack-item-added', this.refresh);
    this.undoManager.on('stack-item-popped', this.refresh);
    this.undoManager.on('stack-cleared', this.refresh);
  }

  private compute(): TreeSnapshot {
    return {
      tree: buildTree(readNodes(this.map)),
      canUndo: this.undoManager.canUndo(),
      canRedo: this.undoManager.canRedo(),
    };
  }

  private refresh = () => {
    this.snapshot = this.compute();
    for (const listener of [...this.listeners]) listener();
  };

  getSnapshot = () => this.snapshot;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

const stores = new WeakMap<Y.Doc, TreeStore>();

function storeOf(doc: Y.Doc): TreeStore {
  let store = stores.get(doc);
  if (!store) {
    store = new TreeStore(doc);
    stores.set(doc, store);
  }
  return store;
}

export interface AddInput {
  parent: string;
  /** Defaults to the parent's kind (a cause below a cause); required below the focal problem. */
  kind?: 'cause' | 'effect';
  label?: string;
  /** Among the parent's children of that kind; the end when left out. */
  index?: number;
}

export interface ProblemTreeApi {
  /** The effective tree, depth first: the focal problem, every effect subtree, every cause subtree. */
  nodes: TreeNode[];
  focal: TreeNode | null;
  effects: TreeNode[];
  causes: TreeNode[];
  byKey: ReadonlyMap<string, TreeNode>;
  /** The computed tree as one value (for moveOptions/canReparent). */
  tree: EffectiveTree;
  /** Edits are possible (the server gave edit rights and the document is loaded). */
  canEdit: boolean;
  /** Adds a node; returns its key (null when refused: read-only, unknown parent, wrong kind). */
  add(input: AddInput): string | null;
  setLabelText(key: string, text: string): void;
  /** Moves a node (and its subtree); false when refused (focal problem, kinds, into itself). */
  move(key: string, target: MoveTarget): boolean;
  /** Removes a node and everything below it; false when refused (the focal problem). */
  remove(key: string): boolean;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
}

export function useProblemTree(session: LiveSession): ProblemTreeApi {
  const store = storeOf(session.ydoc);
  const { tree, canUndo, canRedo } = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const canEdit = session.mode === 'edit' && session.ready;
  const author = session.peers.find((peer) => peer.isSelf)?.userId ?? null;

  return useMemo(() => {
    const doc = session.ydoc;
    /** Each edit is its own undo step, in one transaction. */
    const edit = <T>(run: () => T): T => {
      store.undoManager.stopCapturing();
      let result!: T;
      doc.transact(() => {
        result = run();
      }, TREE_ORIGIN);
      store.undoManager.stopCapturing();
      return result;
    };
    // Read at call time: a remote change may have arrived since this render.
    const current = () => store.getSnapshot().tree;
    const entry = (key: string) => {
      const value = store.map.get(key);
      return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
    };
    const place = (key: string, kind: TreeNodeKind, target: MoveTarget) => {
      const siblings = siblingsOf(current(), target.parent, kind).filter((sibling) => sibling.key !== key);
      const { position, renumber } = positionsFor(siblings, target.index);
      if (renumber) for (const [siblingKey, value] of renumber) entry(siblingKey)?.set('position', value);
      return position;
    };

    return {
      nodes: tree.nodes,
      focal: tree.focal,
      effects: tree.effects,
      causes: tree.causes,
      byKey: tree.byKey,
      tree,
      canEdit,
      canUndo: canEdit && canUndo,
      canRedo: canEdit && canRedo,

      add({ parent, kind, label = '', index }) {
        if (!canEdit) return null;
        const parentNode = current().byKey.get(parent);
        if (!parentNode) return null;
        const nodeKind = kind ?? (parentNode.kind === 'problem' ? null : parentNode.kind);
        if (!nodeKind || (parentNode.kind !== 'problem' && parentNode.kind !== nodeKind)) return null;
        const key = newNodeKey();
        return edit(() => {
          const siblings = siblingsOf(current(), parent, nodeKind);
          const position = place(key, nodeKind, { parent, index: index ?? siblings.length });
          const node = new Y.Map<unknown>();
          node.set('kind', nodeKind);
          node.set('parent', parent);
          node.set('position', position);
          node.set('label', new Y.Text(label));
          node.set('author', author);
          store.map.set(key, node);
          return key;
        });
      },

      setLabelText(key, text) {
        if (!canEdit) return;
        const node = entry(key);
        if (!node) return;
        edit(() => {
          const label = node.get('label');
          if (label instanceof Y.Text) {
            const change = diffText(label.toString(), text);
            if (!change) return;
            if (change.remove) label.delete(change.index, change.remove);
            if (change.insert) label.insert(change.index, change.insert);
          } else {
            node.set('label', new Y.Text(text));
          }
        });
      },

      move(key, target) {
        if (!canEdit || !canReparent(current(), key, target.parent)) return false;
        const node = current().byKey.get(key)!;
        return edit(() => {
          const map = entry(key);
          if (!map) return false;
          const position = place(key, node.kind, target);
          if (map.get('parent') !== target.parent) map.set('parent', target.parent);
          map.set('position', position);
          // A second focal problem moved below something becomes what it looks like: a cause.
          if (map.get('kind') === 'problem') map.set('kind', 'cause');
          return true;
        });
      },

      remove(key) {
        const node = current().byKey.get(key);
        if (!canEdit || !node || node.key === current().focal?.key) return false;
        edit(() => {
          const doomed: string[] = [];
          const collect = (current: TreeNode) => {
            doomed.push(current.key);
            current.children.forEach(collect);
          };
          collect(node);
          for (const doomedKey of doomed) store.map.delete(doomedKey);
        });
        return true;
      },

      undo() {
        if (canEdit) store.undoManager.undo();
      },
      redo() {
        if (canEdit) store.undoManager.redo();
      },
    };
  }, [session.ydoc, store, tree, canUndo, canRedo, canEdit, author]);
}
