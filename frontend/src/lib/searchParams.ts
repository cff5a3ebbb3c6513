import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from './api';

export interface SetParamOptions {
  /** Replace the current history entry instead of adding one (filters always replace). */
  replace?: boolean;
}

/**
 * List filters and the page number live in the URL, so the back button,
 * reloads and shared links keep them.
 */
export function useSearchParam(
  name: string,
  fallback = '',
): [string, (value: string, options?: SetParamOptions) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? fallback;
  const setValue = useCallback(
    (next: string, options?: SetParamOptions) => {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next && next !== fallback) updated.set(name, next);
          else updated.delete(name);
          // Any filter change starts again at the first page.
          if (name !== 'page') updated.delete('page');
          return updated;
        },
        { replace: options?.replace ?? name !== 'page' },
      );
    },
    [name, fallback, setParams],
  );
  return [value, setValue];
}

export function usePageParam(): [number, (page: number, options?: SetParamOptions) => void] {
  const [raw, setRaw] = useSearchParam('page', '1');
  const parsed = Number.parseInt(raw, 10);
  const page = Number.isFinite(parsed) && parsed > 0 ? parsed : 1;
  const setPage = useCallback(
    (next: number, options?: SetParamOptions) => setRaw(String(next), options),
    [setRaw],
  );
  return [page, setPage];
}

/**
 * When the last row of a later page disappears (deleted, or no longer matching
 * a filter), the server answers 404 "Invalid page.": step back a page instead
 * of showing "not found". Returns true while stepping back, so the caller can
 * show its loading state rather than the error.
 */
export function useStepBackFromMissingPage(
  error: unknown,
  page: number,
  setPage: (page: number, options?: SetParamOptions) => void,
): boolean {
  const missing = page > 1 && error instanceof ApiError && error.status === 404;
  useEffect(() => {
    // Replace: Back should not return to the page that no longer exists.
    if (missing) setPage(page - 1, { replace: true });
  }, [missing, page, setPage]);
  return missing;
}

/**
 * A search box bound to a URL parameter: what is typed goes to the URL after a
 * pause, and when the URL changes from outside (Back, a link) the box shows it
 * again instead of writing its old text back.
 */
export function useSearchInput(
  name: string,
  delayMs = 350,
): { text: string; setText: (text: string) => void; value: string } {
  const [value, setValue] = useSearchParam(name);
  const [text, setText] = useState(value);
  // The URL value the box last caught up with, and the value it last wrote itself.
  const [seen, setSeen] = useState(value);
  const [written, setWritten] = useState<string | null>(null);
  if (value !== seen) {
    setSeen(value);
    setWritten(null);
    if (value !== written && value !== text.trim()) setText(value);
  }
  useEffect(() => {
    const next = text.trim();
    if (next === value) return;
    const timer = setTimeout(() => {
      setWritten(next);
      setValue(next);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [text, value, setValue, delayMs]);
  return { text, setText, value };
}
