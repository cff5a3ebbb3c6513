/**
 * The policy bank's REST side: search, documents and their files, "cited by", themes and the CSV import.
 * Search answers are read through a tolerant normaliser: the screens depend on the fields they show only.
 */
import { api, ApiError, unwrap, type ApiBody, type ApiData } from '../../../lib/api';

export type PolicyDocument = ApiData<'/api/workspaces/{slug}/policy/documents/{document_id}/', 'get'>;
export type DocumentFile = NonNullable<PolicyDocument['current_file']>;
export type Theme = PolicyDocument['themes'][number];
export type CitedBy = ApiData<'/api/workspaces/{slug}/policy/documents/{document_id}/cited-by/', 'get'>;
export type CitedByEntry = CitedBy['citations'][number];

export const DOCUMENT_KINDS = [
  'law',
  'policy',
  'strategy',
  'research',
  'case_study',
  'policy_brief',
  'guideline',
  'dataset',
  'network_position',
] as const;
/** Network positions are published from an approved agenda, never added by hand. */
export const ADDABLE_KINDS = DOCUMENT_KINDS.filter((kind) => kind !== 'network_position');
export const FACETS = ['kind', 'theme', 'country', 'year', 'language', 'publisher'] as const;
export type FacetName = (typeof FACETS)[number];
export const SORTS = ['relevance', 'newest', 'year', 'title'] as const;
export type SortName = (typeof SORTS)[number];
/** Refused by the server too; checking first saves a long upload on a slow connection. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
export const ACCEPTED_FILES = '.pdf,.docx,.xlsx,.csv,.png,.jpg,.jpeg';

export const policyKeys = {
  all: (slug: string) => ['policybank', slug] as const,
  search: (slug: string, query: string) => ['policybank', slug, 'search', query] as const,
  document: (slug: string, id: number) => ['policybank', slug, 'documents', id] as const,
  files: (slug: string, id: number) => ['policybank', slug, 'documents', id, 'files'] as const,
  citedBy: (slug: string, id: number) => ['policybank', slug, 'documents', id, 'cited-by'] as const,
  themes: (slug: string) => ['policybank', slug, 'themes'] as const,
};

// ------------------------------------------------------------------ search

export interface SearchHit {
  id: number;
  title: string;
  kind: string;
  year: number | null;
  publisher: string;
  /** Escaped HTML from the server whose only markup is <mark>. */
  snippet: string;
  removed: boolean;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface SearchPage {
  count: number;
  /** False when there are more matches than `count` (a very common word): shown as "10,000+". */
  countExact: boolean;
  /** False when the facets were counted over a sample of the matches. */
  facetsExact: boolean;
  next: string | null;
  previous: string | null;
  pageSize: number | null;
  results: SearchHit[];
  facets: Partial<Record<FacetName, FacetValue[]>>;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function parseHit(raw: Record<string, unknown>): SearchHit {
  const doc = (raw.document && typeof raw.document === 'object' ? raw.document : raw) as Record<string, unknown>;
  return {
    id: numberOrNull(doc.id) ?? 0,
    title: text(doc.title),
    kind: text(doc.kind),
    year: numberOrNull(doc.year),
    publisher: text(doc.publisher),
    snippet: text(raw.snippet ?? raw.highlight ?? raw.headline),
    removed: doc.removed === true,
  };
}

function parseFacetValues(value: unknown): FacetValue[] {
  const rows = Array.isArray(value)
    ? value
    : value && typeof value === 'object'
      ? Object.entries(value).map(([key, count]) => ({ value: key, count }))
      : [];
  return rows
    .filter((row): row is Record<string, unknown> => Boolean(row) && typeof row === 'object')
    .map((row) => {
      const v = text(row.value ?? row.code ?? row.id ?? row.key);
      return { value: v, label: text(row.label ?? row.name) || v, count: numberOrNull(row.count) ?? 0 };
    })
    .filter((row) => row.value !== '');
}

/** Reads a search answer into the shape the screens use. */
export function parseSearchPage(body: unknown): SearchPage {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const results = Array.isArray(raw.results) ? raw.results : [];
  const rawFacets = (raw.facets && typeof raw.facets === 'object' ? raw.facets : {}) as Record<string, unknown>;
  const facets: SearchPage['facets'] = {};
  for (const name of FACETS) {
    const values = parseFacetValues(rawFacets[name] ?? rawFacets[`${name}s`]);
    if (values.length) facets[name] = values;
  }
  const count = numberOrNull(raw.total ?? raw.count) ?? results.length;
  const page = numberOrNull(raw.page) ?? 1;
  const pageSize = numberOrNull(raw.page_size);
  // The search answers {total, page, page_size}; the pager wants to know whether there is a next page.
  const pages = pageSize ? Math.max(1, Math.ceil(count / pageSize)) : 1;
  const next = typeof raw.next === 'string' ? raw.next : page < pages ? String(page + 1) : null;
  const previous = typeof raw.previous === 'string' ? raw.previous : page > 1 ? String(page - 1) : null;
  return {
    count,
    countExact: raw.total_exact !== false,
    facetsExact: raw.facets_exact !== false,
    next,
    previous,
    pageSize,
    results: results
      .filter((row): row is Record<string, unknown> => Boolean(row) && typeof row === 'object')
      .map(parseHit),
    facets,
  };
}

export async function searchDocuments(slug: string, query: string, signal?: AbortSignal): Promise<SearchPage> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/policy/search/', {
      params: { path: { slug } },
      // The page's own URL parameters, repeated keys (kind=law&kind=policy) included, go as they are.
      querySerializer: () => query,
      signal,
    }),
  );
  return parseSearchPage(data);
}

/**
 * Only <mark> survives: the server escapes the document's text and adds <mark> around matches, and this
 * turns that into React nodes' data without ever handing markup to the DOM.
 */
export function snippetParts(html: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (const match of html.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: decodeEntities(html.slice(last, match.index)), marked: false });
    parts.push({ text: decodeEntities(match[1]), marked: true });
    last = match.index + match[0].length;
  }
  if (last < html.length) parts.push({ text: decodeEntities(html.slice(last)), marked: false });
  return parts.filter((part) => part.text !== '');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", apos: "'" };

function decodeEntities(value: string): string {
  // Any other tag is shown as the text it is, never interpreted.
  return value.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (_match, name: string) => ENTITIES[name] ?? '');
}

// ------------------------------------------------------------------ documents

export function fetchDocument(slug: string, id: number, signal?: AbortSignal): Promise<PolicyDocument> {
  return unwrap(
    api.GET('/api/workspaces/{slug}/policy/documents/{document_id}/', {
      params: { path: { slug, document_id: id } },
      signal,
    }),
  );
}

export function fetchFiles(slug: string, id: number, signal?: AbortSignal): Promise<DocumentFile[]> {
  return unwrap(
    api.GET('/api/workspaces/{slug}/policy/documents/{document_id}/files/', {
      params: { path: { slug, document_id: id } },
      signal,
    }),
  ).then((data) => (Array.isArray(data) ? data : ((data as { results?: DocumentFile[] }).results ?? [])));
}

export function fetchCitedBy(slug: string, id: number, signal?: AbortSignal): Promise<CitedBy> {
  return unwrap(
    api.GET('/api/workspaces/{slug}/policy/documents/{document_id}/cited-by/', {
      params: { path: { slug, document_id: id } },
      signal,
    }),
  );
}

export function fetchThemes(slug: string, signal?: AbortSignal): Promise<Theme[]> {
  return unwrap(api.GET('/api/workspaces/{slug}/policy/themes/', { params: { path: { slug } }, signal })).then(
    (data) => (Array.isArray(data) ? data : ((data as { results?: Theme[] }).results ?? [])),
  );
}

export function downloadUrl(slug: string, documentId: number, fileId: number): string {
  return `/api/workspaces/${encodeURIComponent(slug)}/policy/documents/${documentId}/files/${fileId}/download/`;
}

export function templateUrl(slug: string): string {
  return `/api/workspaces/${encodeURIComponent(slug)}/policy/imports/template/`;
}

type DocumentCreateBody = ApiBody<'/api/workspaces/{slug}/policy/documents/', 'post'>;
/** What the add and edit forms send (every field, the file apart). */
export type DocumentInput = Required<Omit<DocumentCreateBody, 'file'>>;

function multipart(input: DocumentInput, file: File): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) form.append(key, String(item));
    // DRF reads a dict from a form as "other_titles.km" keys.
    else if (typeof value === 'object') for (const [sub, text] of Object.entries(value)) form.append(`${key}.${sub}`, String(text));
    else form.append(key, String(value));
  }
  form.append('file', file, file.name);
  return form;
}

export function createDocument(slug: string, input: DocumentInput, file: File | null): Promise<PolicyDocument> {
  // JSON unless there is a file to send.
  return unwrap(
    api.POST('/api/workspaces/{slug}/policy/documents/', {
      params: { path: { slug } },
      body: input,
      ...(file ? { bodySerializer: () => multipart(input, file) } : {}),
    }),
  );
}

export function updateDocument(slug: string, id: number, input: Partial<DocumentInput>): Promise<PolicyDocument> {
  return unwrap(
    api.PATCH('/api/workspaces/{slug}/policy/documents/{document_id}/', {
      params: { path: { slug, document_id: id } },
      body: input,
    }),
  );
}

/** The server's answer to removing a cited document without confirmation. */
export class DocumentCitedError extends Error {
  readonly citationCount: number;
  constructor(message: string, citationCount: number) {
    super(message);
    this.name = 'DocumentCitedError';
    this.citationCount = citationCount;
  }
}

/** Removes a document; a cited one is refused with DocumentCitedError until `confirm` is true. */
export async function removeDocument(slug: string, id: number, confirm: boolean): Promise<void> {
  const call = api.DELETE('/api/workspaces/{slug}/policy/documents/{document_id}/', {
    params: { path: { slug, document_id: id }, query: confirm ? { confirm: true } : {} },
  });
  try {
    await unwrap(call);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      const body = (await call).error as { detail?: string; citation_count?: number } | undefined;
      throw new DocumentCitedError(body?.detail ?? error.message, body?.citation_count ?? 0);
    }
    throw error;
  }
}

export function uploadVersion(slug: string, id: number, file: File): Promise<unknown> {
  const form = new FormData();
  form.append('file', file, file.name);
  return unwrap(
    api.POST('/api/workspaces/{slug}/policy/documents/{document_id}/files/', {
      params: { path: { slug, document_id: id } },
      body: { file: file.name },
      bodySerializer: () => form,
    }),
  );
}

export function uploadDocumentsImport(slug: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return unwrap(
    api.POST('/api/workspaces/{slug}/policy/imports/', {
      params: { path: { slug } },
      body: { file: file.name },
      bodySerializer: () => form,
    }),
  );
}

export interface GroupOption {
  id: number;
  name: string;
}

/** The working groups a document can be kept private to (the first page is plenty for a network). */
export async function fetchGroupOptions(slug: string, signal?: AbortSignal): Promise<GroupOption[]> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/groups/', { params: { path: { slug }, query: { page: 1 } }, signal }),
  );
  const rows = Array.isArray(data) ? data : data.results;
  return rows.map((group) => ({ id: group.id, name: group.name }));
}
