import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { agendaKeys } from '../api/agendas';
import {
  createReview,
  fetchReviewSettings,
  updateReviewSettings,
  type ReviewSettingsUpdate,
  fetchSubmission,
  respondToComment,
  type CommentResponse,
  type ReviewCreate,
  fetchSubmissionDiff,
  fetchSubmissions, fetchWorkflow, reviewKeys, submitAgenda, takeWorkflowStep, type WorkflowStep,
  fetchReviewDashboard,
  type ReviewDashboardFilters,
} from '../api/reviews';

export function useAgendaWorkflow(slug: string, agendaId: number) {
  return useQuery({
    queryKey: reviewKeys.workflow(slug, agendaId),
    queryFn: ({ signal }) => fetchWorkflow(slug, agendaId, signal),
    meta: { topics: ['groups', 'reviews'] },
  });
}

export function useSubmissions(slug: string, agendaId: number) {
  return useQuery({
    queryKey: reviewKeys.submissions(slug, agendaId),
    queryFn: ({ signal }) => fetchSubmissions(slug, agendaId, signal),
    meta: { topics: ['groups', 'reviews'] },
  });
}

/** Every step changes the agenda's status (and so whether it can be edited) as well as its workflow. */
function useRefreshAgenda(slug: string, agendaId: number) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: agendaKeys.detail(slug, agendaId), exact: true }),
      queryClient.invalidateQueries({ queryKey: reviewKeys.workflow(slug, agendaId) }),
      queryClient.invalidateQueries({ queryKey: reviewKeys.submissions(slug, agendaId) }),
      queryClient.invalidateQueries({ queryKey: reviewKeys.dashboards(slug) }),
    ]);
  };
}

export function useSubmitAgenda(slug: string, agendaId: number) {
  const queryClient = useQueryClient();
  const refresh = useRefreshAgenda(slug, agendaId);
  return useMutation({
    mutationFn: (note: string) => submitAgenda(slug, agendaId, note),
    onSuccess: (workflow) => {
      queryClient.setQueryData(reviewKeys.workflow(slug, agendaId), workflow);
      return refresh();
    },
  });
}

export function useWorkflowStep(slug: string, agendaId: number) {
  const queryClient = useQueryClient();
  const refresh = useRefreshAgenda(slug, agendaId);
  return useMutation({
    mutationFn: (step: WorkflowStep) => takeWorkflowStep(slug, agendaId, step),
    onSuccess: (workflow) => {
      queryClient.setQueryData(reviewKeys.workflow(slug, agendaId), workflow);
      return refresh();
    },
  });
}

export function useSubmissionDiff(slug: string, agendaId: number, number: number, against: number | undefined) {
  return useQuery({
    queryKey: reviewKeys.diff(slug, agendaId, number, against),
    queryFn: ({ signal }) => fetchSubmissionDiff(slug, agendaId, number, against, signal),
  });
}

export function useSubmission(slug: string, agendaId: number, number: number) {
  return useQuery({
    queryKey: reviewKeys.submission(slug, agendaId, number),
    queryFn: ({ signal }) => fetchSubmission(slug, agendaId, number, signal),
    meta: { topics: ['groups', 'reviews'] },
  });
}

export function useCreateReview(slug: string, agendaId: number, number: number) {
  const queryClient = useQueryClient();
  const refresh = useRefreshAgenda(slug, agendaId);
  return useMutation({
    mutationFn: (body: ReviewCreate) => createReview(slug, agendaId, number, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(reviewKeys.submission(slug, agendaId, number), detail);
      return refresh();
    },
  });
}

export function useRespondToComment(slug: string, agendaId: number, number: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ commentId, body }: { commentId: number; body: CommentResponse }) => respondToComment(slug, agendaId, commentId, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: reviewKeys.submission(slug, agendaId, number), exact: true }),
        queryClient.invalidateQueries({ queryKey: reviewKeys.workflow(slug, agendaId) }),
      ]),
  });
}

export function useReviewSettings(slug: string) {
  return useQuery({ queryKey: reviewKeys.settings(slug), queryFn: ({ signal }) => fetchReviewSettings(slug, signal) });
}

export function useUpdateReviewSettings(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewSettingsUpdate) => updateReviewSettings(slug, body),
    onSuccess: (settings) => {
      queryClient.setQueryData(reviewKeys.settings(slug), settings);
      // The days to decide move agendas in and out of the overdue queue.
      return queryClient.invalidateQueries({ queryKey: reviewKeys.dashboards(slug) });
    },
  });
}

/** The executive committee's queues; refreshed by the same group events as the agendas they list. */
export function useReviewDashboard(slug: string, filters: ReviewDashboardFilters) {
  return useQuery({
    queryKey: reviewKeys.dashboard(slug, filters),
    queryFn: ({ signal }) => fetchReviewDashboard(slug, filters, signal),
    placeholderData: keepPreviousData,
    meta: { topics: ['groups', 'reviews'] },
  });
}
