import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type ApiData } from '../../../lib/api';
import { useEvent } from '../../../lib/events';
import {
  createDocument,
  fetchCitedBy,
  fetchDocument,
  fetchFiles,
  fetchGroupOptions,
  fetchThemes,
  policyKeys,
  removeDocument,
  searchDocuments,
  updateDocument,
  uploadDocumentsImport,
  uploadVersion,
  type DocumentInput,
  type PolicyDocument,
} from './policybank';

/** While text is being extracted the document page looks again this often. */
export const EXTRACTION_POLL_MS = 3_000;
export const JOB_POLL_MS = 2_000;

export function isExtracting(document: Pick<PolicyDocument, 'extraction_status'> | undefined): boolean {
  return document?.extraction_status === 'pending' || document?.extraction_status === 'running';
}

export function useDocumentSearch(slug: string, query: string) {
  return useQuery({
    queryKey: policyKeys.search(slug, query),
    queryFn: ({ signal }) => searchDocuments(slug, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDocument(slug: string, id: number, enabled = true) {
  return useQuery({
    queryKey: policyKeys.document(slug, id),
    queryFn: ({ signal }) => fetchDocument(slug, id, signal),
    enabled,
    refetchInterval: (query) => (isExtracting(query.state.data) ? EXTRACTION_POLL_MS : false),
  });
}

export function useDocumentFiles(slug: string, id: number) {
  return useQuery({ queryKey: policyKeys.files(slug, id), queryFn: ({ signal }) => fetchFiles(slug, id, signal) });
}

export function useCitedBy(slug: string, id: number) {
  return useQuery({
    queryKey: policyKeys.citedBy(slug, id),
    queryFn: ({ signal }) => fetchCitedBy(slug, id, signal),
    meta: { topics: ['groups', 'citations'] },
  });
}

export function useThemes(slug: string, enabled = true) {
  return useQuery({
    queryKey: policyKeys.themes(slug),
    queryFn: ({ signal }) => fetchThemes(slug, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useCreateDocument(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, file }: { input: DocumentInput; file: File | null }) => createDocument(slug, input, file),
    onSuccess: (created) => {
      queryClient.setQueryData(policyKeys.document(slug, created.id), created);
      return queryClient.invalidateQueries({ queryKey: [...policyKeys.all(slug), 'search'] });
    },
  });
}

export function useUpdateDocument(slug: string, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<DocumentInput>) => updateDocument(slug, id, input),
    onSuccess: (updated) => {
      queryClient.setQueryData(policyKeys.document(slug, id), updated);
      return queryClient.invalidateQueries({ queryKey: [...policyKeys.all(slug), 'search'] });
    },
  });
}

export function useUploadVersion(slug: string, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadVersion(slug, id, file),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: policyKeys.document(slug, id) }),
  });
}

export function useRemoveDocument(slug: string, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirm: boolean) => removeDocument(slug, id, confirm),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: policyKeys.document(slug, id) });
      return queryClient.invalidateQueries({ queryKey: [...policyKeys.all(slug), 'search'] });
    },
  });
}

// ------------------------------------------------------------------ import job

type ApiJob = ApiData<'/api/workspaces/{slug}/jobs/{job_id}/', 'get'>;

export function useStartDocumentsImport(slug: string) {
  return useMutation({ mutationFn: (file: File) => uploadDocumentsImport(slug, file) });
}

function finished(job: Pick<ApiJob, 'status'> | undefined): boolean {
  return job?.status === 'succeeded' || job?.status === 'failed';
}

/** Follows an import job: the events socket pushes progress, a poll covers a quiet socket. */
export function useDocumentsImportJob(slug: string, jobId: number) {
  const queryClient = useQueryClient();
  const key = [...policyKeys.all(slug), 'jobs', jobId] as const;
  useEvent('job.progress', (event) => {
    if (event.job.id !== jobId) return;
    queryClient.setQueryData<ApiJob>(key, (previous) => (finished(previous) ? previous : event.job));
  });
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/workspaces/{slug}/jobs/{job_id}/', { params: { path: { slug, job_id: jobId } }, signal })),
    staleTime: 0,
    refetchInterval: (query) => (finished(query.state.data) ? false : JOB_POLL_MS),
    refetchIntervalInBackground: true,
  });
}

export function useGroupOptions(slug: string) {
  return useQuery({
    queryKey: [...policyKeys.all(slug), 'group-options'],
    queryFn: ({ signal }) => fetchGroupOptions(slug, signal),
    staleTime: 5 * 60_000,
    meta: { topics: ['groups'] },
  });
}
