import type * as Y from 'yjs';

export type LiveKind = 'tree' | 'agenda';

/**
 * What the status badge says. `error` is the one addition to the contract's list: the server
 * closed the socket for a malformed frame (4400) or another permanent reason we do not know.
 */
export type LiveStatus =
  | 'connecting'
  | 'saved'
  | 'saving'
  | 'offline'
  | 'readOnly'
  | 'denied'
  | 'signedOut'
  | 'tooLarge'
  | 'error';

export type LiveMode = 'edit' | 'read';

export interface LivePeer {
  clientId: number;
  userId: number;
  name: string;
  color: string;
  editing: string | null;
  isSelf: boolean;
}

export interface LiveSession {
  /** Only for lib/live document models (problemTreeDoc.ts, agendaDoc.ts). */
  ydoc: Y.Doc;
  /** The local copy (IndexedDB) loaded or the first server sync done: safe to render. */
  ready: boolean;
  /** In sync with the server right now. */
  synced: boolean;
  status: LiveStatus;
  /** From the server's access message (read until told otherwise). */
  mode: LiveMode;
  /** Everyone here, me included (me first). */
  peers: LivePeer[];
  /** My awareness "editing" path, e.g. "nodes/k3x9" or "goal"; null when I stop. */
  setEditing(path: string | null): void;
}

export type LiveText = Y.Text;
export type LiveRichText = Y.XmlFragment;
