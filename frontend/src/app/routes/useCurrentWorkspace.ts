import { useMatch } from 'react-router';
import { useMe } from '../../features/auth/hooks/useAuth';
import { defaultWorkspace, type Workspace } from '../../features/workspaces/api/workspaces';

/**
 * The workspace in the URL (/w/:slug/...), or — on pages outside a workspace
 * such as /account — the one the person would land in, for the navigation.
 */
export function useCurrentWorkspace(): { workspace: Workspace | null; inUrl: boolean; slugInUrl: string | null } {
  const { data: me } = useMe();
  const match = useMatch('/w/:slug/*');
  const slug = match?.params.slug ?? null;
  const workspaces = me?.workspaces ?? [];
  if (slug) {
    return { workspace: workspaces.find((w) => w.slug === slug) ?? null, inUrl: true, slugInUrl: slug };
  }
  return { workspace: defaultWorkspace(workspaces), inUrl: false, slugInUrl: null };
}
