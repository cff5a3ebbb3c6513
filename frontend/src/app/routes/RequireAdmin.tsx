import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { AccessDenied, PageHeader } from '../../components/ui';
import { useCurrentWorkspace } from './useCurrentWorkspace';

/** Workspace administration is for admins; the server enforces it too. */
export function RequireAdmin() {
  const { workspace } = useCurrentWorkspace();
  if (workspace?.role !== 'admin') return <AccessDeniedPage />;
  return <Outlet />;
}

export function AccessDeniedPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('states.forbiddenPageTitle')} />
      <AccessDenied />
    </>
  );
}
