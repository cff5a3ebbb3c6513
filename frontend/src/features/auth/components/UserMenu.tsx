import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Icon, Popover } from '../../../components/ui';
import { useLogout, useMe } from '../hooks/useAuth';

export function UserMenu() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!me) return null;
  return (
    <Popover
      panelLabel={t('userMenu.label')}
      triggerProps={{ className: 'header-button', 'aria-label': t('userMenu.open', { name: me.display_name || me.email }) }}
      trigger={
        <>
          <Icon name="user" />
          <span className="header-label">{me.display_name || me.email}</span>
        </>
      }
    >
      {(close) => (
        <ul className="menu-list">
          <li className="menu-caption">{me.email}</li>
          <li>
            <Link className="menu-item" to="/account" onClick={close}>
              {t('nav.account')}
            </Link>
          </li>
          <li>
            <button
              type="button"
              className="menu-item"
              disabled={logout.isPending}
              onClick={() =>
                logout.mutate(undefined, {
                  onSettled: () => {
                    close();
                    navigate('/login', { replace: true });
                  },
                })
              }
            >
              {t('auth.signOut')}
            </button>
          </li>
        </ul>
      )}
    </Popover>
  );
}
