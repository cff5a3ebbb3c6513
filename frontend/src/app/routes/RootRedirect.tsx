import { Navigate } from 'react-router';
import { useMe } from '../../features/auth/hooks/useAuth';
import { NoWorkspace } from '../../features/workspaces/components/NoWorkspace';
import { defaultWorkspace } from '../../features/workspaces/api/workspaces';

/** "/" opens the workspace used last (or the first); someone in none is told what to do. */
export function RootRedirect() {
  const { data: me } = useMe();
  const workspace = defaultWorkspace(me?.workspaces ?? []);
  if (!workspace) return <NoWorkspace />;
  return <Navigate to={`/w/${encodeURIComponent(workspace.slug)}/`} replace />;
}
