import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { fetchMe, type ApiData } from '../api';
import { invalidateMe, meQueryKey } from '../queryKeys';
import { getConnection, retainConnection } from './connection';
import type { LiveKind, LiveSession } from './types';

type Me = ApiData<'/api/auth/me/', 'get'>;

/**
 * The live document `kind`/`id`: one provider per document per tab, shared by every component
 * that asks for it, closed shortly after the last one unmounts.
 */
export function useLiveDocument(kind: LiveKind, id: number): LiveSession {
  const connection = useMemo(() => getConnection(kind, id), [kind, id]);
  useEffect(() => retainConnection(connection), [connection]);
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot, connection.getSnapshot);

  // My own presence entry: the signed-in person as features/auth cached them (read, never fetched here).
  const queryClient = useQueryClient();
  const { data: me } = useQuery<Me | null>({ queryKey: meQueryKey, queryFn: ({ signal }) => fetchMe(signal), enabled: false });
  useEffect(() => {
    connection.setUser(me ? { id: me.id, name: me.display_name || me.email } : null);
  }, [connection, me]);

  // The socket says the session is gone: let the app find out (it sends the person to sign in;
  // the local copy keeps their changes for when they are back).
  const signedOut = snapshot.status === 'signedOut';
  useEffect(() => {
    if (signedOut) void invalidateMe(queryClient);
  }, [signedOut, queryClient]);

  return useMemo(
    () => ({
      ydoc: connection.doc,
      ready: snapshot.ready,
      synced: snapshot.synced,
      status: snapshot.status,
      mode: snapshot.mode,
      peers: snapshot.peers,
      setEditing: (path: string | null) => connection.setEditing(path),
    }),
    [connection, snapshot],
  );
}
