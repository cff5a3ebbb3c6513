import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui';
import { useFormat } from '../../../lib/format';
import type { MeetingStatus, MeetingSummary } from '../api/meetings';

const STATUS_TONE: Record<MeetingStatus, 'info' | 'success' | 'muted'> = {
  planned: 'info',
  live: 'success',
  closed: 'muted',
};

export function StatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status]}>{t(`meetings.status.${status}`)}</Badge>;
}

/** "Tuesday 1 December 2026, 08:30–12:00 (Asia/Phnom_Penh)" in the UI language and the meeting's zone. */
export function useWhen() {
  const { t } = useTranslation();
  const format = useFormat();
  return (meeting: Pick<MeetingSummary, 'starts_at' | 'planned_end' | 'timezone'>) =>
    t('meetings.when', {
      date: format.date(meeting.starts_at, meeting.timezone),
      start: format.time(meeting.starts_at, meeting.timezone),
      end: format.time(meeting.planned_end, meeting.timezone),
      timezone: meeting.timezone,
    });
}

export function MeetingList({ slug, meetings, headingLevel = 3 }: { slug: string; meetings: readonly MeetingSummary[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const when = useWhen();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="stack-list meeting-list">
      {meetings.map((meeting) => (
        <li key={meeting.id}>
          <Heading className="card-title">
            <Link to={`/w/${encodeURIComponent(slug)}/meetings/${meeting.id}`}>{meeting.title}</Link>
          </Heading>
          <p className="meeting-when">
            <time dateTime={meeting.starts_at}>{when(meeting)}</time>
          </p>
          {meeting.venue && <p className="muted meeting-venue">{meeting.venue}</p>}
          <div className="card-meta">
            <StatusBadge status={meeting.status} />
            {meeting.groups.map((group) => (
              <Badge key={group.id} tone="muted">
                {group.name}
              </Badge>
            ))}
          </div>
          {meeting.groups.length > 0 && (
            <span className="visually-hidden">{t('meetings.groupsLabel', { groups: meeting.groups.map((g) => g.name).join(', ') })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
