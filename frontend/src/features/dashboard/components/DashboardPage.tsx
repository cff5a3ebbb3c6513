import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, EmptyState, LoadingBlock, PageHeader, QueryError } from '../../../components/ui';
import { useFormat } from '../../../lib/format';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import type { Dashboard } from '../api/dashboard';
import { useDashboard } from '../hooks/useDashboard';

function localPath(url: string | undefined): string | null {
  if (!url) return null;
  return url.startsWith('/') && !url.startsWith('//') ? url : null;
}

function MyGroups({ data, slug }: { data: Dashboard; slug: string }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="my-groups-heading">
      <h2 id="my-groups-heading" className="section-title">
        {t('dashboard.myGroups')}
      </h2>
      {data.my_groups.length === 0 ? (
        <EmptyState
          title={t('dashboard.noGroupsTitle')}
          action={
            <Link className="btn btn-secondary" to={`/w/${slug}/groups`}>
              {t('dashboard.browseGroups')}
            </Link>
          }
        >
          <p>{t('dashboard.noGroupsBody')}</p>
        </EmptyState>
      ) : (
        <ul className="card-grid">
          {data.my_groups.map((group) => (
            <li key={group.id} className="card">
              <h3 className="card-title">{group.name}</h3>
              {group.theme && <p className="muted" style={{ margin: 0 }}>{group.theme}</p>}
              <div className="card-meta">
                <Badge tone={group.my_role === 'lead' ? 'info' : 'neutral'}>{t(`groupRoles.${group.my_role}`)}</Badge>
                <Badge tone="muted">{t(`visibility.${group.visibility}`)}</Badge>
                <Badge tone="muted">{t('groups.memberCount', { count: group.member_count })}</Badge>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function UpcomingMeetings({ data, slug }: { data: Dashboard; slug: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const meetings = data.upcoming_meetings;
  return (
    <section className="section" aria-labelledby="meetings-heading">
      <h2 id="meetings-heading" className="section-title">
        {t('dashboard.upcomingMeetings')}
      </h2>
      {meetings.length === 0 ? (
        <EmptyState title={t('dashboard.noMeetingsTitle')}>
          <p>{t('dashboard.noMeetingsBody')}</p>
        </EmptyState>
      ) : (
        <>
          <ul className="stack-list">
            {meetings.map((meeting) => (
              <li key={meeting.id}>
                <h3 className="card-title">
                  <Link to={`/w/${encodeURIComponent(slug)}/meetings/${meeting.id}`}>{meeting.title}</Link>
                </h3>
                <p style={{ margin: 0 }}>
                  <time dateTime={meeting.starts_at}>
                    {t('dashboard.meetingWhen', {
                      date: format.date(meeting.starts_at, meeting.timezone, 'medium'),
                      start: format.time(meeting.starts_at, meeting.timezone),
                      end: format.time(meeting.planned_end, meeting.timezone),
                    })}
                  </time>
                </p>
                {meeting.groups.length > 0 && (
                  <div className="card-meta">
                    {meeting.groups.map((group) => (
                      <Badge key={group.id} tone="muted">
                        {group.name}
                      </Badge>
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/w/${encodeURIComponent(slug)}/meetings`}>{t('dashboard.allMeetings')}</Link>
          </p>
        </>
      )}
    </section>
  );
}

function AwaitingMe({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="section" aria-labelledby="awaiting-heading">
      <h2 id="awaiting-heading" className="section-title">
        {t('dashboard.awaitingMe')}
      </h2>
      {data.awaiting_me.length === 0 ? (
        <EmptyState title={t('dashboard.nothingAwaitingTitle')}>
          <p>{t('dashboard.nothingAwaitingBody')}</p>
        </EmptyState>
      ) : (
        <>
          <ul className="stack-list">
            {data.awaiting_me.map((item) => {
              const path = localPath(item.url);
              return (
                <li key={item.id} className="notification-unread">
                  <p style={{ margin: 0 }}>{path ? <Link to={path}>{item.message}</Link> : item.message}</p>
                  <time className="notification-time" dateTime={item.created_at}>
                    {format.dateTime(item.created_at)}
                  </time>
                </li>
              );
            })}
          </ul>
          <p>
            <Link to="/notifications?show=unread">{t('dashboard.allNotifications')}</Link>
          </p>
        </>
      )}
    </section>
  );
}

interface DashboardPageProps {
  /** "My organisation's actions", composed in by the app (features do not import each other). */
  organisationActions?: ReactNode;
}

export function DashboardPage({ organisationActions }: DashboardPageProps = {}) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const dashboard = useDashboard(slug);
  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        description={dashboard.data ? dashboard.data.workspace.name : undefined}
      />
      {dashboard.isPending ? (
        <LoadingBlock />
      ) : dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <>
          <AwaitingMe data={dashboard.data} />
          {organisationActions}
          <MyGroups data={dashboard.data} slug={slug} />
          <UpcomingMeetings data={dashboard.data} slug={slug} />
        </>
      )}
    </>
  );
}
