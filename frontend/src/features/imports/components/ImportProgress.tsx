import { useTranslation } from 'react-i18next';
import { Alert, Button, LoadingBlock, ProgressBar, QueryError, Table, type Column } from '../../../components/ui';
import { importKindOf, type Job, type JobRowError } from '../api/imports';
import { useJob } from '../hooks/useImport';

interface ImportProgressProps {
  slug: string;
  jobId: number;
  onDone: () => void;
}

function statusText(t: (key: string, options?: Record<string, unknown>) => string, job: Job): string {
  switch (job.status) {
    case 'queued':
      return t('imports.status.queued');
    case 'running':
      return t('imports.status.running', { progress: job.progress });
    case 'succeeded':
      return t('imports.status.succeeded');
    case 'failed':
      return t('imports.status.failed');
  }
}

function jobTitle(t: (key: string) => string, jobKind: string): string {
  const kind = importKindOf(jobKind);
  return kind ? t(`imports.jobTitle.${kind}`) : jobKind;
}

function Summary({ job }: { job: Job }) {
  const { t } = useTranslation();
  const result = job.result;
  return (
    <Alert tone="success" title={t('imports.successTitle')}>
      {result ? (
        <dl className="summary-list">
          <div>
            <dt>{t('imports.summary.created')}</dt>
            <dd>{result.created}</dd>
          </div>
          <div>
            <dt>{t('imports.summary.updated')}</dt>
            <dd>{result.updated}</dd>
          </div>
          <div>
            <dt>{t('imports.summary.unchanged')}</dt>
            <dd>{result.unchanged}</dd>
          </div>
          <div>
            <dt>{t('imports.summary.rows')}</dt>
            <dd>{result.rows}</dd>
          </div>
        </dl>
      ) : null}
    </Alert>
  );
}

function Failure({ job }: { job: Job }) {
  const { t } = useTranslation();
  const columns: Column<JobRowError>[] = [
    { key: 'row', header: t('imports.errors.row'), render: (e) => e.row ?? '—', className: 'nowrap' },
    { key: 'column', header: t('imports.errors.column'), render: (e) => (e.column ? <code>{e.column}</code> : '—') },
    { key: 'message', header: t('imports.errors.message'), render: (e) => e.message },
  ];
  return (
    <>
      <Alert tone="error" title={t('imports.failedTitle')}>
        <p>{t('imports.nothingImported')}</p>
        {/* With row errors the table says it all; otherwise the server's reason (e.g. an unreadable file). */}
        {job.errors.length === 0 && job.error && <p>{job.error}</p>}
      </Alert>
      {job.errors.length > 0 && (
        <Table
          caption={t('imports.errors.caption')}
          columns={columns}
          rows={job.errors}
          rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
        />
      )}
    </>
  );
}

export function ImportProgress({ slug, jobId, onDone }: ImportProgressProps) {
  const { t } = useTranslation();
  const job = useJob(slug, jobId);

  if (job.isPending) return <LoadingBlock />;
  if (job.isError && !job.data) return <QueryError error={job.error} onRetry={() => void job.refetch()} />;
  const data = job.data!;
  const finished = data.status === 'succeeded' || data.status === 'failed';
  const value = data.status === 'succeeded' ? 100 : data.progress;
  const text = statusText(t, data);

  return (
    <section className="section" aria-labelledby="import-status-heading">
      <h2 id="import-status-heading" className="section-title">
        {jobTitle(t, data.kind)}
      </h2>
      <ProgressBar
        value={value}
        label={t('imports.progressLabel')}
        valueText={`${value}% — ${text}`}
        testId="import-progress"
        tone={data.status === 'failed' ? 'error' : data.status === 'succeeded' ? 'success' : 'normal'}
      />
      <p role="status" aria-live="polite">
        {text}
      </p>
      {data.status === 'succeeded' && <Summary job={data} />}
      {data.status === 'failed' && <Failure job={data} />}
      {finished ? (
        <Button variant="primary" onClick={onDone}>
          {t('imports.importAnother')}
        </Button>
      ) : (
        <p className="form-note">{t('imports.canLeave')}</p>
      )}
    </section>
  );
}
