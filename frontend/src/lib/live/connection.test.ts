import 'fake-indexeddb/auto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { configureLiveTransport, getConnection, MESSAGE_ACCESS, MESSAGE_SAVED, resetLiveTransport, retainConnection, type LiveConnection } from './connection';

/**
 * A browser WebSocket stand-in wired to a tiny y-websocket server: it answers sync step 1 with
 * step 2 (and asks for the client's state), stores updates, and confirms them with "saved" (100)
 * as the real server does after committing.
 */
class FakeServerSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeServerSocket[] = [];
  /** The server's committed document. */
  static serverDoc = new Y.Doc();
  /** Hold back "saved" confirmations (a slow server). */
  static confirm = true;

  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'arraybuffer';
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly url: string;

  constructor(url: string) {
    this.url = url;
    FakeServerSocket.instances.push(this);
  }

  static latest(): FakeServerSocket {
    return FakeServerSocket.instances[FakeServerSocket.instances.length - 1];
  }

  /** The server accepts: access message, then the client starts the sync. */
  accept(mode: 'edit' | 'read' = 'edit') {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
    this.deliver(access(mode));
  }

  deliver(message: Uint8Array) {
    this.onmessage?.(new MessageEvent('message', { data: message.slice().buffer }));
  }

  send(data: Uint8Array) {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type !== 0) return; // awareness: nothing to do here
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, 0);
    const step = syncProtocol.readSyncMessage(decoder, reply, FakeServerSocket.serverDoc, 'client');
    if (encoding.length(reply) > 1) this.deliver(encoding.toUint8Array(reply));
    if (step === syncProtocol.messageYjsSyncStep1) {
      // Like the real server: ask for what the client has that we lack, then say what is saved.
      const ask = encoding.createEncoder();
      encoding.writeVarUint(ask, 0);
      syncProtocol.writeSyncStep1(ask, FakeServerSocket.serverDoc);
      this.deliver(encoding.toUint8Array(ask));
    }
    if (FakeServerSocket.confirm) this.deliver(saved(Y.encodeStateVector(FakeServerSocket.serverDoc)));
  }

  close() {
    this.readyState = 3;
  }

  serverClose(code: number) {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code }));
  }
}

function access(mode: 'edit' | 'read'): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_ACCESS);
  encoding.writeVarString(encoder, JSON.stringify({ mode }));
  return encoding.toUint8Array(encoder);
}

function saved(vector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint8Array(encoder, vector);
  return encoding.toUint8Array(encoder);
}

function remoteUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

let nextId = 1;
let released: (() => void)[] = [];

function open(options: { persistence?: boolean; id?: number } = {}): LiveConnection {
  configureLiveTransport({
    WebSocketPolyfill: FakeServerSocket as unknown as typeof WebSocket,
    persistence: options.persistence ?? false,
  });
  const connection = getConnection('tree', options.id ?? nextId++);
  released.push(retainConnection(connection));
  return connection;
}

beforeEach(() => {
  FakeServerSocket.instances = [];
  FakeServerSocket.serverDoc = new Y.Doc();
  FakeServerSocket.confirm = true;
});

afterEach(() => {
  released.forEach((release) => release());
  released = [];
  resetLiveTransport();
});

describe('LiveConnection', () => {
  test('connects to /ws/doc/<kind>/<id>/ on the page origin', () => {
    open({ id: 12 });
    expect(FakeServerSocket.latest().url).toBe(`ws://${window.location.host}/ws/doc/tree/12/`);
  });

  test('is read-only until the server grants edit rights, then saved after the first sync', () => {
    const connection = open();
    expect(connection.getSnapshot()).toMatchObject({ status: 'connecting', mode: 'read', ready: false });
    FakeServerSocket.latest().accept('edit');
    expect(connection.getSnapshot()).toMatchObject({ status: 'saved', mode: 'edit', ready: true, synced: true });
  });

  test('a local edit is "saving" until the server confirms it, then "saved"', () => {
    const connection = open();
    FakeServerSocket.latest().accept('edit');
    FakeServerSocket.confirm = false;
    connection.doc.getText('t').insert(0, 'hello');
    expect(connection.getSnapshot()).toMatchObject({ status: 'saving', unsaved: true });
    expect(FakeServerSocket.serverDoc.getText('t').toString()).toBe('hello');
    FakeServerSocket.latest().deliver(saved(Y.encodeStateVector(FakeServerSocket.serverDoc)));
    expect(connection.getSnapshot()).toMatchObject({ status: 'saved', unsaved: false });
  });

  test("another person's edit relayed by the server does not make us unsaved", () => {
    const connection = open();
    FakeServerSocket.latest().accept('edit');
    const other = new Y.Doc();
    other.getText('t').insert(0, 'from someone else');
    FakeServerSocket.latest().deliver(remoteUpdate(Y.encodeStateAsUpdate(other)));
    expect(connection.doc.getText('t').toString()).toBe('from someone else');
    expect(connection.getSnapshot().status).toBe('saved');
  });

  test('read mode from the server shows as read only', () => {
    const connection = open();
    FakeServerSocket.latest().accept('read');
    expect(connection.getSnapshot()).toMatchObject({ status: 'readOnly', mode: 'read' });
    FakeServerSocket.latest().deliver(access('edit'));
    expect(connection.getSnapshot()).toMatchObject({ status: 'saved', mode: 'edit' });
  });

  test.each([
    [4401, 'signedOut'],
    [4404, 'denied'],
    [4413, 'tooLarge'],
    [4400, 'error'],
  ])('close code %i means %s and stops reconnecting', async (code, status) => {
    vi.useFakeTimers();
    const connection = open();
    FakeServerSocket.latest().accept('edit');
    FakeServerSocket.latest().serverClose(code);
    expect(connection.getSnapshot().status).toBe(status);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeServerSocket.instances).toHaveLength(1);
  });

  test('a dropped connection is offline and reconnects', async () => {
    vi.useFakeTimers();
    const connection = open();
    FakeServerSocket.latest().accept('edit');
    FakeServerSocket.latest().serverClose(1006);
    expect(connection.getSnapshot().status).toBe('offline');
    connection.doc.getText('t').insert(0, 'offline edit');
    expect(connection.getSnapshot()).toMatchObject({ status: 'offline', unsaved: true });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeServerSocket.instances).toHaveLength(2);
    FakeServerSocket.latest().accept('edit');
    expect(FakeServerSocket.serverDoc.getText('t').toString()).toBe('offline edit');
    expect(connection.getSnapshot()).toMatchObject({ status: 'saved', unsaved: false });
  });

  test('warns before the tab closes while changes are unsaved', () => {
    const connection = open();
    FakeServerSocket.latest().accept('edit');
    const calm = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(calm);
    expect(calm.defaultPrevented).toBe(false);
    FakeServerSocket.latest().serverClose(1006);
    connection.doc.getText('t').insert(0, 'not yet saved');
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true);
  });

  test('awareness: everyone here, me first, with colours from their user id', () => {
    const connection = open();
    connection.setUser({ id: 7, name: 'Sokha' });
    connection.setEditing('nodes/abc');
    FakeServerSocket.latest().accept('edit');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    const body = encoding.createEncoder();
    encoding.writeVarUint(body, 1);
    encoding.writeVarUint(body, 424242);
    encoding.writeVarUint(body, 1);
    encoding.writeVarString(body, JSON.stringify({ user: { id: 9, name: 'Dara' }, editing: 'nodes/xyz' }));
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(body));
    FakeServerSocket.latest().deliver(encoding.toUint8Array(encoder));
    const peers = connection.getSnapshot().peers;
    expect(peers.map((peer) => [peer.userId, peer.name, peer.editing, peer.isSelf])).toEqual([
      [7, 'Sokha', 'nodes/abc', true],
      [9, 'Dara', 'nodes/xyz', false],
    ]);
    expect(peers[0].color).not.toBe(peers[1].color);
  });
});

describe('the local copy (IndexedDB)', () => {
  test('edits made offline survive a reload and merge when the server is back', async () => {
    const id = 9000 + nextId++;
    // Someone else's earlier work is on the server.
    FakeServerSocket.serverDoc.getText('t').insert(0, 'server ');

    const first = open({ id, persistence: true });
    await vi.waitFor(() => expect(first.getSnapshot().ready).toBe(true));
    first.doc.getMap('m').set('offline', 'yes');
    // Give y-indexeddb its write, then "reload": drop the connection and open it again.
    await new Promise((resolve) => setTimeout(resolve, 50));
    released.forEach((release) => release());
    released = [];
    resetLiveTransport();

    const second = open({ id, persistence: true });
    await vi.waitFor(() => expect(second.getSnapshot().ready).toBe(true));
    expect(second.doc.getMap('m').get('offline')).toBe('yes');
    expect(second.getSnapshot()).toMatchObject({ unsaved: true });

    FakeServerSocket.latest().accept('edit');
    expect(FakeServerSocket.serverDoc.getMap('m').get('offline')).toBe('yes');
    expect(second.doc.getText('t').toString()).toBe('server ');
    expect(second.getSnapshot()).toMatchObject({ status: 'saved', unsaved: false });
  });
});
