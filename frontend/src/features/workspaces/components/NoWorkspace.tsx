import { useTranslation } from 'react-i18next';
import { EmptyState, PageHeader } from '../../../components/ui';

export function NoWorkspace() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('workspaces.noneTitle')} />
      <EmptyState title={t('workspaces.noneHeading')} headingLevel={2}>
        <p>{t('workspaces.noneBody')}</p>
        <p>{t('workspaces.noneNext')}</p>
      </EmptyState>
    </>
  );
}
