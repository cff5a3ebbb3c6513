/**
 * One live document in this tab: a Y.Doc, its y-websocket provider to /ws/doc/<kind>/<id>/, its
 * IndexedDB copy, and the awareness (presence) of everyone in the room. This module and its
 * siblings in lib/live are the only code that touches Yjs transports; components read the
 * snapshot through useLiveDocument().
 *
 * Wire protocol (/tmp/live4/CONTRACT.md §3): the standard y-websocket framing plus two messages
 * from the server: 100 "saved" (the state vector the server has committed) and 101 "access"
 * ({"mode": "edit" | "read"}), and close codes 4401/4404/4413/4400.
 */
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { colorForUser } from './colors';
import {
  computeStatus,
  isCovered,
  mergeVector,
  terminalReason,
  type StateVector,
  type TerminalReason,
} from './status';
import type { LiveKind, LiveMode, LivePeer, LiveStatus } from './types';

export const MESSAGE_SAVED = 100;
export const MESSAGE_ACCESS = 101;

/** The server may miss a relay (channel layers are at-most-once): ask for its state this often. */
const RESYNC_INTERVAL_MS = 20_000;
/** Backoff cap between reconnection attempts (the provider doubles from 200 ms up to this). */
const MAX_BACKOFF_MS = 5_000;
/** Keep a released document this long: a route change or React's double mount re-acquires it. */
const IDLE_DESTROY_MS = 1_500;

export interface LiveSnapshot {
  ready: boolean;
  synced: boolean;
  status: LiveStatus;
  mode: LiveMode;
  peers: LivePeer[];
  /** Local changes the server has not confirmed yet. */
  unsaved: boolean;
}

export interface LiveUser {
  id: number;
  name: string;
}

type WebSocketClass = NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill'];

interface LiveTransportConfig {
  /** Tests pass a fake socket class; the browser's WebSocket otherwise. */
  WebSocketPolyfill?: WebSocketClass;
  /** Keep a local copy in IndexedDB (skipped where IndexedDB does not exist). */
  persistence: boolean;
  /** ws(s)://host, from the page's location unless given. */
  origin?: () => string;
}

let transport: LiveTransportConfig = { persistence: true };

/** For tests: swap the socket class or turn the IndexedDB copy off. */
export function configureLiveTransport(config: Partial<LiveTransportConfig>): void {
  transport = { ...transport, ...config };
}

export function resetLiveTransport(): void {
  transport = { persistence: true };
  for (const entry of registry.values()) entry.connection.destroy();
  registry.clear();
}

function socketOrigin(): string {
  if (transport.origin) return transport.origin();
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}`;
}

/** IndexedDB store name of a document (contract §5a). */
export function storeName(kind: LiveKind, id: number): string {
  return `roundtable:${kind}:${id}`;
}

function browserOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

function isMode(value: unknown): value is LiveMode {
  return value === 'edit' || value === 'read';
}

export class LiveConnection {
  readonly kind: LiveKind;
  readonly id: number;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly provider: WebsocketProvider;
  private persistence: IndexeddbPersistence | null = null;

  private readonly saved: StateVector = new Map();
  private terminal: TerminalReason | null = null;
  private lostConnection = false;
  private localLoaded = false;
  private everSynced = false;
  private mode: LiveMode = 'read';
  private self: LiveUser | null = null;
  private snapshot: LiveSnapshot;
  private readonly listeners = new Set<() => void>();
  private persistTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor(kind: LiveKind, id: number) {
    this.kind = kind;
    this.id = id;
    this.doc = new Y.Doc();
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState({ user: {}, editing: null });

    if (transport.persistence && typeof indexedDB !== 'undefined') {
      this.openLocalCopy();
    }

    // URL = serverUrl + '/' + room: "<origin>/ws/doc/tree" + "/" + "12/" -> /ws/doc/tree/12/ (Channels' route).
    this.provider = new WebsocketProvider(`${socketOrigin()}/ws/doc/${kind}`, `${id}/`, this.doc, {
      awareness: this.awareness,
      resyncInterval: RESYNC_INTERVAL_MS,
      maxBackoffTime: MAX_BACKOFF_MS,
      // Another tab's edits must reach us through the server: a BroadcastChannel copy would look
      // "saved" here (it arrives with the provider as origin) before the server has it.
      disableBc: true,
      ...(transport.WebSocketPolyfill ? { WebSocketPolyfill: transport.WebSocketPolyfill } : {}),
    });
    this.provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      this.onSaved(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
    };
    this.provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
      this.onAccess(decoding.readVarString(decoder));
    };
    this.provider.on('status', this.update);
    this.provider.on('status', this.onStatus);
    this.provider.on('sync', this.onSync);
    this.provider.on('connection-close', this.onClose);
    this.doc.on('afterTransaction', this.onTransaction);
    this.awareness.on('change', this.update);
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.update);
      window.addEventListener('beforeunload', this.onBeforeUnload);
    }
    this.snapshot = this.compute();
  }

  getSnapshot = (): LiveSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  setEditing(path: string | null): void {
    if (this.destroyed) return;
    const current = this.awareness.getLocalState()?.editing ?? null;
    if (current !== path) this.awareness.setLocalStateField('editing', path);
  }

  /** Who I am, for my own presence entry (the server stamps the same on what others see). */
  setUser(user: LiveUser | null): void {
    if (this.destroyed) return;
    this.self = user;
    if (user) this.awareness.setLocalStateField('user', { id: user.id, name: user.name });
    this.update();
  }

  get selfUser(): LiveUser | null {
    return this.self;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onOnline);
      window.removeEventListener('offline', this.update);
      window.removeEventListener('beforeunload', this.onBeforeUnload);
    }
    if (this.persistTimer) {
      clearTimeout(this.persistTimer);
      this.persistMeta();
    }
    this.awareness.off('change', this.update);
    this.doc.off('afterTransaction', this.onTransaction);
    this.provider.destroy();
    this.awareness.destroy();
    // Destroying the doc also closes the IndexedDB copy (y-indexeddb listens for it).
    this.doc.destroy();
    this.listeners.clear();
  }

  // ------------------------------------------------------------ local copy

  private openLocalCopy(): void {
    const persistence = new IndexeddbPersistence(storeName(this.kind, this.id), this.doc);
    this.persistence = persistence;
    // A browser that refuses IndexedDB (private windows, full disks) still edits online.
    persistence._db.catch(() => {
      this.persistence = null;
    });
    void persistence.whenSynced.then(async () => {
      try {
        const [saved, mode] = await Promise.all([persistence.get('saved'), persistence.get('mode')]);
        if (typeof saved === 'string') mergeVector(this.saved, new Map(JSON.parse(saved) as [number, number][]));
        // Offline after a reload: keep the rights we last had, so offline editing goes on. The
        // server drops the updates anyway if they were taken away meanwhile.
        if (isMode(mode) && !this.provider.wsconnected) this.mode = mode;
      } catch {
        /* an unreadable note only costs a "saving" badge until the server answers */
      }
      this.localLoaded = true;
      this.update();
    });
  }

  /** What we know about the server, remembered with the copy (so "unsaved" survives a reload). */
  private schedulePersistMeta(): void {
    if (!this.persistence || this.persistTimer) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = null;
      this.persistMeta();
    }, 500);
  }

  private persistMeta(): void {
    const persistence = this.persistence;
    if (!persistence) return;
    void persistence.set('saved', JSON.stringify([...this.saved])).catch(() => undefined);
    void persistence.set('mode', this.mode).catch(() => undefined);
  }

  // ------------------------------------------------------------ server messages

  private onSaved(vector: StateVector): void {
    if (mergeVector(this.saved, vector)) this.schedulePersistMeta();
    this.update();
  }

  private onAccess(raw: string): void {
    try {
      const message = JSON.parse(raw) as { mode?: unknown };
      if (isMode(message.mode) && message.mode !== this.mode) {
        this.mode = message.mode;
        this.schedulePersistMeta();
      }
    } catch {
      /* a malformed access message changes nothing */
    }
    this.update();
  }

  private onSync = (synced: boolean): void => {
    if (synced) {
      this.everSynced = true;
      this.lostConnection = false;
    }
    this.update();
  };

  /**
   * Back online: announce myself with a newer clock. The others' browsers saw me leave at my current
   * clock and ignore a presence update that is not newer, so without this they would see me again
   * only at my next renewal (up to 15 s).
   */
  private onStatus = ({ status }: { status: string }): void => {
    if (status === 'disconnected') {
      // y-websocket has just dropped the others' presence but keeps their clocks; the server's presence
      // snapshot after reconnecting carries those same clocks, which y-protocols would ignore until
      // each person's next renewal (up to 15 s). Forgetting them shows everyone again at once.
      for (const clientId of [...this.awareness.meta.keys()]) {
        if (clientId !== this.doc.clientID && !this.awareness.states.has(clientId)) this.awareness.meta.delete(clientId);
      }
      return;
    }
    if (status !== 'connected') return;
    const state = this.awareness.getLocalState();
    if (state !== null) this.awareness.setLocalState({ ...state });
  };

  private onClose = (event: CloseEvent | null): void => {
    const reason = event ? terminalReason(event.code) : null;
    if (reason) {
      this.terminal = reason;
      // No longer allowed to see it: do not keep a copy on this device.
      if (reason === 'denied' && this.persistence) {
        const persistence = this.persistence;
        this.persistence = null;
        void persistence.clearData().catch(() => undefined);
      }
    }
    this.lostConnection = true;
    this.update();
  };

  /**
   * Everything the server sends is committed before it is sent (contract §3), so what a server
   * transaction brought in is saved: without this, another person's edit would leave our badge
   * on "saving" until our own next edit is confirmed.
   */
  private onTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin === this.provider) {
      const arrived: StateVector = new Map();
      for (const [client, clock] of transaction.afterState) {
        if (transaction.beforeState.get(client) !== clock) arrived.set(client, clock);
      }
      if (mergeVector(this.saved, arrived)) this.schedulePersistMeta();
    }
    this.update();
  };

  private onOnline = (): void => {
    // Try at once instead of waiting out the backoff.
    if (!this.terminal && !this.provider.wsconnected) {
      this.provider.wsUnsuccessfulReconnects = 0;
      this.provider.disconnect();
      this.provider.connect();
    }
    this.update();
  };

  private onBeforeUnload = (event: BeforeUnloadEvent): void => {
    const { status, unsaved } = this.snapshot;
    if (unsaved && (status === 'saving' || status === 'offline')) {
      event.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = '';
    }
  };

  // ------------------------------------------------------------ snapshot

  private localVector(): StateVector {
    const vector: StateVector = new Map();
    for (const client of this.doc.store.clients.keys()) vector.set(client, Y.getState(this.doc.store, client));
    return vector;
  }

  private peers(): LivePeer[] {
    const peers: LivePeer[] = [];
    for (const [clientId, state] of this.awareness.getStates()) {
      const isSelf = clientId === this.doc.clientID;
      const user = (state?.user ?? {}) as { id?: unknown; name?: unknown };
      const userId = typeof user.id === 'number' ? user.id : isSelf ? (this.self?.id ?? null) : null;
      // A state the server has not stamped with a person is nobody we can show.
      if (userId === null) continue;
      const name = typeof user.name === 'string' && user.name ? user.name : isSelf ? (this.self?.name ?? '') : '';
      const editing = typeof state?.editing === 'string' ? state.editing : null;
      peers.push({ clientId, userId, name, color: colorForUser(userId), editing, isSelf });
    }
    return peers.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
  }

  private compute(): LiveSnapshot {
    const online = browserOnline();
    const connected = this.provider.wsconnected && online;
    const synced = connected && this.provider.synced;
    const unsaved = !isCovered(this.localVector(), this.saved);
    const status = computeStatus({
      terminal: this.terminal,
      connected,
      synced,
      lostConnection: this.lostConnection || !online,
      mode: this.mode,
      unsaved,
    });
    return {
      ready: this.localLoaded || this.everSynced,
      synced,
      status,
      mode: this.mode,
      peers: this.peers(),
      unsaved,
    };
  }

  private update = (): void => {
    if (this.destroyed) return;
    const next = this.compute();
    const previous = this.snapshot;
    if (
      previous &&
      previous.ready === next.ready &&
      previous.synced === next.synced &&
      previous.status === next.status &&
      previous.mode === next.mode &&
      previous.unsaved === next.unsaved &&
      samePeers(previous.peers, next.peers)
    ) {
      return;
    }
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  };
}

function samePeers(a: LivePeer[], b: LivePeer[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((peer, index) => {
    const other = b[index];
    return (
      peer.clientId === other.clientId &&
      peer.userId === other.userId &&
      peer.name === other.name &&
      peer.editing === other.editing &&
      peer.isSelf === other.isSelf
    );
  });
}

// ---------------------------------------------------------------- one per document per tab

interface Entry {
  connection: LiveConnection;
  refs: number;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

const registry = new Map<string, Entry>();
const connectionsByDoc = new WeakMap<Y.Doc, LiveConnection>();

function scheduleIdleDestroy(key: string, entry: Entry): void {
  if (entry.idleTimer) clearTimeout(entry.idleTimer);
  entry.idleTimer = setTimeout(() => {
    entry.idleTimer = null;
    if (entry.refs > 0) return;
    registry.delete(key);
    entry.connection.destroy();
  }, IDLE_DESTROY_MS);
}

/**
 * The tab's connection for a document, created on first use. Pair with retainConnection(): a
 * connection nobody retains is destroyed shortly after (covers renders React throws away).
 */
export function getConnection(kind: LiveKind, id: number): LiveConnection {
  const key = `${kind}:${id}`;
  const existing = registry.get(key);
  if (existing) return existing.connection;
  const connection = new LiveConnection(kind, id);
  const entry: Entry = { connection, refs: 0, idleTimer: null };
  registry.set(key, entry);
  connectionsByDoc.set(connection.doc, connection);
  scheduleIdleDestroy(key, entry);
  return connection;
}

/** Keeps the connection open while the caller uses it; returns the release function. */
export function retainConnection(connection: LiveConnection): () => void {
  const key = `${connection.kind}:${connection.id}`;
  const entry = registry.get(key);
  if (!entry || entry.connection !== connection) return () => undefined;
  entry.refs += 1;
  if (entry.idleTimer) {
    clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    entry.refs -= 1;
    if (entry.refs === 0) scheduleIdleDestroy(key, entry);
  };
}

/** The connection behind a session's document (RichTextField needs the awareness for carets). */
export function connectionOfDoc(doc: Y.Doc): LiveConnection | undefined {
  return connectionsByDoc.get(doc);
}
