import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  Alert,
  Button,
  Field,
  LoadingBlock,
  PageHeader,
  ProgressBar,
  QueryError,
  Table,
  type Column,
} from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useSearchParam } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { useDocumentsImportJob, useStartDocumentsImport } from '../api/hooks';
import { templateUrl } from '../api/policybank';
import './policybank.css';

/** The template's columns, in order (documented on the screen). */
export const IMPORT_COLUMNS = [
  'title',
  'kind',
  'year',
  'publisher',
  'summary',
  'countries',
  'languages',
  'themes',
  'external_url',
  'licence',
] as const;
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

interface RowError {
  row: number | null;
  column: string;
  message: string;
}

function rowErrors(value: unknown): RowError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object')
    .map((item) => ({
      row: typeof item.row === 'number' ? item.row : null,
      column: typeof item.column === 'string' ? item.column : '',
      message: typeof item.message === 'string' ? item.message : String(item.message ?? ''),
    }));
}

function resultCount(result: unknown, key: string): number {
  const value = result && typeof result === 'object' ? (result as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' ? value : 0;
}

function ImportForm({ slug, onStarted }: { slug: string; onStarted: (jobId: number) => void }) {
  const { t } = useTranslation();
  const start = useStartDocumentsImport(slug);
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const errors = formErrors(start.error, ['file'] as const);

  function submit(event: FormEvent) {
    event.preventDefault();
    start.reset();
    if (!file) return setLocalError(t('policybank.import.chooseFirst'));
    if (file.size > MAX_IMPORT_BYTES) return setLocalError(t('policybank.import.tooLarge'));
    setLocalError(null);
    start.mutate(file, { onSuccess: (job) => onStarted(job.id) });
  }

  return (
    <form onSubmit={submit} noValidate className="section">
      <Alert tone="error" messages={errors.general} />
      <section className="card section policy-import-columns" aria-labelledby="policy-import-columns">
        <h2 id="policy-import-columns" className="section-title">
          {t('policybank.import.columnsTitle')}
        </h2>
        <ul>
          {IMPORT_COLUMNS.map((column) => (
            <li key={column}>
              <code>{column}</code> — {t(`policybank.import.columns.${column}`)}
            </li>
          ))}
        </ul>
        <p>{t('policybank.import.allOrNothing')}</p>
        <p>
          <a className="btn btn-secondary" href={templateUrl(slug)} download>
            {t('policybank.import.template')}
          </a>
        </p>
      </section>
      <Field label={t('policybank.import.file')} error={localError ?? errors.fields.file ?? null} required>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setLocalError(null);
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={start.isPending}>
          {t('policybank.import.start')}
        </Button>
      </div>
    </form>
  );
}

function ImportProgress({ slug, jobId, onDone }: { slug: string; jobId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const job = useDocumentsImportJob(slug, jobId);
  if (job.isPending) return <LoadingBlock />;
  if (job.isError && !job.data) return <QueryError error={job.error} onRetry={() => void job.refetch()} />;
  const data = job.data!;
  const status = data.status;
  const progress = status === 'succeeded' ? 100 : Math.max(0, Math.min(100, Number(data.progress) || 0));
  const text = t(`policybank.import.status.${status}`, { progress });
  const errors = rowErrors(data.errors);
  const columns: Column<RowError>[] = [
    { key: 'row', header: t('policybank.import.row'), render: (e) => e.row ?? '—', className: 'nowrap' },
    { key: 'column', header: t('policybank.import.column'), render: (e) => (e.column ? <code>{e.column}</code> : '—') },
    { key: 'message', header: t('policybank.import.message'), render: (e) => e.message },
  ];
  return (
    <section className="section" aria-labelledby="policy-import-status">
      <h2 id="policy-import-status" className="section-title">
        {t('policybank.import.jobTitle')}
      </h2>
      <ProgressBar
        value={progress}
        label={t('policybank.import.progress')}
        valueText={`${progress}% — ${text}`}
        testId="policy-import-progress"
        tone={status === 'failed' ? 'error' : status === 'succeeded' ? 'success' : 'normal'}
      />
      <p role="status" aria-live="polite">
        {text}
      </p>
      {status === 'succeeded' && (
        <Alert tone="success" title={t('policybank.import.done')}>
          <p>
            {t('policybank.import.summary', {
              created: resultCount(data.result, 'created'),
              unchanged: resultCount(data.result, 'unchanged'),
              rows: resultCount(data.result, 'rows'),
            })}
          </p>
          <p>
            <Link to={`/w/${encodeURIComponent(slug)}/policy`}>{t('policybank.import.toBank')}</Link>
          </p>
        </Alert>
      )}
      {status === 'failed' && (
        <>
          <Alert tone="error" title={t('policybank.import.failed')}>
            <p>{t('policybank.import.nothingImported')}</p>
            {errors.length === 0 && data.error && <p>{data.error}</p>}
          </Alert>
          {errors.length > 0 && (
            <Table
              caption={t('policybank.import.rowsToFix')}
              columns={columns}
              rows={errors}
              rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
            />
          )}
        </>
      )}
      {status === 'succeeded' || status === 'failed' ? (
        <Button variant="primary" onClick={onDone}>
          {t('policybank.import.another')}
        </Button>
      ) : (
        <p className="form-note">{t('policybank.import.canLeave')}</p>
      )}
    </section>
  );
}

export function PolicyImportPage() {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  // The job being followed lives in the URL, so a reload keeps following it.
  const [jobParam, setJobParam] = useSearchParam('job');
  const jobId = /^\d+$/.test(jobParam) ? Number(jobParam) : null;
  return (
    <>
      <PageHeader title={t('policybank.import.title')} description={t('policybank.import.description')} />
      {jobId === null ? (
        <ImportForm slug={slug} onStarted={(id) => setJobParam(String(id))} />
      ) : (
        <ImportProgress key={jobId} slug={slug} jobId={jobId} onDone={() => setJobParam('')} />
      )}
    </>
  );
}
