/**
 * The advocacy agenda as a live document (contract §2): typed reads of its sections and rows, and the
 * only code that writes them. Components get plain values plus the Y.Text handles that
 * LiveTextInput binds to; they never see the rest of Yjs.
 *
 * Anything can be in a shared document (an old client, a concurrent edit, a bug elsewhere), so every
 * read defaults what it does not understand instead of throwing: a row that is not a map is skipped, a
 * wrong enum becomes the default, a missing text field reads as "" (and is repaired on request).
 */
import { useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import type { LiveText } from './types';

// ---------------------------------------------------------------- vocabulary

/** Section keys, in page order (also the keys of the `ready` map). */
export const AGENDA_SECTIONS = [
  'issue_statement',
  'goal',
  'objectives',
  'stakeholders',
  'messages',
  'methods',
  'actions',
  'indicators',
  'risks',
  'policy_support',
] as const;
export type AgendaSection = (typeof AGENDA_SECTIONS)[number];

export const PROSE_SECTIONS = ['issue_statement', 'goal', 'policy_support'] as const;
export type ProseSection = (typeof PROSE_SECTIONS)[number];

export const ADVOCACY_METHODS = [
  'policy_dialogue',
  'media',
  'campaigns',
  'coalition_building',
  'research',
  'capacity_building',
  'public_mobilisation',
  'litigation',
  'lobbying',
] as const;
export type AdvocacyMethod = (typeof ADVOCACY_METHODS)[number];

export const STAKEHOLDER_CATEGORIES = ['decision_maker', 'influencer', 'ally', 'opponent', 'beneficiary', 'other'] as const;
export type StakeholderCategory = (typeof STAKEHOLDER_CATEGORIES)[number];

export const STAKEHOLDER_STANCES = ['supportive', 'neutral', 'opposed', 'unknown'] as const;
export type StakeholderStance = (typeof STAKEHOLDER_STANCES)[number];

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'blocked', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const LEVELS = ['low', 'medium', 'high'] as const;
export type Level = (typeof LEVELS)[number];

/** Influence and interest are scored 1 (low) to 5 (high). */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

// ---------------------------------------------------------------- rows

interface RowBase {
  key: string;
  /** Sort key: rows are ordered by (position, key). */
  position: number;
}

export interface ObjectiveRow extends RowBase {
  statement: string;
  due: string | null;
  texts: { statement: LiveText | null };
}

export interface StakeholderRow extends RowBase {
  name: string;
  category: StakeholderCategory;
  influence: number;
  interest: number;
  /** The stakeholder's position on the issue (stored as `stance`: `position` is the row's sort key). */
  stance: StakeholderStance;
  notes: string;
  texts: { name: LiveText | null; notes: LiveText | null };
}

export interface MessageRow extends RowBase {
  /** Key of the stakeholder the message is for (may name a row that no longer exists). */
  stakeholder: string | null;
  message: string;
  ask: string;
  texts: { message: LiveText | null; ask: LiveText | null };
}

export interface ActionRow extends RowBase {
  activity: string;
  organisation: number | null;
  start: string | null;
  due: string | null;
  resources: string;
  status: ActionStatus;
  objective: string | null;
  texts: { activity: LiveText | null; resources: LiveText | null };
}

export interface IndicatorRow extends RowBase {
  name: string;
  baseline: string;
  target: string;
  verification: string;
  objective: string | null;
  texts: { name: LiveText | null; baseline: LiveText | null; target: LiveText | null; verification: LiveText | null };
}

export interface RiskRow extends RowBase {
  risk: string;
  likelihood: Level;
  impact: Level;
  mitigation: string;
  texts: { risk: LiveText | null; mitigation: LiveText | null };
}

export interface AgendaRows {
  objectives: ObjectiveRow;
  stakeholders: StakeholderRow;
  messages: MessageRow;
  actions: ActionRow;
  indicators: IndicatorRow;
  risks: RiskRow;
}
export type RowCollection = keyof AgendaRows;
export const ROW_COLLECTIONS: readonly RowCollection[] = [
  'objectives',
  'stakeholders',
  'messages',
  'actions',
  'indicators',
  'risks',
];

/** The plain (last-writer-wins) fields of each collection and their value types. */
export interface AgendaPlainFields {
  objectives: { due: string | null };
  stakeholders: { category: StakeholderCategory; influence: number; interest: number; stance: StakeholderStance };
  messages: { stakeholder: string | null };
  actions: { organisation: number | null; start: string | null; due: string | null; status: ActionStatus; objective: string | null };
  indicators: { objective: string | null };
  risks: { likelihood: Level; impact: Level };
}
export type TextField<C extends RowCollection> = keyof AgendaRows[C]['texts'] & string;
export type PlainField<C extends RowCollection> = keyof AgendaPlainFields[C] & string;

// ---------------------------------------------------------------- parsing

type Parser<T> = (raw: unknown) => T;

const oneOf =
  <T extends string>(values: readonly T[], fallback: T): Parser<T> =>
  (raw) =>
    typeof raw === 'string' && (values as readonly string[]).includes(raw) ? (raw as T) : fallback;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(raw: unknown): raw is string {
  if (typeof raw !== 'string') return false;
  const match = DATE.exec(raw);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === raw;
}

const date: Parser<string | null> = (raw) => (isIsoDate(raw) ? raw : null);
const score: Parser<number> = (raw) =>
  typeof raw === 'number' && Number.isInteger(raw) && raw >= SCORE_MIN && raw <= SCORE_MAX ? raw : 3;
const rowKey: Parser<string | null> = (raw) => (typeof raw === 'string' && KEY.test(raw) ? raw : null);
const organisation: Parser<number | null> = (raw) =>
  typeof raw === 'number' && Number.isInteger(raw) && raw > 0 ? raw : null;

interface CollectionSchema {
  texts: readonly string[];
  /** TypeScript field name -> how to read it from the row map. */
  plain: Record<string, { key: string; parse: Parser<unknown>; fallbackKey?: string }>;
}

const SCHEMA: { [C in RowCollection]: CollectionSchema } = {
  objectives: { texts: ['statement'], plain: { due: { key: 'due', parse: date } } },
  stakeholders: {
    texts: ['name', 'notes'],
    plain: {
      category: { key: 'category', parse: oneOf(STAKEHOLDER_CATEGORIES, 'other') },
      influence: { key: 'influence', parse: score },
      interest: { key: 'interest', parse: score },
      // Contract §2 names this field `position`, which every row already uses for its sort key:
      // written as `stance`; a string left in `position` by another writer is still understood.
      stance: { key: 'stance', parse: oneOf(STAKEHOLDER_STANCES, 'unknown'), fallbackKey: 'position' },
    },
  },
  messages: { texts: ['message', 'ask'], plain: { stakeholder: { key: 'stakeholder', parse: rowKey } } },
  actions: {
    texts: ['activity', 'resources'],
    plain: {
      organisation: { key: 'organisation', parse: organisation },
      start: { key: 'start', parse: date },
      due: { key: 'due', parse: date },
      status: { key: 'status', parse: oneOf(ACTION_STATUSES, 'planned') },
      objective: { key: 'objective', parse: rowKey },
    },
  },
  indicators: {
    texts: ['name', 'baseline', 'target', 'verification'],
    plain: { objective: { key: 'objective', parse: rowKey } },
  },
  risks: {
    texts: ['risk', 'mitigation'],
    plain: {
      likelihood: { key: 'likelihood', parse: oneOf(LEVELS, 'medium') },
      impact: { key: 'impact', parse: oneOf(LEVELS, 'medium') },
    },
  },
};

/** What a new row starts with (plain fields; text fields start empty). */
const DEFAULTS: { [C in RowCollection]: AgendaPlainFields[C] } = {
  objectives: { due: null },
  stakeholders: { category: 'other', influence: 3, interest: 3, stance: 'unknown' },
  messages: { stakeholder: null },
  actions: { organisation: null, start: null, due: null, status: 'planned', objective: null },
  indicators: { objective: null },
  risks: { likelihood: 'medium', impact: 'medium' },
};

function readRow<C extends RowCollection>(collection: C, key: string, map: Y.Map<unknown>): AgendaRows[C] {
  const schema = SCHEMA[collection];
  const rawPosition = map.get('position');
  const row: Record<string, unknown> = {
    key,
    position: typeof rawPosition === 'number' && Number.isFinite(rawPosition) ? rawPosition : 0,
  };
  const texts: Record<string, LiveText | null> = {};
  for (const field of schema.texts) {
    const value = map.get(field);
    texts[field] = value instanceof Y.Text ? value : null;
    row[field] = value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
  }
  row.texts = texts;
  for (const [field, { key: docKey, parse, fallbackKey }] of Object.entries(schema.plain)) {
    const value = map.has(docKey) || !fallbackKey ? map.get(docKey) : map.get(fallbackKey);
    row[field] = parse(value);
  }
  return row as unknown as AgendaRows[C];
}

/** Rows in page order: by position, then key (so every client agrees on ties). */
export function readRows<C extends RowCollection>(collection: C, root: Y.Map<unknown>): AgendaRows[C][] {
  const rows: AgendaRows[C][] = [];
  root.forEach((value, key) => {
    if (value instanceof Y.Map && KEY.test(key)) rows.push(readRow(collection, key, value as Y.Map<unknown>));
  });
  return rows.sort(compareRows);
}

function compareRows(a: RowBase, b: RowBase): number {
  if (a.position !== b.position) return a.position - b.position;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** No words in a rich-text fragment (empty paragraphs and formatting do not count). */
function isBlank(fragment: Y.XmlFragment): boolean {
  return fragment.toString().replace(/<[^>]*>/g, '').trim() === '';
}

// ---------------------------------------------------------------- keys

export const KEY = /^[A-Za-z0-9_-]{6,40}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A fresh row key: 16 random characters (96 bits), so concurrent adds never collide. */
export function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => ALPHABET[byte & 63]).join('');
}

// ---------------------------------------------------------------- the document model

/** Transactions that fix malformed rows: not something the person did, so not undoable. */
const REPAIR = Symbol('agenda-repair');

/** Tracks every origin: which transactions count is decided by `captureTransaction` (local ones). */
class AnyOrigin extends Set<unknown> {
  override has(): boolean {
    return true;
  }
}

export interface AgendaSnapshot {
  ready: Record<AgendaSection, boolean>;
  methods: Record<AdvocacyMethod, boolean>;
  methodsNote: string;
  /** Prose sections with no words in them (shown as "nothing yet" to readers). */
  proseEmpty: Record<ProseSection, boolean>;
  rows: { [C in RowCollection]: AgendaRows[C][] };
  /** Some row lacks a text field (a malformed row): `repair()` gives it one. */
  needsRepair: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * The agenda roots of one Y.Doc, a cached snapshot of them, and every write. Framework-free so
 * it can be tested with two plain documents; `useAgenda` wraps it for React.
 */
export class AgendaDocument {
  readonly doc: Y.Doc;
  readonly prose: Record<ProseSection, Y.XmlFragment>;
  readonly methodsNote: Y.Text;
  private readonly readyMap: Y.Map<unknown>;
  private readonly methodsMap: Y.Map<unknown>;
  private readonly collections: { [C in RowCollection]: Y.Map<unknown> };
  private readonly undoManager: Y.UndoManager;
  private readonly listeners = new Set<() => void>();
  // Each part is rebuilt only when its own root changed, so a component that selects one part
  // (a section's rows, the ready flags) does not re-render while someone types elsewhere.
  private snapshotCache: AgendaSnapshot | null = null;
  private rowsCache: Partial<{ [C in RowCollection]: AgendaRows[C][] }> = {};
  private readyCache: Record<AgendaSection, boolean> | null = null;
  private methodsCache: Record<AdvocacyMethod, boolean> | null = null;
  private proseEmptyCache: Record<ProseSection, boolean> | null = null;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.prose = {
      issue_statement: doc.getXmlFragment('issue_statement'),
      goal: doc.getXmlFragment('goal'),
      policy_support: doc.getXmlFragment('policy_support'),
    };
    this.readyMap = doc.getMap('ready');
    this.methodsMap = doc.getMap('methods');
    this.methodsNote = doc.getText('methods_note');
    this.collections = {
      objectives: doc.getMap('objectives'),
      stakeholders: doc.getMap('stakeholders'),
      messages: doc.getMap('messages'),
      actions: doc.getMap('actions'),
      indicators: doc.getMap('indicators'),
      risks: doc.getMap('risks'),
    };
    // Prose has its own undo inside the editor; this one covers the rest, and only what this client
    // did (remote and IndexedDB updates are not local transactions), so undo never takes back a
    // colleague's edit.
    this.undoManager = new Y.UndoManager(
      [this.readyMap, this.methodsMap, this.methodsNote, ...Object.values(this.collections)],
      {
        trackedOrigins: new AnyOrigin(),
        captureTransaction: (transaction) => transaction.local && transaction.origin !== REPAIR,
        ignoreRemoteMapChanges: true,
      },
    );
    for (const [name, map] of Object.entries(this.collections)) {
      map.observeDeep(() => {
        delete this.rowsCache[name as RowCollection];
        this.changed();
      });
    }
    this.readyMap.observe(() => {
      this.readyCache = null;
      this.changed();
    });
    this.methodsMap.observe(() => {
      this.methodsCache = null;
      this.changed();
    });
    this.methodsNote.observe(() => this.changed());
    for (const fragment of Object.values(this.prose)) {
      fragment.observeDeep(() => {
        this.proseEmptyCache = null;
        this.changed();
      });
    }
    this.undoManager.on('stack-item-added', () => this.changed());
    this.undoManager.on('stack-item-popped', () => this.changed());
    this.undoManager.on('stack-cleared', () => this.changed());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.snapshotCache = null;
    for (const listener of this.listeners) listener();
  }

  getSnapshot = (): AgendaSnapshot => {
    if (this.snapshotCache) return this.snapshotCache;
    const ready = (this.readyCache ??= Object.fromEntries(
      AGENDA_SECTIONS.map((section) => [section, this.readyMap.get(section) === true]),
    ) as Record<AgendaSection, boolean>);
    const methods = (this.methodsCache ??= Object.fromEntries(
      ADVOCACY_METHODS.map((method) => [method, this.methodsMap.get(method) === true]),
    ) as Record<AdvocacyMethod, boolean>);
    const proseEmpty = (this.proseEmptyCache ??= Object.fromEntries(
      PROSE_SECTIONS.map((section) => [section, isBlank(this.prose[section])]),
    ) as Record<ProseSection, boolean>);
    const rows = {} as { [C in RowCollection]: AgendaRows[C][] };
    let needsRepair = false;
    for (const collection of ROW_COLLECTIONS) {
      const cached = this.rowsCache[collection] ?? readRows(collection, this.collections[collection]);
      (this.rowsCache as Record<string, unknown>)[collection] = cached;
      (rows as Record<string, unknown>)[collection] = cached;
      needsRepair ||= cached.some((row) => Object.values(row.texts).some((text) => text === null));
    }
    this.snapshotCache = {
      ready,
      methods,
      methodsNote: this.methodsNote.toString(),
      proseEmpty,
      rows,
      needsRepair,
      canUndo: this.undoManager.canUndo(),
      canRedo: this.undoManager.canRedo(),
    };
    return this.snapshotCache;
  };

  /**
   * One undo step of its own: a click (add, remove, move, a choice) is not merged with typing or
   * with another click made within the undo manager's capture window.
   */
  private step(change: () => void): void {
    this.undoManager.stopCapturing();
    this.doc.transact(change);
    this.undoManager.stopCapturing();
  }

  setReady(section: AgendaSection, ready: boolean): void {
    this.step(() => this.readyMap.set(section, ready));
  }

  setMethod(method: AdvocacyMethod, chosen: boolean): void {
    this.step(() => this.methodsMap.set(method, chosen));
  }

  /** Adds a row at the end (random key, fresh Y.Text fields) and returns its key. */
  addRow<C extends RowCollection>(collection: C, fields: Partial<AgendaPlainFields[C]> = {}): string {
    const key = randomKey();
    const schema = SCHEMA[collection];
    const rows = this.getSnapshot().rows[collection];
    const position = rows.length ? rows[rows.length - 1].position + 1 : 0;
    const values = { ...DEFAULTS[collection], ...fields } as Record<string, unknown>;
    this.step(() => {
      const row = new Y.Map<unknown>();
      row.set('position', position);
      for (const field of schema.texts) row.set(field, new Y.Text());
      for (const [field, { key: docKey }] of Object.entries(schema.plain)) row.set(docKey, values[field] ?? null);
      this.collections[collection].set(key, row);
    });
    return key;
  }

  removeRow(collection: RowCollection, key: string): void {
    if (!this.collections[collection].has(key)) return;
    this.step(() => this.collections[collection].delete(key));
  }

  /**
   * Moves a row one place up or down: its position becomes the midpoint of its new neighbours'.
   * When ties or float precision leave no room in between, the collection is renumbered.
   */
  moveRow(collection: RowCollection, key: string, direction: 'up' | 'down'): void {
    const rows = this.getSnapshot().rows[collection];
    const index = rows.findIndex((row) => row.key === key);
    const target = direction === 'up' ? index - 1 : index + 1;
    if (index < 0 || target < 0 || target >= rows.length) return;
    const root = this.collections[collection];
    // Neighbours after the move: the row lands between `before` and `after`.
    const before = direction === 'up' ? rows[target - 1] : rows[target];
    const after = direction === 'up' ? rows[target] : rows[target + 1];
    let position: number;
    if (before && after) position = (before.position + after.position) / 2;
    else if (before) position = before.position + 1;
    else position = after!.position - 1;
    const fits =
      (!before || position > before.position || (position === before.position && key > before.key)) &&
      (!after || position < after.position || (position === after.position && key < after.key));
    this.step(() => {
      if (fits) {
        (root.get(key) as Y.Map<unknown>).set('position', position);
        return;
      }
      const order = rows.map((row) => row.key);
      order.splice(index, 1);
      order.splice(target, 0, key);
      order.forEach((rowKey, i) => {
        const row = root.get(rowKey);
        if (row instanceof Y.Map && row.get('position') !== i) row.set('position', i);
      });
    });
  }

  setField<C extends RowCollection, F extends PlainField<C>>(
    collection: C,
    key: string,
    field: F,
    value: AgendaPlainFields[C][F],
  ): void {
    const row = this.collections[collection].get(key);
    const spec = SCHEMA[collection].plain[field];
    if (!(row instanceof Y.Map) || !spec) return;
    // Refuse what a reader would not accept, rather than store it and read back the default.
    if (spec.parse(value) !== value) return;
    this.step(() => row.set(spec.key, value));
  }

  /** Gives malformed rows the text fields they lack (keeping a plain string's content). */
  repair(): void {
    this.doc.transact(() => {
      for (const collection of ROW_COLLECTIONS) {
        this.collections[collection].forEach((row) => {
          if (!(row instanceof Y.Map)) return;
          for (const field of SCHEMA[collection].texts) {
            const value = row.get(field);
            if (value instanceof Y.Text) continue;
            row.set(field, new Y.Text(typeof value === 'string' ? value : ''));
          }
        });
      }
    }, REPAIR);
  }

  undo(): void {
    this.undoManager.undo();
  }

  redo(): void {
    this.undoManager.redo();
  }
}

// ---------------------------------------------------------------- React

export interface Agenda extends AgendaSnapshot {
  prose: Record<ProseSection, Y.XmlFragment>;
  methodsNoteText: LiveText;
  setReady(section: AgendaSection, ready: boolean): void;
  setMethod(method: AdvocacyMethod, chosen: boolean): void;
  addRow<C extends RowCollection>(collection: C, fields?: Partial<AgendaPlainFields[C]>): string;
  removeRow(collection: RowCollection, key: string): void;
  moveRow(collection: RowCollection, key: string, direction: 'up' | 'down'): void;
  setField<C extends RowCollection, F extends PlainField<C>>(
    collection: C,
    key: string,
    field: F,
    value: AgendaPlainFields[C][F],
  ): void;
  repair(): void;
  undo(): void;
  redo(): void;
}

// One model per document, shared by every component that shows it (one undo history per tab). It
// lives as long as the document: its observers and undo manager go when the Y.Doc is destroyed.
const models = new WeakMap<Y.Doc, AgendaDocument>();

export function agendaDocument(doc: Y.Doc): AgendaDocument {
  let model = models.get(doc);
  if (!model) {
    model = new AgendaDocument(doc);
    models.set(doc, model);
  }
  return model;
}

/**
 * One part of the agenda (e.g. `(s) => s.rows.risks`, `(s) => s.ready.goal`): the component
 * re-renders only when that part changes. The selector must return a part of the snapshot or a
 * primitive, not a new object.
 */
export function useAgendaValue<T>(model: AgendaDocument, select: (snapshot: AgendaSnapshot) => T): T {
  return useSyncExternalStore(model.subscribe, () => select(model.getSnapshot()));
}

/** Typed access to the agenda document of a live session; re-renders on every change. */
export function useAgenda(session: { ydoc: Y.Doc }): Agenda {
  const model = agendaDocument(session.ydoc);
  const snapshot = useSyncExternalStore(model.subscribe, model.getSnapshot);
  return useMemo(
    () => ({
      ...snapshot,
      prose: model.prose,
      methodsNoteText: model.methodsNote,
      setReady: (section, ready) => model.setReady(section, ready),
      setMethod: (method, chosen) => model.setMethod(method, chosen),
      addRow: (collection, fields) => model.addRow(collection, fields),
      removeRow: (collection, key) => model.removeRow(collection, key),
      moveRow: (collection, key, direction) => model.moveRow(collection, key, direction),
      setField: (collection, key, field, value) => model.setField(collection, key, field, value),
      repair: () => model.repair(),
      undo: () => model.undo(),
      redo: () => model.redo(),
    }),
    [snapshot, model],
  );
}
