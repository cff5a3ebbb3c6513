import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui';
import type { Clocked, LiveSnapshot } from '../api/live';
import { uniquePeople } from '../api/liveConnection';
import { SessionRoom } from './SessionRoom';

interface GroupWorkProps {
  slug: string;
  meetingId: number;
  snapshot: Clocked<LiveSnapshot>;
  currentUserId: number | null;
  joinRoom: (sessionId: number | null) => void;
}

/**
 * The rooms of the current group-work item. A member lands in their own
 * group's room; whoever may see several rooms switches between them, and the
 * server hears which room the person is in (presence).
 */
export function GroupWork({ slug, meetingId, snapshot, currentUserId, joinRoom }: GroupWorkProps) {
  const { t } = useTranslation();
  const sessions = snapshot.sessions;
  const [chosen, setChosen] = useState<number | null>(null);
  const selected =
    sessions.find((session) => session.id === chosen)?.id ??
    sessions.find((session) => session.id === snapshot.my_session_id)?.id ??
    sessions[0]?.id ??
    null;

  useEffect(() => {
    joinRoom(selected);
  }, [joinRoom, selected]);
  useEffect(() => () => joinRoom(null), [joinRoom]);

  if (sessions.length === 0) {
    return (
      <section className="section" aria-labelledby="group-work-heading">
        <h2 id="group-work-heading" className="section-title">
          {t('live.rooms.title')}
        </h2>
        <p className="muted">{t('live.rooms.none')}</p>
      </section>
    );
  }

  return (
    <section className="section" aria-labelledby="group-work-heading">
      <h2 id="group-work-heading" className="section-title">
        {t('live.rooms.title')}
      </h2>
      {sessions.length > 1 && (
        <ul className="room-switcher" aria-label={t('live.rooms.switcher')}>
          {sessions.map((session) => {
            const people = uniquePeople(
              snapshot.presence.filter((entry) => entry.session_id === session.id).map((entry) => entry.user),
            );
            const isSelected = session.id === selected;
            return (
              <li key={session.id} className={isSelected ? 'is-selected' : undefined}>
                <button
                  type="button"
                  className="room-button"
                  aria-pressed={isSelected}
                  onClick={() => setChosen(session.id)}
                >
                  <span className="room-name">{session.group.name}</span>
                  <span className="muted">{t('live.rooms.peopleHere', { count: people.length })}</span>
                  {session.id === snapshot.my_session_id && <Badge tone="info">{t('live.rooms.mine')}</Badge>}
                  {session.status === 'closed' && <Badge tone="muted">{t('live.room.closed')}</Badge>}
                </button>
                {people.length > 0 && (
                  <p className="room-people">{people.map((person) => person.display_name || person.email).join(', ')}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {selected !== null && (
        <SessionRoom key={selected} slug={slug} meetingId={meetingId} sessionId={selected} currentUserId={currentUserId} />
      )}
    </section>
  );
}
