import { useSearchParams } from 'react-router';

/** The in-app path to return to after signing in; never another site. */
export function safeNextPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/login')) return '/';
  return value;
}

export function useSafeNext(): string {
  const [params] = useSearchParams();
  return safeNextPath(params.get('next'));
}
