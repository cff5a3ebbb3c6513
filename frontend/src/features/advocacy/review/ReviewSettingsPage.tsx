import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, LoadingBlock, PageHeader, QueryError, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import type { ReviewSettings } from '../api/reviews';
import { useReviewSettings, useUpdateReviewSettings } from '../hooks/useReviews';
import './review.css';

const APPROVALS_MAX = 20;
const REVIEW_DAYS_MAX = 90;
const REMINDER_DAYS_MAX = 60;

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

function SettingsForm({ slug, settings }: { slug: string; settings: ReviewSettings }) {
  const { t } = useTranslation();
  const update = useUpdateReviewSettings(slug);
  const [approvals, setApprovals] = useState(String(settings.approvals_required));
  const [hidden, setHidden] = useState(settings.reviews_hidden_until_own);
  const [reviewDays, setReviewDays] = useState(String(settings.review_days));
  const [reminderDays, setReminderDays] = useState(String(settings.action_reminder_days));
  const [rows, setRows] = useState<Row[]>(settings.rubric.map((criterion) => ({ ...criterion })));
  const [newLabel, setNewLabel] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const statusRef = useRef<HTMLDivElement>(null);
  const rubricId = useId();
  const errors = formErrors(update.error, [
    'approvals_required',
    'reviews_hidden_until_own',
    'rubric',
    'review_days',
    'action_reminder_days',
  ] as const);
  const readOnly = !settings.can_edit;

  return (
    <form
      className="rv-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const count = Number(approvals);
        if (!Number.isInteger(count) || count < 1 || count > APPROVALS_MAX) {
          setLocalError(t('review.settings.approvalsRange', { max: APPROVALS_MAX }));
          return;
        }
        const days = wholeNumberIn(reviewDays, 1, REVIEW_DAYS_MAX);
        if (days === null) {
          setLocalError(t('review.settings.reviewDaysRange', { max: REVIEW_DAYS_MAX }));
          return;
        }
        const reminder = wholeNumberIn(reminderDays, 0, REMINDER_DAYS_MAX);
        if (reminder === null) {
          setLocalError(t('review.settings.reminderDaysRange', { max: REMINDER_DAYS_MAX }));
          return;
        }
        if (rows.length === 0 || rows.some((row) => !row.label.trim())) {
          setLocalError(t('review.settings.rubricRequired'));
          return;
        }
        setLocalError(undefined);
        update.mutate(
          {
            approvals_required: count,
            reviews_hidden_until_own: hidden,
            rubric: rows.map((row) => ({ key: row.key, label: row.label.trim() })),
            review_days: days,
            action_reminder_days: reminder,
          },
          { onSettled: () => requestAnimationFrame(() => statusRef.current?.focus()) },
        );
      }}
    >
      {readOnly && <Alert tone="info" messages={[t('review.settings.readOnly')]} />}
      <TextField
        label={t('review.settings.approvals')}
        hint={t('review.settings.approvalsHint')}
        type="number"
        inputMode="numeric"
        min={1}
        max={APPROVALS_MAX}
        value={approvals}
        disabled={readOnly}
        error={errors.fields.approvals_required}
        onChange={(event) => setApprovals(event.target.value)}
      />
      <TextField
        label={t('review.settings.reviewDays')}
        hint={t('review.settings.reviewDaysHint')}
        type="number"
        inputMode="numeric"
        min={1}
        max={REVIEW_DAYS_MAX}
        value={reviewDays}
        disabled={readOnly}
        error={errors.fields.review_days}
        onChange={(event) => setReviewDays(event.target.value)}
      />
      <TextField
        label={t('review.settings.reminderDays')}
        hint={t('review.settings.reminderDaysHint')}
        type="number"
        inputMode="numeric"
        min={0}
        max={REMINDER_DAYS_MAX}
        value={reminderDays}
        disabled={readOnly}
        error={errors.fields.action_reminder_days}
        onChange={(event) => setReminderDays(event.target.value)}
      />
      <label className="rv-score">
        <input type="checkbox" checked={hidden} disabled={readOnly} onChange={(event) => setHidden(event.target.checked)} />
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
                onChange={(event) => setRows((all) => all.map((r) => (r.key === row.key ? { ...r, label: event.target.value } : r)))}
              />
              {!readOnly && (
                <Button variant="ghost" onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}>
                  {t('review.settings.remove', { criterion: row.label || index + 1 })}
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
