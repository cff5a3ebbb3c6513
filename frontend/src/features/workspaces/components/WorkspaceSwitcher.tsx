import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Workspace } from '../api/workspaces';

interface WorkspaceSwitcherProps {
  workspaces: readonly Workspace[];
  current: string;
}

/** Shown only to people in more than one workspace. */
export function WorkspaceSwitcher({ workspaces, current }: WorkspaceSwitcherProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (workspaces.length < 2) return null;
  return (
    <label className="workspace-switcher">
      <span className="header-label visually-hidden">{t('workspaces.switch')}</span>
      <select
        className="header-select"
        data-testid="workspace-switcher"
        value={current}
        onChange={(event) => navigate(`/w/${encodeURIComponent(event.target.value)}/`)}
      >
        {workspaces.map((workspace) => (
          <option key={workspace.slug} value={workspace.slug}>
            {workspace.name}
          </option>
        ))}
      </select>
    </label>
  );
}
