import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/ui';
import { useSearchParam } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { ImportForm } from './ImportForm';
import { ImportProgress } from './ImportProgress';

export function ImportPage() {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  // The job being followed lives in the URL, so a reload keeps following it.
  const [jobParam, setJobParam] = useSearchParam('job');
  const jobId = /^\d+$/.test(jobParam) ? Number(jobParam) : null;

  return (
    <>
      <PageHeader title={t('imports.title')} description={t('imports.description')} />
      {jobId === null ? (
        <ImportForm slug={slug} onStarted={(job) => setJobParam(String(job.id))} />
      ) : (
        <ImportProgress key={jobId} slug={slug} jobId={jobId} onDone={() => setJobParam('')} />
      )}
    </>
  );
}
