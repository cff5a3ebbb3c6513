import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

function shouldRetry(failureCount: number, error: unknown): boolean {
  // A 4xx will not change by asking again; network blips and 5xx might.
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: 30_000,
        // Weak connections: do not refetch everything whenever the tab regains focus;
        // live changes arrive through the events socket.
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

/**
 * Queries declare which kinds of data they show (`meta: { topics: [...] }`);
 * a feature that changes that kind of data invalidates the topic without
 * knowing which other features' queries display it.
 */
export type Topic =
  | 'notifications'
  | 'memberships'
  | 'organisations'
  | 'groups'
  | 'audit'
  | 'meetings'
  /** Where policy-bank documents are cited ("cited by"): advocacy changes it, the policy bank shows it. */
  | 'citations'
  /**
   * Where agendas stand in review (workflow, submissions, reviews, the review dashboard). Every workflow
   * step notifies the people it concerns, so a new notification refreshes these screens.
   */
  | 'reviews';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { topics?: readonly Topic[] };
  }
}

export function invalidateTopic(queryClient: QueryClient, topic: Topic): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => Boolean(query.meta?.topics?.includes(topic)) });
}
