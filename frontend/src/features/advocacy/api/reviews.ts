import { api, toPage, unwrap, type ApiBody, type ApiData, type ListItem, type Page } from '../../../lib/api';

/** GET agendas/<id>/workflow/: where the agenda stands in review and which steps this person may take. */
export type AgendaWorkflow = ApiData<'/api/workspaces/{slug}/agendas/{agenda_id}/workflow/', 'get'>;
export type SubmissionSummary = ListItem<ApiData<'/api/workspaces/{slug}/agendas/{agenda_id}/submissions/', 'get'>>;
export type WorkflowStep = 'revise' | 'reopen' | 'publish';

export const reviewKeys = {
  workflow: (slug: string, agendaId: number) => ['advocacy', slug, 'agendas', agendaId, 'workflow'] as const,
  submissions: (slug: string, agendaId: number) => ['advocacy', slug, 'agendas', agendaId, 'submissions'] as const,
  settings: (slug: string) => ['advocacy', slug, 'review-settings'] as const,
  dashboards: (slug: string) => ['advocacy', slug, 'review-dashboard'] as const,
  dashboard: (slug: string, filters: ReviewDashboardFilters) => ['advocacy', slug, 'review-dashboard', filters] as const,
  submission: (slug: string, agendaId: number, number: number) => ['advocacy', slug, 'agendas', agendaId, 'submissions', number] as const,
  diff: (slug: string, agendaId: number, number: number, against: number | undefined) =>
    ['advocacy', slug, 'agendas', agendaId, 'submissions', number, 'diff', { against }] as const,
};

export function fetchWorkflow(slug: string, agendaId: number, signal?: AbortSignal): Promise<AgendaWorkflow> {
  return unwrap(
    api.GET('/api/workspaces/{slug}/agendas/{agenda_id}/workflow/', { params: { path: { slug, agenda_id: agendaId } }, signal }),
  );
}

export async function fetchSubmissions(slug: string, agendaId: number, signal?: AbortSignal): Promise<Page<SubmissionSummary>> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/agendas/{agenda_id}/submissions/', { params: { path: { slug, agenda_id: agendaId } }, signal }),
  );
  return toPage<SubmissionSummary>(data);
}

export function submitAgenda(slug: string, agendaId: number, note: string): Promise<AgendaWorkflow> {
  return unwrap(
    api.POST('/api/workspaces/{slug}/agendas/{agenda_id}/submit/', {
      params: { path: { slug, agenda_id: agendaId } },
      body: note ? { note } : {},
    }),
  );
}

export function takeWorkflowStep(slug: string, agendaId: number, step: WorkflowStep): Promise<AgendaWorkflow> {
  const params = { path: { slug, agenda_id: agendaId } };
  switch (step) {
    case 'revise':
      return unwrap(api.POST('/api/workspaces/{slug}/agendas/{agenda_id}/revise/', { params }));
    case 'reopen':
      return unwrap(api.POST('/api/workspaces/{slug}/agendas/{agenda_id}/reopen/', { params }));
    case 'publish':
      return unwrap(api.POST('/api/workspaces/{slug}/agendas/{agenda_id}/publish/', { params }));
  }
}

/** GET submissions/<n>/diff/?against=m: what changed, section by section, between two submissions. */
export type SubmissionDiff = ApiData<'/api/workspaces/{slug}/agendas/{agenda_id}/submissions/{number}/diff/', 'get'>;
export type SectionDiff = SubmissionDiff['sections'][number];

export function fetchSubmissionDiff(
  slug: string,
  agendaId: number,
  number: number,
  against: number | undefined,
  signal?: AbortSignal,
): Promise<SubmissionDiff> {
  return unwrap(
    api.GET('/api/workspaces/{slug}/agendas/{agenda_id}/submissions/{number}/diff/', {
      params: { path: { slug, agenda_id: agendaId, number }, query: against === undefined ? {} : { against } },
      signal,
    }),
  );
}

/** GET submissions/<n>/: the frozen content, the rubric and the reviews this person may read. */
export type SubmissionDetail = ApiData<'/api/workspaces/{slug}/agendas/{agenda_id}/submissions/{number}/', 'get'>;
export type Review = SubmissionDetail['reviews'][number];
export type ReviewComment = Review['comments'][number];
export type ReviewCreate = ApiBody<'/api/workspaces/{slug}/agendas/{agenda_id}/submissions/{number}/reviews/', 'post'>;
export type CommentResponse = ApiBody<'/api/workspaces/{slug}/agendas/{agenda_id}/review-comments/{comment_id}/response/', 'put'>;

export function fetchSubmission(slug: string, agendaId: number, number: number, signal?: AbortSignal): Promise<SubmissionDetail> {
  return unwrap(
    api.GET('/api/workspaces/{slug}/agendas/{agenda_id}/submissions/{number}/', {
      params: { path: { slug, agenda_id: agendaId, number } },
      signal,
    }),
  );
}

export function createReview(slug: string, agendaId: number, number: number, body: ReviewCreate): Promise<SubmissionDetail> {
  return unwrap(
    api.POST('/api/workspaces/{slug}/agendas/{agenda_id}/submissions/{number}/reviews/', {
      params: { path: { slug, agenda_id: agendaId, number } },
      body,
    }),
  );
}

export function respondToComment(slug: string, agendaId: number, commentId: number, body: CommentResponse): Promise<ReviewComment> {
  return unwrap(
    api.PUT('/api/workspaces/{slug}/agendas/{agenda_id}/review-comments/{comment_id}/response/', {
      params: { path: { slug, agenda_id: agendaId, comment_id: commentId } },
      body,
    }),
  );
}

/** GET/PATCH review-settings/: how the workspace reviews agendas. */
export type ReviewSettings = ApiData<'/api/workspaces/{slug}/review-settings/', 'get'>;
export type ReviewSettingsUpdate = ApiBody<'/api/workspaces/{slug}/review-settings/', 'patch'>;

export function fetchReviewSettings(slug: string, signal?: AbortSignal): Promise<ReviewSettings> {
  return unwrap(api.GET('/api/workspaces/{slug}/review-settings/', { params: { path: { slug } }, signal }));
}

export function updateReviewSettings(slug: string, body: ReviewSettingsUpdate): Promise<ReviewSettings> {
  return unwrap(api.PATCH('/api/workspaces/{slug}/review-settings/', { params: { path: { slug } }, body }));
}

/** GET review-dashboard/: the agendas sent to the executive committee, one queue at a time. */
export type ReviewDashboard = ApiData<'/api/workspaces/{slug}/review-dashboard/', 'get'>;
export type ReviewDashboardEntry = ReviewDashboard['results'][number];
export type ReviewQueue = ReviewDashboard['queue'];
export type AgendaStatus = ReviewDashboardEntry['agenda_status'];

export interface ReviewDashboardFilters {
  queue: ReviewQueue;
  group?: number;
  status?: AgendaStatus;
  page: number;
}

export function fetchReviewDashboard(
  slug: string,
  filters: ReviewDashboardFilters,
  signal?: AbortSignal,
): Promise<ReviewDashboard> {
  return unwrap(api.GET('/api/workspaces/{slug}/review-dashboard/', { params: { path: { slug }, query: filters }, signal }));
}
