import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  Field,
  LoadingBlock,
  NotFoundState,
  PageHeader,
  QueryError,
} from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import {
  isExtracting,
  useCitedBy,
  useDocument,
  useDocumentFiles,
  useRemoveDocument,
  useUpdateDocument,
  useUploadVersion,
} from '../api/hooks';
import {
  ACCEPTED_FILES,
  DocumentCitedError,
  MAX_DOCUMENT_BYTES,
  downloadUrl,
  type PolicyDocument,
} from '../api/policybank';
import { DocumentForm } from './DocumentForm';
import { usePolicyLabels } from './labels';
import './policybank.css';

function fileSize(bytes: number, number: (value: number) => string): string {
  if (bytes >= 1024 * 1024) return `${number(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
  if (bytes >= 1024) return `${number(Math.round(bytes / 1024))} KB`;
  return `${number(bytes)} B`;
}

function ExtractionStatus({ document }: { document: PolicyDocument }) {
  const { t } = useTranslation();
  const status = document.extraction_status;
  const tone = status === 'failed' ? 'error' : status === 'empty' ? 'warning' : status === 'done' ? 'success' : 'info';
  if (status === 'none') return <p className="muted">{t('policybank.extraction.none')}</p>;
  return (
    <Alert tone={tone} title={t(`policybank.extraction.${status}`)}>
      <p role="status" aria-live="polite">
        {isExtracting(document) ? t('policybank.extraction.waiting') : t(`policybank.extraction.${status}Body`)}
      </p>
      {status === 'failed' && document.extraction_error && <p>{document.extraction_error}</p>}
    </Alert>
  );
}

function Facts({ document }: { document: PolicyDocument }) {
  const { t } = useTranslation();
  const labels = usePolicyLabels();
  const format = useFormat();
  const otherTitles = Object.entries(document.other_titles as Record<string, string>);
  const places = (document.places as string[] | undefined) ?? [];
  const rows: [string, ReactNode][] = [
    [t('policybank.fields.kind'), labels.kind(document.kind)],
    ...otherTitles.map(
      ([language, title]): [string, ReactNode] => [
        t('policybank.fields.titleIn', { language: labels.language(language) }),
        <span lang={language}>{title}</span>,
      ],
    ),
    [t('policybank.fields.year'), document.year ?? '—'],
    [t('policybank.fields.publisher'), document.publisher || '—'],
    [t('policybank.fields.countries'), document.countries.map(labels.country).join(', ') || '—'],
    [t('policybank.fields.places'), places.join(', ') || '—'],
    [t('policybank.fields.languages'), document.languages.map(labels.language).join(', ') || '—'],
    [t('policybank.fields.themes'), document.themes.map(labels.theme).join(', ') || '—'],
    [
      t('policybank.fields.externalUrl'),
      document.external_url ? (
        <a href={document.external_url} target="_blank" rel="noopener noreferrer">
          {document.external_url}
        </a>
      ) : (
        '—'
      ),
    ],
    [t('policybank.fields.licence'), document.licence || '—'],
    [
      t('policybank.fields.visibility'),
      t(`policybank.visibility.${document.visibility === 'group' ? 'group' : 'workspace'}`),
    ],
    [
      t('policybank.fields.addedBy'),
      t('policybank.addedByWhen', {
        name: document.added_by?.name ?? t('policybank.someone'),
        when: format.dateTime(document.created_at),
      }),
    ],
  ];
  return (
    <dl className="policy-facts">
      {rows.map(([label, value], index) => (
        <div key={index} style={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Files({ slug, document }: { slug: string; document: PolicyDocument }) {
  const { t } = useTranslation();
  const format = useFormat();
  const files = useDocumentFiles(slug, document.id);
  const upload = useUploadVersion(slug, document.id);
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const errors = formErrors(upload.error, ['file'] as const);
  const canEdit = document.permissions.can_edit && !document.removed;

  function submit(event: FormEvent) {
    event.preventDefault();
    upload.reset();
    if (!file) return setLocalError(t('policybank.files.chooseFirst'));
    if (file.size > MAX_DOCUMENT_BYTES) return setLocalError(t('policybank.form.fileTooLarge'));
    setLocalError(null);
    upload.mutate(file, { onSuccess: () => setFile(null) });
  }

  return (
    <section className="section" aria-labelledby="policy-files">
      <h2 id="policy-files" className="section-title">
        {t('policybank.files.title')}
      </h2>
      {files.isPending ? (
        <LoadingBlock />
      ) : files.isError ? (
        <QueryError error={files.error} onRetry={() => void files.refetch()} />
      ) : files.data.length === 0 ? (
        <p className="muted">{t('policybank.files.none')}</p>
      ) : (
        <ul className="stack-list">
          {[...files.data]
            .sort((a, b) => b.version - a.version)
            .map((version) => (
              <li key={version.id}>
                <a href={downloadUrl(slug, document.id, version.id)} download>
                  {t('policybank.files.download', { name: version.original_name, version: version.version })}
                </a>{' '}
                <span className="muted">
                  {fileSize(version.size, format.number)} · {format.dateTime(version.uploaded_at)}
                  {version.uploaded_by ? ` · ${version.uploaded_by.name}` : ''}
                </span>{' '}
                {version.id === document.current_file?.id && <Badge tone="info">{t('policybank.files.current')}</Badge>}
              </li>
            ))}
        </ul>
      )}
      {canEdit && (
        <form onSubmit={submit} noValidate>
          <Alert tone="error" messages={errors.general} />
          {upload.isSuccess && <Alert tone="success" messages={[t('policybank.files.uploaded')]} />}
          <Field
            label={t('policybank.files.replace')}
            hint={t('policybank.form.fileHint')}
            error={localError ?? errors.fields.file ?? null}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="input"
                type="file"
                accept={ACCEPTED_FILES}
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
            <Button type="submit" busy={upload.isPending}>
              {t('policybank.files.upload')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

function CitedByList({ slug, documentId }: { slug: string; documentId: number }) {
  const { t } = useTranslation();
  const citedBy = useCitedBy(slug, documentId);
  const base = `/w/${encodeURIComponent(slug)}`;
  return (
    <section className="section" aria-labelledby="policy-cited-by">
      <h2 id="policy-cited-by" className="section-title">
        {t('policybank.citedBy.title')}
      </h2>
      {citedBy.isPending ? (
        <LoadingBlock />
      ) : citedBy.isError ? (
        <QueryError error={citedBy.error} onRetry={() => void citedBy.refetch()} />
      ) : citedBy.data.citations.length === 0 ? (
        <p className="muted">{t('policybank.citedBy.none')}</p>
      ) : (
        <ul className="stack-list">
          {citedBy.data.citations.map((entry) => (
            <li key={entry.citation_id}>
              {entry.type === 'tree_node' && entry.tree_id ? (
                <>
                  <Link to={`${base}/trees/${entry.tree_id}`}>{entry.tree_title}</Link>
                  {' — '}
                  {entry.node_present ? entry.node_label : <em>{t('policybank.citedBy.nodeRemoved')}</em>}
                </>
              ) : entry.agenda_id ? (
                <>
                  <Link to={`${base}/agendas/${entry.agenda_id}`}>{entry.agenda_title}</Link>
                  {' — '}
                  {entry.section_label}
                </>
              ) : null}
              <span className="muted policy-cited-meta">
                {entry.group.name}
                {entry.page ? ` · ${t('policybank.citedBy.page', { page: entry.page })}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RemoveDocument({ slug, document }: { slug: string; document: PolicyDocument }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useRemoveDocument(slug, document.id);
  const [open, setOpen] = useState(false);
  const cited = remove.error instanceof DocumentCitedError ? remove.error : null;
  const errors = remove.error && !cited ? formErrors(remove.error, [] as const).general : [];
  const done = () => navigate(`/w/${encodeURIComponent(slug)}/policy`);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t('policybank.remove.button')}
      </Button>
      <ConfirmDialog
        open={open}
        title={t('policybank.remove.title')}
        confirmLabel={cited ? t('policybank.remove.confirmCited') : t('policybank.remove.confirm')}
        busy={remove.isPending}
        errors={errors}
        onConfirm={() => remove.mutate(Boolean(cited), { onSuccess: done })}
        onCancel={() => {
          setOpen(false);
          remove.reset();
        }}
      >
        {cited ? (
          <Alert tone="warning" title={t('policybank.remove.citedTitle', { count: cited.citationCount })}>
            <p>{cited.message}</p>
            <p>{t('policybank.remove.citedBody')}</p>
          </Alert>
        ) : (
          <p>{t('policybank.remove.body', { title: document.title })}</p>
        )}
      </ConfirmDialog>
    </>
  );
}

export function DocumentPage() {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const { documentId } = useParams();
  const id = Number(documentId);
  const valid = Number.isInteger(id) && id > 0;
  const document = useDocument(slug, id, valid);
  const update = useUpdateDocument(slug, id);
  const [editing, setEditing] = useState(false);

  if (!valid) return <NotFoundState />;
  if (document.isPending) return <LoadingBlock />;
  if (document.isError) return <QueryError error={document.error} onRetry={() => void document.refetch()} />;
  const data = document.data;
  const canEdit = data.permissions.can_edit && !data.removed;

  return (
    <>
      <p>
        <Link to={`/w/${encodeURIComponent(slug)}/policy`}>{t('policybank.backToSearch')}</Link>
      </p>
      <PageHeader
        title={data.title}
        actions={
          !editing && (canEdit || data.permissions.can_remove) ? (
            <>
              {canEdit && <Button onClick={() => setEditing(true)}>{t('policybank.edit')}</Button>}
              {data.permissions.can_remove && !data.removed && <RemoveDocument slug={slug} document={data} />}
            </>
          ) : undefined
        }
      />
      {data.removed && <Alert tone="warning" messages={[t('policybank.removedNotice')]} />}
      {editing ? (
        <DocumentForm
          document={data}
          busy={update.isPending}
          error={update.error}
          submitLabel={t('common.save')}
          onSubmit={(input) => update.mutate(input, { onSuccess: () => setEditing(false) })}
          onCancel={() => {
            update.reset();
            setEditing(false);
          }}
        />
      ) : (
        <>
          {data.summary ? (
            <p className="policy-summary">{data.summary}</p>
          ) : (
            <p className="muted">{t('policybank.noSummary')}</p>
          )}
          <Facts document={data} />
          <section className="section" aria-labelledby="policy-extraction">
            <h2 id="policy-extraction" className="section-title">
              {t('policybank.extraction.title')}
            </h2>
            <ExtractionStatus document={data} />
          </section>
        </>
      )}
      <Files slug={slug} document={data} />
      <CitedByList slug={slug} documentId={data.id} />
    </>
  );
}
