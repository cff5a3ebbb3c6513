import { useTranslation } from 'react-i18next';
import { EmptyState, LoadingBlock, QueryError } from '../../../components/ui';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { useMeetings } from '../hooks/useMeetings';
import { MeetingList } from './MeetingList';

/** The meetings a working group takes part in; the app puts it on the group page. */
export function GroupMeetings({ groupId }: { groupId: number }) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const meetings = useMeetings(slug, { group: groupId });
  return (
    <section className="section" aria-labelledby="group-meetings-heading">
      <h2 id="group-meetings-heading" className="section-title">
        {t('meetings.title')}
      </h2>
      {meetings.isPending ? (
        <LoadingBlock />
      ) : meetings.isError ? (
        <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : meetings.data.results.length === 0 ? (
        <EmptyState title={t('meetings.groupEmptyTitle')}>
          <p>{t('meetings.groupEmptyBody')}</p>
        </EmptyState>
      ) : (
        <MeetingList slug={slug} meetings={meetings.data.results} />
      )}
    </section>
  );
}
