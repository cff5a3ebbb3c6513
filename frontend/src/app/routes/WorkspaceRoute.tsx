import { useEffect } from 'react';
import { Outlet } from 'react-router';
import { NotFoundState } from '../../components/ui';
import { rememberWorkspace } from '../../features/workspaces/api/workspaces';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useCurrentWorkspace } from './useCurrentWorkspace';

/** /w/:slug/... — only for workspaces the person belongs to (others look like they do not exist). */
export function WorkspaceRoute() {
  const { workspace } = useCurrentWorkspace();
  useEffect(() => {
    if (workspace) rememberWorkspace(workspace.slug);
  }, [workspace]);
  if (!workspace) return <WorkspaceNotFound />;
  return <Outlet />;
}

function WorkspaceNotFound() {
  useDocumentTitle(null);
  return <NotFoundState />;
}
