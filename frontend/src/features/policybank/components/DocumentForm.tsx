import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Field, Select, TextArea, TextField, type SelectOption } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { useGroupOptions, useThemes } from '../api/hooks';
import {
  ACCEPTED_FILES,
  ADDABLE_KINDS,
  MAX_DOCUMENT_BYTES,
  type DocumentInput,
  type PolicyDocument,
} from '../api/policybank';
import { usePolicyLabels } from './labels';

const FIELDS = [
  'kind',
  'title',
  'other_titles',
  'summary',
  'year',
  'publisher',
  'places',
  'countries',
  'languages',
  'themes',
  'external_url',
  'licence',
  'visibility',
  'group',
  'file',
] as const;

const FILE_EXTENSIONS = /\.(pdf|docx|xlsx|csv|txt|png|jpe?g)$/i;

function list(text: string): string[] {
  return text
    .split(/[,،\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

function initialInput(document?: PolicyDocument): DocumentInput {
  return {
    kind: document?.kind ?? 'policy',
    title: document?.title ?? '',
    other_titles: { ...(document?.other_titles as Record<string, string> | undefined) },
    summary: document?.summary ?? '',
    year: document?.year ?? null,
    publisher: document?.publisher ?? '',
    places: [...((document?.places as string[] | undefined) ?? [])],
    countries: [...(document?.countries ?? [])],
    languages: [...(document?.languages ?? [])],
    themes: document?.themes.map((theme) => theme.id) ?? [],
    external_url: document?.external_url ?? '',
    licence: document?.licence ?? '',
    visibility: (document?.visibility as DocumentInput['visibility'] | undefined) ?? 'workspace',
    group: document?.group ?? null,
  };
}

interface DocumentFormProps {
  /** The document being edited; absent when adding one. */
  document?: PolicyDocument;
  busy: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (input: DocumentInput, file: File | null) => void;
  onCancel?: () => void;
}

/** Metadata (and, when adding, an optional file); the server has the last word on every field. */
export function DocumentForm({ document, busy, error, submitLabel, onSubmit, onCancel }: DocumentFormProps) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const labels = usePolicyLabels();
  const themes = useThemes(slug);
  const groups = useGroupOptions(slug);
  const [input, setInput] = useState<DocumentInput>(() => initialInput(document));
  const [yearText, setYearText] = useState(document?.year ? String(document.year) : '');
  const [placesText, setPlacesText] = useState(input.places.join(', '));
  const [countriesText, setCountriesText] = useState(input.countries.join(', '));
  const [languagesText, setLanguagesText] = useState(input.languages.join(', '));
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const errors = formErrors(error, FIELDS);
  const set = <K extends keyof DocumentInput>(key: K, value: DocumentInput[K]) =>
    setInput((current) => ({ ...current, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    // A courtesy only: the server checks the file by its content and says why it refuses.
    if (file && file.size > MAX_DOCUMENT_BYTES) {
      setLocalError(t('policybank.form.fileTooLarge'));
      return;
    }
    if (file && !FILE_EXTENSIONS.test(file.name)) {
      setLocalError(t('policybank.form.fileWrongType'));
      return;
    }
    setLocalError(null);
    const year = yearText.trim() ? Number.parseInt(yearText, 10) : null;
    onSubmit(
      {
        ...input,
        year: Number.isFinite(year) ? year : null,
        places: list(placesText),
        countries: list(countriesText).map((code) => code.toUpperCase()),
        languages: list(languagesText).map((code) => code.toLowerCase()),
        group: input.visibility === 'group' ? input.group : null,
      },
      file,
    );
  }

  const kindOptions: SelectOption[] = ADDABLE_KINDS.map((kind) => ({ value: kind, label: labels.kind(kind) }));
  if (document?.kind === 'network_position') kindOptions.push({ value: 'network_position', label: labels.kind('network_position') });

  return (
    <form onSubmit={submit} noValidate className="section">
      <Alert tone="error" messages={errors.general} />
      <Select
        label={t('policybank.fields.kind')}
        required
        options={kindOptions}
        value={input.kind}
        onChange={(event) => set('kind', event.target.value as DocumentInput['kind'])}
        error={errors.fields.kind}
      />
      <TextField
        label={t('policybank.fields.title')}
        required
        value={input.title}
        onChange={(event) => set('title', event.target.value)}
        error={errors.fields.title}
      />
      <TextField
        label={t('policybank.fields.titleKm')}
        hint={t('policybank.form.titleKmHint')}
        lang="km"
        value={input.other_titles.km ?? ''}
        onChange={(event) => {
          const next = { ...input.other_titles };
          if (event.target.value) next.km = event.target.value;
          else delete next.km;
          set('other_titles', next);
        }}
        error={errors.fields.other_titles}
      />
      <TextArea
        label={t('policybank.fields.summary')}
        rows={5}
        value={input.summary}
        onChange={(event) => set('summary', event.target.value)}
        error={errors.fields.summary}
      />
      <TextField
        label={t('policybank.fields.year')}
        inputMode="numeric"
        value={yearText}
        onChange={(event) => setYearText(event.target.value)}
        error={errors.fields.year}
      />
      <TextField
        label={t('policybank.fields.publisher')}
        value={input.publisher}
        onChange={(event) => set('publisher', event.target.value)}
        error={errors.fields.publisher}
      />
      <TextField
        label={t('policybank.fields.countries')}
        hint={t('policybank.form.countriesHint')}
        value={countriesText}
        onChange={(event) => setCountriesText(event.target.value)}
        error={errors.fields.countries}
      />
      <TextField
        label={t('policybank.fields.places')}
        hint={t('policybank.form.listHint')}
        value={placesText}
        onChange={(event) => setPlacesText(event.target.value)}
        error={errors.fields.places}
      />
      <TextField
        label={t('policybank.fields.languages')}
        hint={t('policybank.form.languagesHint')}
        value={languagesText}
        onChange={(event) => setLanguagesText(event.target.value)}
        error={errors.fields.languages}
      />
      {themes.data && themes.data.length > 0 && (
        <fieldset className="choice-group">
          <legend>{t('policybank.fields.themes')}</legend>
          <div className="policy-checks">
            {themes.data.map((theme) => (
              <label key={theme.id} className="choice">
                <input
                  type="checkbox"
                  checked={input.themes.includes(theme.id)}
                  onChange={() =>
                    set(
                      'themes',
                      input.themes.includes(theme.id)
                        ? input.themes.filter((id) => id !== theme.id)
                        : [...input.themes, theme.id],
                    )
                  }
                />
                {labels.theme(theme)}
              </label>
            ))}
          </div>
          {errors.fields.themes && (
            <p className="field-error" role="alert">
              {errors.fields.themes}
            </p>
          )}
        </fieldset>
      )}
      <TextField
        label={t('policybank.fields.externalUrl')}
        type="url"
        inputMode="url"
        value={input.external_url}
        onChange={(event) => set('external_url', event.target.value)}
        error={errors.fields.external_url}
      />
      <TextField
        label={t('policybank.fields.licence')}
        value={input.licence}
        onChange={(event) => set('licence', event.target.value)}
        error={errors.fields.licence}
      />
      <fieldset className="choice-group">
        <legend>{t('policybank.fields.visibility')}</legend>
        {(['workspace', 'group'] as const).map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="visibility"
              value={value}
              checked={input.visibility === value}
              onChange={() => set('visibility', value)}
            />
            {t(`policybank.visibility.${value}`)}
          </label>
        ))}
        {errors.fields.visibility && (
          <p className="field-error" role="alert">
            {errors.fields.visibility}
          </p>
        )}
      </fieldset>
      {input.visibility === 'group' && (
        <Select
          label={t('policybank.fields.group')}
          required
          options={[
            { value: '', label: t('policybank.form.chooseGroup') },
            ...(groups.data ?? []).map((group) => ({ value: String(group.id), label: group.name })),
          ]}
          value={input.group ? String(input.group) : ''}
          onChange={(event) => set('group', event.target.value ? Number(event.target.value) : null)}
          error={errors.fields.group}
        />
      )}
      {!document && (
        <Field
          label={t('policybank.fields.file')}
          hint={t('policybank.form.fileHint')}
          error={localError ?? errors.fields.file ?? null}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              type="file"
              name="file"
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
      )}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
