import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invalidateTopic } from '../../../lib/queryClient';
import {
  addItem,
  checkIn,
  createMeeting,
  deleteItem,
  fetchAttendance,
  fetchGroupOptions,
  fetchMeeting,
  fetchMeetings,
  fetchTemplates,
  meetingKeys,
  reorderItems,
  saveAsTemplate,
  startMeeting,
  undoCheckIn,
  updateItem,
  type ItemInput,
  type ItemUpdate,
  type MeetingCreate,
  type MeetingDetail,
  type MeetingFilters,
} from '../api/meetings';

export function useMeetings(slug: string, filters: MeetingFilters, enabled = true) {
  return useQuery({
    queryKey: meetingKeys.list(slug, filters),
    queryFn: ({ signal }) => fetchMeetings(slug, filters, signal),
    placeholderData: keepPreviousData,
    enabled,
    meta: { topics: ['meetings'] },
  });
}

export function useMeeting(slug: string, id: number) {
  return useQuery({
    queryKey: meetingKeys.detail(slug, id),
    queryFn: ({ signal }) => fetchMeeting(slug, id, signal),
    meta: { topics: ['meetings'] },
  });
}

export function useAttendance(slug: string, id: number) {
  return useQuery({
    queryKey: meetingKeys.attendance(slug, id),
    queryFn: ({ signal }) => fetchAttendance(slug, id, signal),
    meta: { topics: ['meetings', 'memberships'] },
  });
}

export function useTemplates(slug: string, enabled = true) {
  return useQuery({
    queryKey: meetingKeys.templates(slug),
    queryFn: ({ signal }) => fetchTemplates(slug, signal),
    enabled,
    meta: { topics: ['meetings'] },
  });
}

export function useGroupOptions(slug: string, enabled = true) {
  return useQuery({
    queryKey: meetingKeys.groupOptions(slug),
    queryFn: ({ signal }) => fetchGroupOptions(slug, signal),
    enabled,
    meta: { topics: ['groups'] },
  });
}

/** Meeting changes show on the list, the dashboard, group pages and the audit log. */
function useAfterMeetingChange() {
  const queryClient = useQueryClient();
  return () => Promise.all([invalidateTopic(queryClient, 'meetings'), invalidateTopic(queryClient, 'audit')]);
}

export function useCreateMeeting(slug: string) {
  const after = useAfterMeetingChange();
  return useMutation({ mutationFn: (body: MeetingCreate) => createMeeting(slug, body), onSuccess: after });
}

/**
 * Agenda changes answer the whole meeting (with recomputed times and planned
 * end): put it in the cache at once, then let everything else refresh.
 */
function useAgendaMutation<V>(slug: string, id: number, mutationFn: (variables: V) => Promise<MeetingDetail | void>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (meeting) => {
      const detailKey = meetingKeys.detail(slug, id);
      if (!meeting) return Promise.all([invalidateTopic(queryClient, 'meetings'), invalidateTopic(queryClient, 'audit')]);
      queryClient.setQueryData(detailKey, meeting);
      // The answer is the fresh meeting: refresh everything else that shows meetings, not the meeting itself.
      const same = JSON.stringify(detailKey);
      return Promise.all([
        queryClient.invalidateQueries({
          predicate: (query) => Boolean(query.meta?.topics?.includes('meetings')) && JSON.stringify(query.queryKey) !== same,
        }),
        invalidateTopic(queryClient, 'audit'),
      ]);
    },
  });
}

export function useAddItem(slug: string, id: number) {
  return useAgendaMutation(slug, id, (body: ItemInput) => addItem(slug, id, body));
}

export function useUpdateItem(slug: string, id: number) {
  return useAgendaMutation(slug, id, ({ itemId, body }: { itemId: number; body: ItemUpdate }) =>
    updateItem(slug, id, itemId, body),
  );
}

export function useDeleteItem(slug: string, id: number) {
  return useAgendaMutation(slug, id, (itemId: number) => deleteItem(slug, id, itemId));
}

export function useReorderItems(slug: string, id: number) {
  return useAgendaMutation(slug, id, (itemIds: number[]) => reorderItems(slug, id, itemIds));
}

export function useSaveAsTemplate(slug: string, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => saveAsTemplate(slug, id, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meetingKeys.templates(slug) }),
  });
}

export function useCheckIn(slug: string, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, present }: { userId: number; present: boolean }) =>
      present ? checkIn(slug, id, userId) : undoCheckIn(slug, id, userId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meetingKeys.attendance(slug, id) }),
  });
}

export function useStartMeeting(slug: string, id: number) {
  const after = useAfterMeetingChange();
  return useMutation({ mutationFn: () => startMeeting(slug, id), onSuccess: after });
}
