/**
 * The one HTTP client of the app: typed from the OpenAPI schema, same-origin
 * session cookies, Django's CSRF header on unsafe methods, the UI language on
 * every request (the server translates its messages), and one error shape.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../api/schema';
import i18n, { currentLanguage } from './i18n';

export type ApiPaths = paths;
type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer D } } ? D : never;

/** The JSON body a path + method answers with for the given status. */
export type ApiData<P extends keyof paths, M extends HttpMethod, S extends number = 200> = paths[P] extends {
  [K in M]: { responses: infer Rs };
}
  ? S extends keyof Rs
    ? JsonOf<Rs[S]>
    : never
  : never;

/** The JSON request body a path + method accepts. */
export type ApiBody<P extends keyof paths, M extends HttpMethod> = paths[P] extends {
  [K in M]: { requestBody?: infer B };
}
  ? JsonOf<NonNullable<B>>
  : never;

/** Every failed request, whatever went wrong, ends up as one of these. */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached at all. */
  readonly status: number;
  readonly detail: string | null;
  readonly fieldErrors: Record<string, string[]>;
  readonly nonFieldErrors: string[];

  constructor(init: {
    status: number;
    message: string;
    detail?: string | null;
    fieldErrors?: Record<string, string[]>;
    nonFieldErrors?: string[];
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.detail = init.detail ?? null;
    this.fieldErrors = init.fieldErrors ?? {};
    this.nonFieldErrors = init.nonFieldErrors ?? [];
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }

  /** 403 and 404 both mean "not for you" (the server answers 404 to hide what exists). */
  get isForbiddenOrMissing(): boolean {
    return this.status === 403 || this.status === 404;
  }
}

function messagesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(messagesOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(messagesOf);
  return [];
}

function fallbackMessage(status: number): string {
  if (status === 0) return i18n.t('errors.network');
  if (status === 401) return i18n.t('errors.unauthorized');
  if (status === 403) return i18n.t('errors.forbidden');
  if (status === 404) return i18n.t('errors.notFound');
  if (status === 413) return i18n.t('errors.tooLarge');
  if (status === 429) return i18n.t('errors.throttled');
  if (status >= 500) return i18n.t('errors.server');
  return i18n.t('errors.generic');
}

/**
 * Turns a DRF error body into an ApiError: `{"detail": "..."}`, field errors
 * `{"field": ["..."], "non_field_errors": [...]}`, a bare list, or anything
 * else (an HTML error page from a proxy) which gets a translated fallback.
 */
export function normaliseError(status: number, body: unknown): ApiError {
  let detail: string | null = null;
  const fieldErrors: Record<string, string[]> = {};
  let nonFieldErrors: string[] = [];

  if (Array.isArray(body)) {
    nonFieldErrors = messagesOf(body);
  } else if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key === 'detail' && typeof value === 'string') {
        detail = value;
      } else if (key === 'non_field_errors') {
        nonFieldErrors = messagesOf(value);
      } else {
        const messages = messagesOf(value);
        if (messages.length) fieldErrors[key] = messages;
      }
    }
  }

  const firstFieldError = Object.values(fieldErrors)[0]?.[0];
  const message = detail ?? nonFieldErrors[0] ?? firstFieldError ?? fallbackMessage(status);
  return new ApiError({ status, message, detail, fieldErrors, nonFieldErrors });
}

/** Splits an error for a form: messages for the fields it shows, the rest for an Alert. */
export function formErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
): { fields: Partial<Record<F, string>>; general: string[] } {
  if (!error) return { fields: {}, general: [] };
  if (!(error instanceof ApiError)) return { fields: {}, general: [i18n.t('errors.generic')] };
  const result: Partial<Record<F, string>> = {};
  const general: string[] = [];
  if (error.detail) general.push(error.detail);
  general.push(...error.nonFieldErrors);
  for (const [key, messages] of Object.entries(error.fieldErrors)) {
    if ((fields as readonly string[]).includes(key)) {
      result[key as F] = messages.join(' ');
    } else {
      general.push(...messages);
    }
  }
  if (!general.length && !Object.keys(result).length) general.push(error.message);
  return { fields: result, general };
}

// ---------------------------------------------------------------- CSRF

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function origin(): string {
  return typeof window !== 'undefined' ? window.location.origin : '';
}

let csrfRequest: Promise<void> | null = null;

/**
 * Django rotates the token at login, so it is read from the cookie for every
 * request rather than cached; the cookie is fetched once if it is missing.
 */
async function csrfToken(): Promise<string | null> {
  const existing = readCookie('csrftoken');
  if (existing) return existing;
  csrfRequest ??= globalThis
    .fetch(`${origin()}/api/auth/csrf/`, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': currentLanguage() },
    })
    .then(() => undefined)
    .finally(() => {
      csrfRequest = null;
    });
  try {
    await csrfRequest;
  } catch {
    // The real request will fail the same way and report it.
  }
  return readCookie('csrftoken');
}

// ---------------------------------------------------------------- 401

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever the server says the session is gone (the app sends the person to /login). */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const middleware: Middleware = {
  async onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
    if (UNSAFE_METHODS.has(request.method)) {
      const token = await csrfToken();
      if (token) request.headers.set('X-CSRFToken', token);
    }
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) {
      for (const listener of unauthorizedListeners) listener();
    }
    return undefined;
  },
};

export const api = createClient<paths>({
  baseUrl: origin(),
  credentials: 'same-origin',
  // Looked up at call time so tests (and polyfills) can replace fetch.
  fetch: (request) => globalThis.fetch(request),
});
api.use(middleware);

type FetchOutcome<T> = { data?: T; error?: unknown; response: Response };

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export async function unwrap<T>(call: Promise<FetchOutcome<T>>): Promise<T> {
  let outcome: FetchOutcome<T>;
  try {
    outcome = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    if (error instanceof ApiError) throw error;
    throw normaliseError(0, null);
  }
  if (!outcome.response.ok) throw normaliseError(outcome.response.status, outcome.error);
  return outcome.data as T;
}

/** A paginated DRF list page. */
export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** The item type of a list endpoint, whether the schema declares a page or a bare array. */
export type ListItem<L> = L extends { results: (infer I)[] } ? I : L extends (infer I)[] ? I : never;

/**
 * List endpoints answer DRF pages ({count, next, previous, results}). The
 * schema may describe some of them as bare arrays (views that paginate by
 * hand); accept both so the screens always get a page.
 */
export function toPage<T>(data: T[] | { count?: number; next?: string | null; previous?: string | null; results: T[] }): Page<T> {
  if (Array.isArray(data)) return { count: data.length, next: null, previous: null, results: data };
  return {
    count: data.count ?? data.results.length,
    next: data.next ?? null,
    previous: data.previous ?? null,
    results: data.results,
  };
}

/** The signed-in person, or null when nobody is signed in. */
export async function fetchMe(signal?: AbortSignal): Promise<ApiData<'/api/auth/me/', 'get'> | null> {
  try {
    return await unwrap(api.GET('/api/auth/me/', { signal }));
  } catch (error) {
    // DRF answers 403 instead of 401 for anonymous requests when no
    // authentication class sends a WWW-Authenticate header: both mean "signed out".
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}
