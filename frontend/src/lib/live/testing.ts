/**
 * Test helpers for features that use live documents: a session over a plain Y.Doc, with no
 * socket and no IndexedDB. Import from tests only.
 */
import * as Y from 'yjs';
import type { LivePeer, LiveSession } from './types';

export function createTestSession(overrides: Partial<LiveSession> = {}): LiveSession {
  return {
    ydoc: overrides.ydoc ?? new Y.Doc(),
    ready: true,
    synced: true,
    status: 'saved',
    mode: 'edit',
    peers: [],
    setEditing: () => undefined,
    ...overrides,
  };
}

export function testPeer(overrides: Partial<LivePeer> = {}): LivePeer {
  return { clientId: 1, userId: 1, name: 'Sokha Chan', color: '#1f4e79', editing: null, isSelf: false, ...overrides };
}

/** Two documents that exchange every update at once, like two browsers through the server. */
export function connectDocs(a: Y.Doc, b: Y.Doc): () => void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'remote');
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b), 'remote');
  const toB = (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(b, update, 'remote');
  };
  const toA = (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(a, update, 'remote');
  };
  a.on('update', toB);
  b.on('update', toA);
  return () => {
    a.off('update', toB);
    b.off('update', toA);
  };
}

/** A tree document as the server creates it: one focal problem. */
export function seedProblemTree(doc: Y.Doc, focal = 'focal1', label = 'Children with disabilities are out of school'): void {
  doc.transact(() => {
    const node = new Y.Map<unknown>();
    node.set('kind', 'problem');
    node.set('parent', null);
    node.set('position', 0);
    node.set('label', new Y.Text(label));
    node.set('author', 1);
    doc.getMap('nodes').set(focal, node);
  }, 'remote');
}

/** Adds a node to a tree document (as another person would, through the server). */
export function addTreeNode(
  doc: Y.Doc,
  node: { key: string; kind: string; parent: string | null; position: number; label: string; author?: number },
): void {
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set('kind', node.kind);
    entry.set('parent', node.parent);
    entry.set('position', node.position);
    entry.set('label', new Y.Text(node.label));
    entry.set('author', node.author ?? 1);
    doc.getMap('nodes').set(node.key, entry);
  }, 'remote');
}

/** What a tree document holds for a node (null when it is gone). */
export function treeNodeState(doc: Y.Doc, key: string): { kind: unknown; parent: unknown; label: string } | null {
  const entry = doc.getMap('nodes').get(key);
  if (!(entry instanceof Y.Map)) return null;
  return { kind: entry.get('kind'), parent: entry.get('parent'), label: String(entry.get('label')) };
}

export function treeNodeKeys(doc: Y.Doc): string[] {
  return [...doc.getMap('nodes').keys()];
}

/** Agenda fields held as plain values; every other string field of a row is a Y.Text (contract §2). */
const PLAIN_ROW_FIELDS = new Set(['category', 'stance', 'status', 'due', 'start', 'likelihood', 'impact', 'stakeholder', 'objective']);

export interface AgendaSeed {
  /** collection -> row key -> fields */
  rows?: Record<string, Record<string, Record<string, unknown>>>;
  ready?: Record<string, boolean>;
  methods?: Record<string, boolean>;
  methodsNote?: string;
}

/** Agenda content a colleague wrote earlier: it arrives as a remote update, so it is not on my undo stack. */
export function seedAgenda(doc: Y.Doc, seed: AgendaSeed): void {
  const other = new Y.Doc();
  for (const [collection, rows] of Object.entries(seed.rows ?? {})) {
    for (const [key, fields] of Object.entries(rows)) {
      const row = new Y.Map<unknown>();
      for (const [field, value] of Object.entries(fields)) {
        row.set(field, typeof value === 'string' && !PLAIN_ROW_FIELDS.has(field) ? new Y.Text(value) : value);
      }
      other.getMap(collection).set(key, row);
    }
  }
  for (const [section, ready] of Object.entries(seed.ready ?? {})) other.getMap('ready').set(section, ready);
  for (const [method, chosen] of Object.entries(seed.methods ?? {})) other.getMap('methods').set(method, chosen);
  if (seed.methodsNote) other.getText('methods_note').insert(0, seed.methodsNote);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), 'remote');
}
