import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { Workspace } from '../../features/workspaces/api/workspaces';

interface NavigationProps {
  id: string;
  workspace: Workspace | null;
  open: boolean;
}

export function Navigation({ id, workspace, open }: NavigationProps) {
  const { t } = useTranslation();
  const base = workspace ? `/w/${encodeURIComponent(workspace.slug)}` : null;
  return (
    <nav id={id} className={open ? 'shell-nav is-open' : 'shell-nav'} aria-label={t('nav.label')}>
      {base && (
        <ul>
          <li>
            <NavLink className="nav-link" to={`${base}/`} end>
              {t('nav.dashboard')}
            </NavLink>
          </li>
          <li>
            <NavLink className="nav-link" to={`${base}/groups`}>
              {t('nav.groups')}
            </NavLink>
          </li>
          <li>
            <NavLink className="nav-link" to={`${base}/meetings`}>
              {t('nav.meetings')}
            </NavLink>
          </li>
          <li>
            <NavLink className="nav-link" to={`${base}/policy`}>
              {t('policybank.nav')}
            </NavLink>
          </li>
        </ul>
      )}
      {base && (workspace?.role === 'admin' || workspace?.role === 'executive') && (
        <>
          <h2 className="nav-heading" id={`${id}-committee`}>
            {t('nav.committee')}
          </h2>
          <ul aria-labelledby={`${id}-committee`}>
            <li>
              <NavLink className="nav-link" to={`${base}/reviews`}>
                {t('nav.reviews')}
              </NavLink>
            </li>
            <li>
              <NavLink className="nav-link" to={`${base}/actions`}>
                {t('nav.actions')}
              </NavLink>
            </li>
          </ul>
        </>
      )}
      {base && workspace?.role === 'admin' && (
        <>
          <h2 className="nav-heading" id={`${id}-admin`}>
            {t('nav.administration')}
          </h2>
          <ul aria-labelledby={`${id}-admin`}>
            <li>
              <NavLink className="nav-link" to={`${base}/admin/people`}>
                {t('nav.people')}
              </NavLink>
            </li>
            <li>
              <NavLink className="nav-link" to={`${base}/admin/organisations`}>
                {t('nav.organisations')}
              </NavLink>
            </li>
            <li>
              <NavLink className="nav-link" to={`${base}/admin/import`}>
                {t('nav.import')}
              </NavLink>
            </li>
            <li>
              <NavLink className="nav-link" to={`${base}/admin/audit`}>
                {t('nav.audit')}
              </NavLink>
            </li>
          </ul>
        </>
      )}
      <ul>
        <li>
          <NavLink className="nav-link" to="/notifications">
            {t('nav.notifications')}
          </NavLink>
        </li>
        <li>
          <NavLink className="nav-link" to="/account">
            {t('nav.account')}
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
