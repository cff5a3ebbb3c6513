import type { ApiData } from '../../../lib/api';

export type Workspace = ApiData<'/api/workspaces/', 'get'>[number];
export type WorkspaceRole = Workspace['role'];

const LAST_WORKSPACE_KEY = 'roundtable.lastWorkspace';

export function rememberWorkspace(slug: string): void {
  try {
    window.localStorage.setItem(LAST_WORKSPACE_KEY, slug);
  } catch {
    /* storage unavailable */
  }
}

/** The workspace to open at "/": the one used last, if the person still belongs to it. */
export function defaultWorkspace(workspaces: readonly Workspace[]): Workspace | null {
  let last: string | null = null;
  try {
    last = window.localStorage.getItem(LAST_WORKSPACE_KEY);
  } catch {
    last = null;
  }
  return workspaces.find((workspace) => workspace.slug === last) ?? workspaces[0] ?? null;
}
