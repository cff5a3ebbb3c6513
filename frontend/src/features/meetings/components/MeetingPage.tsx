import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Badge, Button, Dialog, LoadingBlock, NotFoundState, PageHeader, QueryError, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { calendarUrl, liveMeetingPath, type MeetingDetail, type PersonRef } from '../api/meetings';
import { useAttendance, useMeeting, useSaveAsTemplate, useStartMeeting } from '../hooks/useMeetings';
import { Agenda } from './Agenda';
import { AttendancePanel } from './AttendancePanel';
import { StatusBadge, useWhen } from './MeetingList';

interface MeetingPageProps {
  /** The signed-in person (for "Check me in"); the app passes it in. */
  currentUserId?: number | null;
}

export function MeetingPage({ currentUserId = null }: MeetingPageProps) {
  const { meetingId } = useParams();
  const id = Number(meetingId);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundState />;
  return <MeetingView meetingId={id} currentUserId={currentUserId} />;
}

function safeLink(url: string): string | null {
  return /^https?:\/\//i.test(url) ? url : null;
}

function MeetingView({ meetingId, currentUserId }: { meetingId: number; currentUserId: number | null }) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const meeting = useMeeting(slug, meetingId);
  const attendance = useAttendance(slug, meetingId);
  const when = useWhen();
  const [savingTemplate, setSavingTemplate] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const start = useStartMeeting(slug, meetingId);
  const navigate = useNavigate();

  if (meeting.isPending) return <LoadingBlock />;
  if (meeting.isError) return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  const data = meeting.data;
  const link = data.online_link ? safeLink(data.online_link) : null;

  // Presenters: the participants and facilitators, once each.
  const people = new Map<number, PersonRef>();
  for (const person of data.facilitators) people.set(person.id, person);
  for (const participant of attendance.data?.participants ?? []) people.set(participant.user.id, participant.user);

  return (
    <>
      <p>
        <Link to={`/w/${encodeURIComponent(slug)}/meetings`}>{t('meetings.backToList')}</Link>
      </p>
      <PageHeader
        title={data.title}
        description={
          <time dateTime={data.starts_at}>
            {when(data)}
          </time>
        }
        actions={
          <>
            {data.status === 'live' && (
              <Link className="btn btn-primary" to={liveMeetingPath(slug, data.id)}>
                {t('meetings.openLive')}
              </Link>
            )}
            {data.status === 'planned' && data.permissions.edit && (
              <Button
                variant="primary"
                busy={start.isPending}
                disabled={data.items.length === 0}
                title={data.items.length === 0 ? t('meetings.startNeedsAgenda') : undefined}
                onClick={() => start.mutate(undefined, { onSuccess: () => navigate(liveMeetingPath(slug, data.id)) })}
              >
                {t('meetings.startLive')}
              </Button>
            )}
            <a className="btn btn-secondary" href={calendarUrl(slug, data.id)} download>
              {t('meetings.addToCalendar')}
            </a>
            {data.permissions.edit && data.items.length > 0 && (
              <Button onClick={() => setSavingTemplate(true)}>{t('meetings.saveAsTemplate')}</Button>
            )}
          </>
        }
      />
      {notice && <Alert tone="success" messages={[notice]} />}
      <Alert tone="error" messages={formErrors(start.error, [] as const).general} />
      <MeetingFacts meeting={data} link={link} />
      <Agenda slug={slug} meeting={data} people={[...people.values()]} />
      <AttendancePanel slug={slug} meeting={data} currentUserId={currentUserId} />
      {savingTemplate && (
        <SaveTemplateDialog
          slug={slug}
          meeting={data}
          onClose={() => setSavingTemplate(false)}
          onSaved={(name) => {
            setSavingTemplate(false);
            setNotice(t('meetings.templateSaved', { name }));
          }}
        />
      )}
    </>
  );
}

function MeetingFacts({ meeting, link }: { meeting: MeetingDetail; link: string | null }) {
  const { t } = useTranslation();
  return (
    <dl className="meeting-facts">
      <div>
        <dt>{t('meetings.fields.status')}</dt>
        <dd>
          <StatusBadge status={meeting.status} />
        </dd>
      </div>
      {meeting.venue && (
        <div>
          <dt>{t('meetings.fields.venue')}</dt>
          <dd>{meeting.venue}</dd>
        </div>
      )}
      {meeting.online_link && (
        <div>
          <dt>{t('meetings.fields.onlineLink')}</dt>
          <dd>
            {link ? (
              <a href={link} target="_blank" rel="noreferrer noopener">
                {link}
              </a>
            ) : (
              meeting.online_link
            )}
          </dd>
        </div>
      )}
      <div>
        <dt>{t('meetings.fields.groups')}</dt>
        <dd>
          {meeting.groups.length ? (
            <span className="card-meta" style={{ marginTop: 0 }}>
              {meeting.groups.map((group) => (
                <Badge key={group.id} tone="muted">
                  {group.name}
                </Badge>
              ))}
            </span>
          ) : (
            <span className="muted">{t('meetings.noGroups')}</span>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('meetings.fields.facilitators')}</dt>
        <dd>
          {meeting.facilitators.length ? (
            meeting.facilitators.map((person) => person.display_name || person.email).join(', ')
          ) : (
            <span className="muted">{t('meetings.noFacilitators')}</span>
          )}
        </dd>
      </div>
    </dl>
  );
}

function SaveTemplateDialog({
  slug,
  meeting,
  onClose,
  onSaved,
}: {
  slug: string;
  meeting: MeetingDetail;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveAsTemplate(slug, meeting.id);
  const [name, setName] = useState(meeting.title);
  const errors = formErrors(save.error, ['name'] as const);
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('meetings.saveAsTemplateTitle')}
      busy={save.isPending}
      onSubmit={() => save.mutate(name.trim(), { onSuccess: (template) => onSaved(template.name) })}
      footer={
        <>
          <Button onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {t('meetings.saveAsTemplate')}
          </Button>
        </>
      }
    >
      <Alert tone="error" messages={errors.general} />
      <TextField
        label={t('meetings.fields.templateName')}
        required
        value={name}
        onChange={(event) => setName(event.target.value)}
        hint={t('meetings.templateNameHint')}
        error={errors.fields.name}
        data-autofocus
      />
    </Dialog>
  );
}
