import type { QueryClient } from '@tanstack/react-query';

/**
 * The signed-in person (features/auth owns the query). Other features refresh
 * it through invalidateMe() when something they saw may have changed the
 * person's roles, without importing features/auth.
 */
export const meQueryKey = ['auth', 'me'] as const;

export function invalidateMe(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: meQueryKey, exact: true });
}
