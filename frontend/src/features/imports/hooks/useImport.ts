import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEvent } from '../../../lib/events';
import { invalidateTopic } from '../../../lib/queryClient';
import {
  fetchJob,
  importKeys,
  isFinished,
  mergeJob,
  normaliseJob,
  uploadImport,
  type ImportKind,
  type Job,
} from '../api/imports';

export const JOB_POLL_MS = 2_000;

export function useUploadImport(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) => uploadImport(slug, kind, file),
    onSuccess: (job) => queryClient.setQueryData(importKeys.job(slug, job.id), job),
  });
}

/**
 * Follows a job live: the events socket pushes progress, and a poll every two
 * seconds covers a socket that is down or slow, until the job has finished.
 */
export function useJob(slug: string, id: number | null) {
  const queryClient = useQueryClient();
  const key = importKeys.job(slug, id ?? -1);

  useEvent('job.progress', (event) => {
    if (id === null || event.job.id !== id) return;
    queryClient.setQueryData<Job>(key, (previous) => mergeJob(previous, normaliseJob(event.job)));
  });

  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const fetched = await fetchJob(slug, id!, signal);
      // Merge with what is cached *now*: socket pushes may have moved the bar on while this poll was
      // in flight, and an older answer must not pull it back.
      return mergeJob(queryClient.getQueryData<Job>(key), fetched);
    },
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (q) => (isFinished(q.state.data) ? false : JOB_POLL_MS),
    refetchIntervalInBackground: true,
  });

  const finished = isFinished(query.data);
  const succeeded = query.data?.status === 'succeeded';
  useFinishedEffect(finished && succeeded, () => {
    // An import changes people and organisations shown elsewhere.
    void invalidateTopic(queryClient, 'organisations');
    void invalidateTopic(queryClient, 'memberships');
    void invalidateTopic(queryClient, 'audit');
  });
  return query;
}

function useFinishedEffect(done: boolean, effect: () => void) {
  const ran = useRef(false);
  const latest = useRef(effect);
  useEffect(() => {
    latest.current = effect;
  });
  useEffect(() => {
    if (done && !ran.current) {
      ran.current = true;
      latest.current();
    }
  }, [done]);
}
