import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, PageHeader } from '../../components/ui';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('states.notFoundPageTitle')} />
      <EmptyState
        title={t('states.notFoundTitle')}
        headingLevel={2}
        action={
          <Link className="btn btn-primary" to="/">
            {t('states.goHome')}
          </Link>
        }
      >
        <p>{t('states.notFoundBody')}</p>
      </EmptyState>
    </>
  );
}
