/**
 * Pure pieces of the connection state: whether the local document is saved on the server, and
 * which status the badge shows. Kept apart from the provider so they can be tested exactly.
 */
import type { LiveMode, LiveStatus } from './types';

/** client id -> clock (the number of structs of that client we hold). */
export type StateVector = Map<number, number>;

/**
 * Local state is saved when every (client, clock) of the local state vector is covered by what
 * the server told us it has committed (contract §3, message 100).
 */
export function isCovered(local: StateVector, saved: StateVector): boolean {
  for (const [client, clock] of local) {
    if (clock > (saved.get(client) ?? 0)) return false;
  }
  return true;
}

/** Merges `more` into `into` (keeping the larger clock per client); returns whether anything grew. */
export function mergeVector(into: StateVector, more: StateVector): boolean {
  let grew = false;
  for (const [client, clock] of more) {
    if (clock > (into.get(client) ?? 0)) {
      into.set(client, clock);
      grew = true;
    }
  }
  return grew;
}

export type TerminalReason = 'denied' | 'signedOut' | 'tooLarge' | 'error';

/** The server's permanent close codes (contract §3); anything else is retried by the provider. */
export function terminalReason(code: number): TerminalReason | null {
  if (code === 4401) return 'signedOut';
  // 4403 is what the y-websocket docs suggest for "denied"; the contract uses 4404 (ids cannot be probed).
  if (code === 4404 || code === 4403) return 'denied';
  if (code === 4413) return 'tooLarge';
  if (code >= 4400 && code < 4500) return 'error';
  return null;
}

export interface ConnectionFacts {
  terminal: TerminalReason | null;
  connected: boolean;
  /** The server's sync step 2 arrived on this connection. */
  synced: boolean;
  /** A connection attempt already failed or an open connection dropped (or the browser says offline). */
  lostConnection: boolean;
  mode: LiveMode;
  /** The local document holds changes the server has not confirmed. */
  unsaved: boolean;
}

export function computeStatus(facts: ConnectionFacts): LiveStatus {
  if (facts.terminal) return facts.terminal;
  if (!facts.connected) return facts.lostConnection ? 'offline' : 'connecting';
  if (facts.mode === 'read') return facts.synced ? 'readOnly' : 'connecting';
  if (facts.unsaved) return 'saving';
  return facts.synced ? 'saved' : 'connecting';
}
