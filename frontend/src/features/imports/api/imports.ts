import { api, unwrap, type ApiData } from '../../../lib/api';

/** The job as the API sends it (result and errors are untyped JSON in the schema). */
export type ApiJob = ApiData<'/api/workspaces/{slug}/jobs/{job_id}/', 'get'>;
export type ImportKind = 'organisations' | 'people';
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobResult {
  created: number;
  updated: number;
  unchanged: number;
  rows: number;
}

export interface JobRowError {
  row: number | null;
  column: string;
  message: string;
}

/** A job as the screens use it: every field present and typed. */
export interface Job {
  id: number;
  kind: string;
  status: JobStatus;
  progress: number;
  result: JobResult | null;
  errors: JobRowError[];
  error: string;
}

export const IMPORT_KINDS: readonly ImportKind[] = ['organisations', 'people'];
/** The server refuses larger files; checking first saves a long upload on a slow connection. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The columns of each import, in template order (documented on the screen). */
export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  organisations: ['name', 'acronym', 'kind', 'province', 'country', 'contact_name', 'contact_email', 'contact_phone'],
  people: ['email', 'display_name', 'role', 'organisation', 'preferred_language'],
};

export const importKeys = {
  job: (slug: string, id: number) => ['jobs', slug, id] as const,
};

export function templateUrl(slug: string, kind: ImportKind): string {
  return `/api/workspaces/${encodeURIComponent(slug)}/import-template/?kind=${kind}`;
}

/** "people_import" (the job's kind) → "people" (the import's kind). */
export function importKindOf(jobKind: string): ImportKind | null {
  const kind = jobKind.replace(/_import$/, '');
  return kind === 'organisations' || kind === 'people' ? kind : null;
}

const STATUSES: readonly JobStatus[] = ['queued', 'running', 'succeeded', 'failed'];

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function parseResult(value: unknown): JobResult | null {
  if (!value || typeof value !== 'object') return null;
  const r = value as Record<string, unknown>;
  return { created: count(r.created), updated: count(r.updated), unchanged: count(r.unchanged), rows: count(r.rows) };
}

function parseErrors(value: unknown): JobRowError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object')
    .map((item) => ({
      row: typeof item.row === 'number' ? item.row : null,
      column: typeof item.column === 'string' ? item.column : '',
      message: typeof item.message === 'string' ? item.message : String(item.message ?? ''),
    }));
}

/** Reads a job from the API or the events socket into the shape the screens use. */
export function normaliseJob(raw: ApiJob): Job {
  const status = STATUSES.includes(raw.status as JobStatus) ? (raw.status as JobStatus) : 'queued';
  return {
    id: raw.id,
    kind: raw.kind,
    status,
    progress: Math.max(0, Math.min(100, count(raw.progress))),
    result: parseResult(raw.result),
    errors: parseErrors(raw.errors),
    error: raw.error ?? '',
  };
}

export async function uploadImport(slug: string, kind: ImportKind, file: File): Promise<Job> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  const job = await unwrap(
    api.POST('/api/workspaces/{slug}/imports/', {
      params: { path: { slug } },
      // The typed body documents the fields; the serializer sends the real multipart form.
      body: { kind, file: file.name },
      bodySerializer: () => form,
    }),
  );
  return normaliseJob(job);
}

export async function fetchJob(slug: string, id: number, signal?: AbortSignal): Promise<Job> {
  const job = await unwrap(
    api.GET('/api/workspaces/{slug}/jobs/{job_id}/', { params: { path: { slug, job_id: id } }, signal }),
  );
  return normaliseJob(job);
}

export function isFinished(job: Pick<Job, 'status'> | undefined | null): boolean {
  return job?.status === 'succeeded' || job?.status === 'failed';
}

/**
 * Progress arrives twice (socket push and 2-second poll) and the two can
 * cross: never let an older answer move the bar back or reopen a finished job.
 */
export function mergeJob(previous: Job | undefined, next: Job): Job {
  if (!previous || previous.id !== next.id) return next;
  if (isFinished(previous) && !isFinished(next)) return previous;
  if (isFinished(next)) return next;
  if (previous.status === 'running' && next.status === 'queued') return previous;
  return next.progress < previous.progress ? { ...next, progress: previous.progress } : next;
}
