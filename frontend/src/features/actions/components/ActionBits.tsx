import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import type { Action, ActionStatus } from '../api/actions';
import './actions.css';

/** An action's status, each with its own colour; the word is always there, so colour is never the only cue. */
export function ActionStatusBadge({ status }: { status: ActionStatus }) {
  const { t } = useTranslation();
  return <span className={`badge act-status act-status-${status}`}>{t(`actions.status.${status}`)}</span>;
}

/** Shown beside the due date of an overdue action: the red of the row plus the word. */
export function OverdueTag() {
  const { t } = useTranslation();
  return <span className="badge act-overdue-tag">{t('actions.overdue')}</span>;
}

/** Due dates are calendar dates: formatted in UTC so no time zone moves them to the day before. */
export function useDueDate() {
  const format = useFormat();
  return (date: string | null) => (date ? format.date(date, 'UTC', 'medium') : null);
}

/** `labelled`: "Due 5 Jan 2026" where nothing else says what the date is (not under a "Due" heading). */
export function DueDate({ action, labelled = true }: { action: Pick<Action, 'due' | 'overdue'>; labelled?: boolean }) {
  const { t } = useTranslation();
  const dueDate = useDueDate();
  const formatted = dueDate(action.due);
  return (
    <span className="act-due">
      {formatted ? (
        <time dateTime={action.due ?? undefined}>{labelled ? t('actions.dueOn', { date: formatted }) : formatted}</time>
      ) : (
        <span className="muted">{t('actions.noDue')}</span>
      )}
      {action.overdue && <OverdueTag />}
    </span>
  );
}

export function activityText(action: Pick<Action, 'activity'>, untitled: string): string {
  return action.activity.trim() || untitled;
}
