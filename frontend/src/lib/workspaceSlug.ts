import { useParams } from 'react-router';

/** The current workspace, from the /w/:slug/... part of the URL. */
export function useWorkspaceSlug(): string {
  const { slug } = useParams();
  if (!slug) throw new Error('useWorkspaceSlug() used outside a /w/:slug route');
  return slug;
}
