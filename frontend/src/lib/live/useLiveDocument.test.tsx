import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { meQueryKey } from '../queryKeys';
import { FakeWebSocket } from '../../test/fakeSocket';
import { createTestQueryClient } from '../../test/render';
import { configureLiveTransport, resetLiveTransport } from './connection';
import { useLiveDocument } from './useLiveDocument';

afterEach(() => resetLiveTransport());

describe('useLiveDocument', () => {
  test('one connection per document per tab, with me in the presence list', () => {
    configureLiveTransport({ persistence: false });
    const client = createTestQueryClient();
    client.setQueryData(meQueryKey, { id: 7, email: 'sokha@example.org', display_name: 'Sokha Chan' });
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;

    const first = renderHook(() => useLiveDocument('agenda', 4), { wrapper });
    const second = renderHook(() => useLiveDocument('agenda', 4), { wrapper });
    expect(first.result.current.ydoc).toBe(second.result.current.ydoc);
    expect(FakeWebSocket.instances.map((socket) => socket.url)).toEqual([`ws://${window.location.host}/ws/doc/agenda/4/`]);

    expect(first.result.current).toMatchObject({ status: 'connecting', mode: 'read', ready: false, synced: false });
    expect(first.result.current.peers).toEqual([
      expect.objectContaining({ userId: 7, name: 'Sokha Chan', isSelf: true, editing: null }),
    ]);
    act(() => first.result.current.setEditing('goal'));
    expect(second.result.current.peers[0].editing).toBe('goal');
  });
});
