import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert, Badge, Button, EmptyState, LoadingBlock, NotFoundState, PageHeader, QueryError } from '../../../components/ui';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import type { Clocked, LiveSnapshot } from '../api/live';
import { uniquePeople } from '../api/liveConnection';
import { useLiveConnection, useLiveSnapshot, type LiveConnectionState } from '../hooks/useLive';
import { Countdown } from './Countdown';
import { FacilitatorConsole } from './FacilitatorConsole';
import { GroupWork } from './GroupWork';
import '../live.css';

interface LivePageProps {
  /** The signed-in person (their own parking-lot items); the app passes it in. */
  currentUserId?: number | null;
}

export function LivePage({ currentUserId = null }: LivePageProps) {
  const { meetingId } = useParams();
  const id = Number(meetingId);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundState />;
  return <LiveView key={id} meetingId={id} currentUserId={currentUserId} />;
}

function LiveView({ meetingId, currentUserId }: { meetingId: number; currentUserId: number | null }) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const snapshot = useLiveSnapshot(slug, meetingId);
  const connection = useLiveConnection(slug, meetingId);
  const backLink = (
    <p>
      <Link to={`/w/${encodeURIComponent(slug)}/meetings/${meetingId}`}>{t('live.backToMeeting')}</Link>
    </p>
  );

  if (connection.state === 'not_found') {
    return (
      <>
        {backLink}
        <EmptyState title={t('live.notFoundTitle')} headingLevel={2}>
          <p>{t('live.notFoundBody')}</p>
        </EmptyState>
      </>
    );
  }
  if (snapshot.isPending) return <LoadingBlock />;
  if (snapshot.isError) return <QueryError error={snapshot.error} onRetry={() => void snapshot.refetch()} />;
  const data = snapshot.data;
  const currentItem = data.items.find((item) => item.id === data.run_state?.current_item_id) ?? null;
  const running = Boolean(data.run_state && !data.run_state.ended_at);

  return (
    <>
      {backLink}
      <PageHeader
        title={data.meeting.title}
        description={
          <span className="live-header-meta">
            <Badge tone={data.meeting.status === 'live' ? 'success' : 'muted'}>{t(`meetings.status.${data.meeting.status}`)}</Badge>
            <ConnectionIndicator state={connection.state} />
          </span>
        }
      />
      {connection.state === 'unauthorized' && (
        <Alert tone="error" title={t('live.unauthorizedTitle')}>
          <p>{t('live.unauthorizedBody')}</p>
          <p>
            <Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>
          </p>
        </Alert>
      )}
      {connection.error && (
        <Alert tone="error" messages={[connection.error.message || t('errors.generic')]}>
          <p>
            <Button variant="ghost" onClick={connection.clearError}>
              {t('live.dismiss')}
            </Button>
          </p>
        </Alert>
      )}
      <NowPanel snapshot={data} />
      {data.permissions.control && <FacilitatorConsole slug={slug} meetingId={meetingId} snapshot={data} />}
      {running && currentItem?.kind === 'group_work' && (
        <GroupWork
          key={currentItem.id}
          slug={slug}
          meetingId={meetingId}
          snapshot={data}
          currentUserId={currentUserId}
          joinRoom={connection.joinRoom}
        />
      )}
      <div className="live-columns">
        <LiveAgenda snapshot={data} />
        <Presence snapshot={data} />
      </div>
    </>
  );
}

/** Always visible: whether what the page shows is live. */
export function ConnectionIndicator({ state }: { state: LiveConnectionState }) {
  const { t } = useTranslation();
  return (
    <span className={`connection-indicator is-${state}`} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {t(`live.connection.${state}`)}
    </span>
  );
}

function NowPanel({ snapshot }: { snapshot: Clocked<LiveSnapshot> }) {
  const { t } = useTranslation();
  const run = snapshot.run_state;
  if (!run) {
    return (
      <section className="section live-now" aria-labelledby="live-now-heading">
        <h2 id="live-now-heading" className="section-title">
          {t('live.now')}
        </h2>
        <p>{snapshot.permissions.control ? t('live.notStartedController') : t('live.notStarted')}</p>
      </section>
    );
  }
  const item = snapshot.items.find((i) => i.id === run.current_item_id) ?? null;
  return (
    <section className="section live-now" aria-labelledby="live-now-heading">
      <h2 id="live-now-heading" className="section-title">
        {t('live.now')}
      </h2>
      {run.spotlight && (
        <p className="spotlight-banner" role="status">
          <span className="spotlight-kicker">{t('live.spotlight')}</span> {run.spotlight.label}
        </p>
      )}
      {run.ended_at ? (
        <p className="live-ended">{t('live.ended')}</p>
      ) : item ? (
        <div className="live-current">
          <div>
            <p className="live-current-title" data-testid="current-item">
              {item.title}
            </p>
            <span className="card-meta" style={{ marginTop: 0 }}>
              <Badge tone="info">{t(`agenda.kinds.${item.kind}`)}</Badge>
              <Badge tone={run.editing_open ? 'success' : 'muted'}>
                {run.editing_open ? t('live.editingOpen') : t('live.editingClosed')}
              </Badge>
            </span>
          </div>
          <Countdown timer={run.timer} clockOffsetMs={snapshot.clockOffsetMs} label={t('live.timeLeft')} size="large" />
        </div>
      ) : (
        <p>{t('live.noCurrentItem')}</p>
      )}
    </section>
  );
}

function LiveAgenda({ snapshot }: { snapshot: Clocked<LiveSnapshot> }) {
  const { t } = useTranslation();
  const current = snapshot.run_state?.ended_at ? null : snapshot.run_state?.current_item_id;
  return (
    <section className="section" aria-labelledby="live-agenda-heading">
      <h2 id="live-agenda-heading" className="section-title">
        {t('agenda.title')}
      </h2>
      {snapshot.items.length === 0 ? (
        <p className="muted">{t('agenda.emptyBody')}</p>
      ) : (
        <ol className="live-agenda" aria-labelledby="live-agenda-heading">
          {snapshot.items.map((item) => (
            <li key={item.id} className={item.id === current ? 'is-current' : undefined} aria-current={item.id === current ? 'step' : undefined}>
              <span className="live-agenda-title">{item.title}</span>
              <span className="muted">
                {t(`agenda.kinds.${item.kind}`)} · {t('agenda.minutes', { count: item.planned_minutes })}
              </span>
              {item.id === current && <Badge tone="success">{t('live.currentItem')}</Badge>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Presence({ snapshot }: { snapshot: Clocked<LiveSnapshot> }) {
  const { t } = useTranslation();
  const people = uniquePeople(snapshot.presence.map((entry) => entry.user));
  return (
    <section className="section" aria-labelledby="live-presence-heading">
      <h2 id="live-presence-heading" className="section-title">
        {t('live.presentCount', { count: people.length })}
      </h2>
      {people.length === 0 ? (
        <p className="muted">{t('live.nobodyPresent')}</p>
      ) : (
        <ul className="people-list" aria-labelledby="live-presence-heading">
          {people.map((person) => (
            <li key={person.id}>{person.display_name || person.email}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
