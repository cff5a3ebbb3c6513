import { createContext, useContext } from 'react';
import type { LivePeer, LiveSession } from '../../../lib/live';
import { useAgendaValue, type AgendaDocument, type AgendaRows, type AgendaSnapshot, type RowCollection } from '../../../lib/live/agendaDoc';
import type { OrganisationOption } from '../../../lib/workspaceOptions';

/**
 * What every part of the agenda page shares. It changes rarely (rights, presence, the organisations
 * list): the document's content is read through `useAgendaPart`, so typing in one section does not
 * re-render the others.
 */
export interface AgendaView {
  model: AgendaDocument;
  /** For the rich-text fields (their editor binds to the session's document). */
  session: LiveSession;
  readOnly: boolean;
  /** Everyone else in the document (for "who is editing this"). */
  others: LivePeer[];
  /** Organisations for the action plan (null while they load or when they could not be loaded). */
  organisations: OrganisationOption[] | null;
  /** Names of organisations the REST detail knows, for rows whose organisation is not in the list. */
  organisationNames: ReadonlyMap<number, string>;
}

export const AgendaViewContext = createContext<AgendaView | null>(null);

export function useAgendaView(): AgendaView {
  const view = useContext(AgendaViewContext);
  if (!view) throw new Error('useAgendaView() outside an agenda page');
  return view;
}

/** One part of the document, re-rendering only when it changes. */
export function useAgendaPart<T>(select: (snapshot: AgendaSnapshot) => T): T {
  return useAgendaValue(useAgendaView().model, select);
}

export function useRows<C extends RowCollection>(collection: C): AgendaRows[C][] {
  return useAgendaPart((snapshot) => snapshot.rows[collection]) as AgendaRows[C][];
}
