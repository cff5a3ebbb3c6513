import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { Icon, LoadingBlock } from '../../components/ui';
import { LanguageSwitch } from '../../features/auth/components/LanguageSwitch';
import { UserMenu } from '../../features/auth/components/UserMenu';
import { useMe } from '../../features/auth/hooks/useAuth';
import { NotificationBell } from '../../features/notifications/components/NotificationBell';
import { WorkspaceSwitcher } from '../../features/workspaces/components/WorkspaceSwitcher';
import { ErrorBoundary } from '../ErrorBoundary';
import { useCurrentWorkspace } from '../routes/useCurrentWorkspace';
import { ConnectionBanner } from './ConnectionBanner';
import { Navigation } from './Navigation';

const NAV_ID = 'main-navigation';

export function AppShell() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { workspace, slugInUrl } = useCurrentWorkspace();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const [lastPath, setLastPath] = useState(location.pathname);

  // Close the phone menu when the page changes (adjusting state during render, not in an effect).
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname);
    setMenuOpen(false);
  }

  useEffect(() => {
    // After client-side navigation, start screen readers and keyboards at the new content.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="shell-header">
        <button
          type="button"
          className="icon-button menu-toggle"
          aria-expanded={menuOpen}
          aria-controls={NAV_ID}
          aria-label={t('nav.menu')}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <Icon name="menu" size={26} />
        </button>
        <Link className="brand" to="/">
          {t('app.name')}
        </Link>
        {me && slugInUrl && <WorkspaceSwitcher workspaces={me.workspaces} current={slugInUrl} />}
        {workspace && me && me.workspaces.length < 2 && (
          <span className="header-label">{workspace.name}</span>
        )}
        <span className="header-spacer" />
        <div className="header-tools">
          <NotificationBell />
          <LanguageSwitch />
          <UserMenu />
        </div>
      </header>
      <ConnectionBanner />
      <div className="shell-body">
        <Navigation id={NAV_ID} workspace={workspace} open={menuOpen} />
        <main className="shell-main" id="main" ref={mainRef} tabIndex={-1}>
          <ErrorBoundary key={location.pathname}>
            <Suspense fallback={<LoadingBlock />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
