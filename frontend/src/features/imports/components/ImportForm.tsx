import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Field } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { IMPORT_COLUMNS, IMPORT_KINDS, MAX_IMPORT_BYTES, templateUrl, type ImportKind, type Job } from '../api/imports';
import { useUploadImport } from '../hooks/useImport';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function hasAcceptedExtension(name: string): boolean {
  return /\.(csv|xlsx)$/i.test(name);
}

interface ImportFormProps {
  slug: string;
  onStarted: (job: Job) => void;
}

export function ImportForm({ slug, onStarted }: ImportFormProps) {
  const { t } = useTranslation();
  const upload = useUploadImport(slug);
  const [kind, setKind] = useState<ImportKind>('organisations');
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const columnsId = useId();
  const errors = formErrors(upload.error, ['file', 'kind'] as const);
  const fileError = localError ?? errors.fields.file ?? null;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    upload.reset();
    if (!file) {
      setLocalError(t('imports.chooseFileFirst'));
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setLocalError(t('imports.fileTooLarge'));
      return;
    }
    if (!hasAcceptedExtension(file.name)) {
      setLocalError(t('imports.wrongType'));
      return;
    }
    setLocalError(null);
    upload.mutate({ kind, file }, { onSuccess: onStarted });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="section">
      <Alert tone="error" messages={errors.general} />
      <fieldset className="choice-group">
        <legend>{t('imports.kindLegend')}</legend>
        {IMPORT_KINDS.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="kind"
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            {t(`imports.kinds.${value}`)}
          </label>
        ))}
        {errors.fields.kind && (
          <p className="field-error" role="alert">
            {errors.fields.kind}
          </p>
        )}
      </fieldset>

      <section className="card section" aria-labelledby={columnsId}>
        <h2 id={columnsId} className="section-title">
          {t('imports.columnsTitle', { kind: t(`imports.kinds.${kind}`) })}
        </h2>
        <p>{t('imports.columnsIntro')}</p>
        <ul>
          {IMPORT_COLUMNS[kind].map((column) => (
            <li key={column}>
              <code>{column}</code> — {t(`imports.columns.${kind}.${column}`)}
            </li>
          ))}
        </ul>
        <p>{t('imports.allOrNothing')}</p>
        <p>
          <a className="btn btn-secondary" href={templateUrl(slug, kind)} download>
            {t('imports.downloadTemplate', { kind: t(`imports.kinds.${kind}`) })}
          </a>
        </p>
      </section>

      <Field label={t('imports.file')} hint={t('imports.fileHint')} error={fileError} required>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input"
            type="file"
            name="file"
            accept={ACCEPT}
            required
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setLocalError(null);
              upload.reset();
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={upload.isPending}>
          {upload.isPending ? t('imports.uploading') : t('imports.upload')}
        </Button>
      </div>
    </form>
  );
}
