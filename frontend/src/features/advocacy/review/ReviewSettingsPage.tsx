import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, LoadingBlock, PageHeader, QueryError, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import type { ReviewSettings } from '../api/reviews';
import { useReviewSettings, useUpdateReviewSettings } from '../hooks/useReviews';
import './review.css';

type NumberField = 'approvals_required' | 'review_days' | 'action_reminder_days';

// The settings that are whole numbers, with their ranges (the server's, checked here before sending) and
// the key of their texts (label, hint and range message under review.settings).
const NUMBER_FIELDS: readonly { field: NumberField; text: string; min: number; max: number }[] = [
  { field: 'approvals_required', text: 'approvals', min: 1, max: 20 },
  { field: 'review_days', text: 'reviewDays', min: 1, max: 90 },
  { field: 'action_reminder_days', text: 'reminderDays', min: 0, max: 60 },
];

function wholeNumberIn(text: string, min: number, max: number): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/** The workspace's review settings: read by everyone who reviews, changed by admins and executives. */
export function ReviewSettingsPage() {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const settings = useReviewSettings(slug);
  if (settings.isPending) return <LoadingBlock />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <>
      <PageHeader
        title={t('review.settings.title')}
        description={t('review.settings.description')}
        actions={
          // The same people who change the settings (administrators, executives) have the dashboard.
          settings.data.can_edit && (
            <Link className="btn btn-secondary" to={`/w/${encodeURIComponent(slug)}/reviews`}>
              {t('review.settings.dashboard')}
            </Link>
          )
        }
      />
      <SettingsForm slug={slug} settings={settings.data} />
    </>
  );
}

interface Row {
  key: string;
  label: string;
}

function keyFor(label: string, taken: Set<string>): string {
  const base = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30) || 'criterion';
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}_${n}`;
  return key;
}

/** Whether the rubric differs from the one loaded (order, keys or names). */
function rubricChanged(rows: readonly Row[], loaded: ReviewSettings['rubric']): boolean {
  return (
    rows.length !== loaded.length ||
    rows.some((row, index) => row.key !== loaded[index].key || row.label.trim() !== loaded[index].label)
  );
}

function SettingsForm({ slug, settings }: { slug: string; settings: ReviewSettings }) {
  const { t } = useTranslation();
  const update = useUpdateReviewSettings(slug);
  const [numbers, setNumbers] = useState<Record<NumberField, string>>(() => ({
    approvals_required: String(settings.approvals_required),
    review_days: String(settings.review_days),
    action_reminder_days: String(settings.action_reminder_days),
  }));
  const [hidden, setHidden] = useState(settings.reviews_hidden_until_own);
  const [rows, setRows] = useState<Row[]>(settings.rubric.map((criterion) => ({ ...criterion })));
  const [newLabel, setNewLabel] = useState('');
  // A number out of range is shown on its own field (and focused) before anything is sent.
  const [fieldError, setFieldError] = useState<{ field: NumberField; message: string } | undefined>();
  const [localError, setLocalError] = useState<string | undefined>();
  const statusRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const rubricId = useId();
  const errors = formErrors(update.error, [
    'approvals_required',
    'reviews_hidden_until_own',
    'rubric',
    'review_days',
    'action_reminder_days',
  ] as const);
  const readOnly = !settings.can_edit;
  const errorOn = (field: NumberField) => (fieldError?.field === field ? fieldError.message : errors.fields[field]);
  // Editing after a save: "Settings saved." no longer describes what is on the screen.
  const edited = () => {
    if (update.isSuccess) update.reset();
  };
  const refuse = (field: NumberField, message: string) => {
    setLocalError(undefined);
    setFieldError({ field, message });
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>(`[name="${field}"]`)?.focus());
  };

  return (
    <form
      ref={formRef}
      className="rv-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const values: Partial<Record<NumberField, number>> = {};
        for (const { field, text, min, max } of NUMBER_FIELDS) {
          const value = wholeNumberIn(numbers[field], min, max);
          if (value === null) {
            refuse(field, t(`review.settings.${text}Range`, { max }));
            return;
          }
          values[field] = value;
        }
        setFieldError(undefined);
        if (rows.length === 0 || rows.some((row) => !row.label.trim())) {
          setLocalError(t('review.settings.rubricRequired'));
          return;
        }
        setLocalError(undefined);
        update.mutate(
          {
            ...(values as Record<NumberField, number>),
            reviews_hidden_until_own: hidden,
            // An unchanged rubric is not sent: the default criteria keep their names in each reader's
            // language, which sending the names shown here would fix in this person's language.
            ...(rubricChanged(rows, settings.rubric)
              ? { rubric: rows.map((row) => ({ key: row.key, label: row.label.trim() })) }
              : {}),
          },
          { onSettled: () => requestAnimationFrame(() => statusRef.current?.focus()) },
        );
      }}
    >
      {readOnly && <Alert tone="info" messages={[t('review.settings.readOnly')]} />}
      {NUMBER_FIELDS.map(({ field, text, min, max }) => (
        <TextField
          key={field}
          label={t(`review.settings.${text}`)}
          hint={t(`review.settings.${text}Hint`)}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          name={field}
          value={numbers[field]}
          disabled={readOnly}
          error={errorOn(field)}
          onChange={(event) => {
            const value = event.target.value;
            setNumbers((all) => ({ ...all, [field]: value }));
            edited();
          }}
        />
      ))}
      <label className="rv-score">
        <input
          type="checkbox"
          checked={hidden}
          disabled={readOnly}
          onChange={(event) => {
            setHidden(event.target.checked);
            edited();
          }}
        />
        <span>{t('review.settings.hidden')}</span>
      </label>
      <fieldset className="rv-criterion" aria-describedby={rubricId}>
        <legend>{t('review.settings.rubric')}</legend>
        <p id={rubricId} className="muted">
          {t('review.settings.rubricHint')}
        </p>
        <ol className="rv-rubric">
          {rows.map((row, index) => (
            <li key={row.key} className="rv-rubric-row">
              <TextField
                label={t('review.settings.criterion', { number: index + 1 })}
                value={row.label}
                disabled={readOnly}
                onChange={(event) => {
                  setRows((all) => all.map((r) => (r.key === row.key ? { ...r, label: event.target.value } : r)));
                  edited();
                }}
              />
              {!readOnly && (
                // "Remove" on the screen, next to its field; the criterion's name for a screen reader.
                <Button
                  variant="secondary"
                  aria-label={t('review.settings.remove', { criterion: row.label || index + 1 })}
                  onClick={() => {
                    setRows((all) => all.filter((r) => r.key !== row.key));
                    edited();
                  }}
                >
                  {t('review.settings.removeShort')}
                </Button>
              )}
            </li>
          ))}
        </ol>
        {!readOnly && (
          <div className="rv-rubric-row">
            <TextField label={t('review.settings.newCriterion')} value={newLabel} onChange={(event) => setNewLabel(event.target.value)} />
            <Button
              onClick={() => {
                if (!newLabel.trim()) return;
                setRows((all) => [...all, { key: keyFor(newLabel, new Set(all.map((r) => r.key))), label: newLabel.trim() }]);
                setNewLabel('');
                edited();
              }}
            >
              {t('review.settings.add')}
            </Button>
          </div>
        )}
      </fieldset>
      <div ref={statusRef} tabIndex={-1}>
        {localError && <Alert tone="error" messages={[localError]} />}
        {(errors.general.length > 0 || errors.fields.rubric) && (
          <Alert tone="error" messages={[...errors.general, ...(errors.fields.rubric ? [errors.fields.rubric] : [])]} />
        )}
        {update.isSuccess && <Alert tone="success" messages={[t('review.settings.saved')]} />}
      </div>
      {!readOnly && (
        <div className="rv-buttons">
          <Button type="submit" variant="primary" busy={update.isPending}>
            {t('review.settings.save')}
          </Button>
        </div>
      )}
    </form>
  );
}
