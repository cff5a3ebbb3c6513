import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, EmptyState, LoadingBlock, PageHeader, Pagination, QueryError, Select } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { usePageParam, useSearchParam, useStepBackFromMissingPage } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { useGroupOptions } from '../../../lib/workspaceOptions';
import type { AgendaStatus, ReviewDashboard, ReviewDashboardEntry, ReviewQueue } from '../api/reviews';
import { useReviewDashboard } from '../hooks/useReviews';
import './review.css';

const QUEUES: readonly ReviewQueue[] = ['awaiting_me', 'in_review', 'overdue', 'decided'];
const AGENDA_STATUSES: readonly AgendaStatus[] = ['submitted', 'changes_requested', 'draft', 'approved', 'published'];
const PAGE_SIZE = 50;

function asQueue(value: string): ReviewQueue {
  return (QUEUES as readonly string[]).includes(value) ? (value as ReviewQueue) : 'awaiting_me';
}

function asStatus(value: string): AgendaStatus | undefined {
  return (AGENDA_STATUSES as readonly string[]).includes(value) ? (value as AgendaStatus) : undefined;
}

function asId(value: string): number | undefined {
  const parsed = Number.parseInt(value, 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

/**
 * The executive committee's review dashboard: what awaits my review, everything in review, what is overdue
 * and what was decided, filtered by working group and agenda status (all kept in the URL).
 */
export function ReviewDashboardPage() {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const [queueParam, setQueue] = useSearchParam('queue', 'awaiting_me');
  const [groupParam, setGroup] = useSearchParam('group');
  const [statusParam, setStatus] = useSearchParam('status');
  const [page, setPage] = usePageParam();
  const queue = asQueue(queueParam);
  const filters = { queue, group: asId(groupParam), status: asStatus(statusParam), page };
  const dashboard = useReviewDashboard(slug, filters);
  const groups = useGroupOptions(slug);
  const steppingBack = useStepBackFromMissingPage(dashboard.error, page, setPage);

  const header = (
    <PageHeader
      title={t('review.dashboard.title')}
      description={t('review.dashboard.description')}
      actions={
        <Link className="btn btn-secondary" to={`/w/${encodeURIComponent(slug)}/review-settings`}>
          {t('review.settings.open')}
        </Link>
      }
    />
  );
  if (dashboard.isError && !steppingBack) {
    const refused = dashboard.error instanceof ApiError && dashboard.error.status === 403;
    return (
      <>
        {header}
        {refused ? (
          // Our own words rather than the server's message, which is not translated into every language.
          <EmptyState title={t('states.forbiddenTitle')} headingLevel={2}>
            <p>{t('review.dashboard.forbidden')}</p>
          </EmptyState>
        ) : (
          <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
        )}
      </>
    );
  }

  const groupOptions = [
    { value: '', label: t('review.dashboard.allGroups') },
    ...(groups.data ?? []).map((group) => ({ value: String(group.id), label: group.name })),
  ];
  const statusOptions = [
    { value: '', label: t('review.dashboard.allStatuses') },
    ...AGENDA_STATUSES.map((status) => ({ value: status, label: t(`advocacy.agendaStatus.${status}`) })),
  ];

  return (
    <>
      {header}
      <QueueTabs queue={queue} counts={dashboard.data?.counts} onChoose={(next) => setQueue(next)} />
      <div className="rv-dash-filters" role="group" aria-label={t('review.dashboard.filters')}>
        <Select
          label={t('review.dashboard.group')}
          value={filters.group ? String(filters.group) : ''}
          onChange={(event) => setGroup(event.target.value)}
          options={groupOptions}
        />
        <Select
          label={t('review.dashboard.status')}
          value={filters.status ?? ''}
          onChange={(event) => setStatus(event.target.value)}
          options={statusOptions}
        />
      </div>
      {dashboard.isPending || steppingBack || !dashboard.data ? (
        <LoadingBlock />
      ) : (
        <QueueList slug={slug} data={dashboard.data} page={page} onPageChange={setPage} />
      )}
    </>
  );
}

function QueueTabs({
  queue,
  counts,
  onChoose,
}: {
  queue: ReviewQueue;
  counts: ReviewDashboard['counts'] | undefined;
  onChoose: (queue: ReviewQueue) => void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="rv-queues" aria-label={t('review.dashboard.queues')}>
      {QUEUES.map((name) => (
        <button
          key={name}
          type="button"
          className={name === queue ? 'rv-queue is-current' : 'rv-queue'}
          aria-current={name === queue ? 'page' : undefined}
          onClick={() => onChoose(name)}
        >
          <span>{t(`review.dashboard.queue.${name}`)}</span>
          <span className={name === 'overdue' && counts?.overdue ? 'rv-queue-count is-overdue' : 'rv-queue-count'}>
            {counts ? t('review.dashboard.count', { count: counts[name] }) : '…'}
          </span>
        </button>
      ))}
    </nav>
  );
}

function QueueList({
  slug,
  data,
  page,
  onPageChange,
}: {
  slug: string;
  data: ReviewDashboard;
  page: number;
  onPageChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (data.results.length === 0) {
    const emptyKey = data.queue === 'awaiting_me' && !data.can_review ? 'notReviewer' : data.queue;
    return (
      <EmptyState title={t(`review.dashboard.empty.${emptyKey}`)} headingLevel={2}>
        <p>{t('review.dashboard.emptyHint')}</p>
      </EmptyState>
    );
  }
  return (
    <>
      <p className="muted">
        {t('review.dashboard.dueRule', { count: data.review_days })}
      </p>
      <ul className="rv-dash-list">
        {data.results.map((entry) => (
          <DashboardEntry key={entry.agenda_id} slug={slug} entry={entry} approvalsRequired={data.approvals_required} canReview={data.can_review} />
        ))}
      </ul>
      <Pagination page={page} of={data} onPageChange={onPageChange} pageSize={PAGE_SIZE} />
    </>
  );
}

function DashboardEntry({
  slug,
  entry,
  approvalsRequired,
  canReview,
}: {
  slug: string;
  entry: ReviewDashboardEntry;
  approvalsRequired: number;
  canReview: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const base = `/w/${encodeURIComponent(slug)}/agendas/${entry.agenda_id}`;
  const titleId = useId();
  const pending = entry.status === 'pending';
  const reviewNow = pending && canReview && entry.my_decision === null;
  // "Approved" twice says nothing: the agenda's own status shows only where it differs from the submission's.
  const agendaStatusDiffers = entry.agenda_status !== 'submitted' && entry.agenda_status !== entry.status;
  return (
    <li className={entry.overdue ? 'rv-dash-item is-overdue' : 'rv-dash-item'}>
      <div className="rv-dash-main">
        <h2 className="card-title" id={titleId}>
          <Link to={`${base}/submissions/${entry.number}`}>{entry.agenda_title}</Link>
        </h2>
        <p className="rv-dash-meta">
          {entry.group.name}
          {' · '}
          {t('review.dashboard.submission', { number: entry.number, version: entry.agenda_version })}
        </p>
        <div className="card-meta">
          <Badge tone={pending ? 'info' : entry.status === 'approved' ? 'success' : 'neutral'}>
            {t(`review.submissionStatus.${entry.status}`)}
          </Badge>
          {agendaStatusDiffers && (
            <Badge tone="muted">
              {t('review.dashboard.agendaStatus', { status: t(`advocacy.agendaStatus.${entry.agenda_status}`) })}
            </Badge>
          )}
          {entry.overdue && <span className="rv-overdue">{t('review.dashboard.overdue')}</span>}
          {entry.my_decision && <Badge tone="muted">{t(`review.dashboard.myDecision.${entry.my_decision}`)}</Badge>}
        </div>
        <p className="rv-dash-meta">
          {t('review.dashboard.submitted', {
            date: format.date(entry.submitted_at, undefined, 'medium'),
            name: entry.submitted_by?.name ?? t('review.dashboard.someone'),
          })}
          {entry.due_at && (
            <>
              {' · '}
              {t('review.dashboard.due', { date: format.date(entry.due_at, undefined, 'medium') })}
            </>
          )}
          {entry.decided_at && (
            <>
              {' · '}
              {t('review.dashboard.decided', { date: format.date(entry.decided_at, undefined, 'medium') })}
            </>
          )}
          {pending && (
            <>
              {' · '}
              {t('review.dashboard.approvals', { count: entry.approvals, required: approvalsRequired })}
            </>
          )}
        </p>
      </div>
      {/* Short words on the buttons (they sit three abreast on a phone); the agenda's title describes each. */}
      <div className="rv-dash-actions">
        <Link
          className={reviewNow ? 'btn btn-primary' : 'btn btn-secondary'}
          to={`${base}/submissions/${entry.number}`}
          aria-describedby={titleId}
        >
          {reviewNow ? t('review.dashboard.review') : t('review.dashboard.open')}
        </Link>
        {entry.number > 1 && (
          <Link
            className="btn btn-secondary"
            to={`${base}/submissions/${entry.number}/diff?against=${entry.number - 1}`}
            aria-label={t('review.dashboard.compare')}
            aria-describedby={titleId}
          >
            {t('review.dashboard.compareShort')}
          </Link>
        )}
        <Link className="btn btn-secondary" to={base} aria-describedby={titleId}>
          {t('review.dashboard.agenda')}
        </Link>
      </div>
    </li>
  );
}
