import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, EmptyState, LoadingBlock, PageHeader, Pagination, QueryError } from '../../../components/ui';
import { usePageParam } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { useMeetings } from '../hooks/useMeetings';
import { MeetingList } from './MeetingList';
import { ScheduleMeetingDialog } from './ScheduleMeetingDialog';

interface MeetingsPageProps {
  /** Admins, the executive committee and facilitators schedule meetings (the app decides from the workspace role). */
  canSchedule?: boolean;
  /** The signed-in person, the default facilitator of a meeting they schedule. */
  currentUserId?: number | null;
}

export function MeetingsPage({ canSchedule = false, currentUserId = null }: MeetingsPageProps) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const navigate = useNavigate();
  const [page, setPage] = usePageParam();
  const upcoming = useMeetings(slug, { upcoming: true });
  const past = useMeetings(slug, { upcoming: false, page });
  const [scheduling, setScheduling] = useState(false);

  const scheduleButton = canSchedule && (
    <Button variant="primary" onClick={() => setScheduling(true)}>
      {t('meetings.schedule')}
    </Button>
  );

  const nothingAtAll =
    upcoming.isSuccess && past.isSuccess && upcoming.data.count === 0 && past.data.count === 0 && page === 1;

  return (
    <>
      <PageHeader title={t('meetings.title')} description={t('meetings.description')} actions={scheduleButton || undefined} />
      {upcoming.isPending || past.isPending ? (
        <LoadingBlock />
      ) : upcoming.isError ? (
        <QueryError error={upcoming.error} onRetry={() => void upcoming.refetch()} />
      ) : nothingAtAll ? (
        <EmptyState title={t('meetings.emptyTitle')} action={scheduleButton || undefined} headingLevel={2}>
          <p>{canSchedule ? t('meetings.emptyBodyScheduler') : t('meetings.emptyBody')}</p>
        </EmptyState>
      ) : (
        <>
          <section className="section" aria-labelledby="upcoming-meetings-heading">
            <h2 id="upcoming-meetings-heading" className="section-title">
              {t('meetings.upcoming')}
            </h2>
            {upcoming.data.results.length === 0 ? (
              <p className="muted">{t('meetings.noUpcoming')}</p>
            ) : (
              <MeetingList slug={slug} meetings={upcoming.data.results} />
            )}
          </section>
          <section className="section" aria-labelledby="past-meetings-heading">
            <h2 id="past-meetings-heading" className="section-title">
              {t('meetings.past')}
            </h2>
            {past.isError ? (
              <QueryError error={past.error} onRetry={() => void past.refetch()} />
            ) : past.data?.results.length ? (
              <>
                <MeetingList slug={slug} meetings={past.data.results} />
                <Pagination of={past.data} page={page} onPageChange={setPage} />
              </>
            ) : (
              <p className="muted">{t('meetings.noPast')}</p>
            )}
          </section>
        </>
      )}
      {scheduling && (
        <ScheduleMeetingDialog
          slug={slug}
          currentUserId={currentUserId}
          onClose={() => setScheduling(false)}
          onCreated={(meeting) => {
            setScheduling(false);
            void navigate(`/w/${encodeURIComponent(slug)}/meetings/${meeting.id}`);
          }}
        />
      )}
    </>
  );
}
