import { useSearchParams } from 'react-router';

/**
 * The in-app path to return to after signing in; never another site. The value
 * is resolved the way the browser would resolve it (tabs and newlines are
 * dropped, backslashes count as slashes), so `/%09/evil.com` cannot sneak
 * through as `//evil.com`.
 */
export function safeNextPath(value: string | null): string {
  if (!value || !value.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(value, window.location.origin);
  } catch {
    return '/';
  }
  if (url.origin !== window.location.origin) return '/';
  if (url.pathname.startsWith('/login')) return '/';
  return url.pathname + url.search + url.hash;
}

export function useSafeNext(): string {
  const [params] = useSearchParams();
  return safeNextPath(params.get('next'));
}
