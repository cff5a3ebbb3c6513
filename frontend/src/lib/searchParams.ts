import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * List filters and the page number live in the URL, so the back button,
 * reloads and shared links keep them.
 */
export function useSearchParam(name: string, fallback = ''): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? fallback;
  const setValue = useCallback(
    (next: string) => {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next && next !== fallback) updated.set(name, next);
          else updated.delete(name);
          // Any filter change starts again at the first page.
          if (name !== 'page') updated.delete('page');
          return updated;
        },
        { replace: name !== 'page' },
      );
    },
    [name, fallback, setParams],
  );
  return [value, setValue];
}

export function usePageParam(): [number, (page: number) => void] {
  const [raw, setRaw] = useSearchParam('page', '1');
  const parsed = Number.parseInt(raw, 10);
  const page = Number.isFinite(parsed) && parsed > 0 ? parsed : 1;
  const setPage = useCallback((next: number) => setRaw(String(next)), [setRaw]);
  return [page, setPage];
}
