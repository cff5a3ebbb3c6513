import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, LoadingBlock, QueryError, Table, type Column } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { attendanceCsvUrl, type Attendance, type MeetingDetail, type Participant } from '../api/meetings';
import { useAttendance, useCheckIn } from '../hooks/useMeetings';

function personLabel(person: { display_name: string; email?: string }): string {
  return person.display_name || person.email || '';
}

function organisationLabel(organisation: { name: string; acronym?: string | null } | null, none: string): string {
  if (!organisation) return none;
  return organisation.acronym ? `${organisation.name} (${organisation.acronym})` : organisation.name;
}

interface AttendancePanelProps {
  slug: string;
  meeting: MeetingDetail;
  currentUserId: number | null;
}

export function AttendancePanel({ slug, meeting, currentUserId }: AttendancePanelProps) {
  const { t } = useTranslation();
  const attendance = useAttendance(slug, meeting.id);
  return (
    <section className="section" aria-labelledby="attendance-heading">
      <div className="page-header">
        <h2 id="attendance-heading" className="section-title">
          {t('attendance.title')}
        </h2>
        <div className="page-actions">
          <a className="btn btn-secondary" href={attendanceCsvUrl(slug, meeting.id)} download>
            {t('attendance.downloadCsv')}
          </a>
        </div>
      </div>
      {attendance.isPending ? (
        <LoadingBlock />
      ) : attendance.isError ? (
        <QueryError error={attendance.error} onRetry={() => void attendance.refetch()} />
      ) : (
        <AttendanceBody slug={slug} meeting={meeting} data={attendance.data} currentUserId={currentUserId} />
      )}
    </section>
  );
}

function AttendanceBody({
  slug,
  meeting,
  data,
  currentUserId,
}: AttendancePanelProps & { data: Attendance }) {
  const { t } = useTranslation();
  const format = useFormat();
  const check = useCheckIn(slug, meeting.id);
  const errors = formErrors(check.error, [] as const);
  const { check_in_self: canSelf, check_in_others: canOthers } = meeting.permissions;
  const me = currentUserId === null ? undefined : data.participants.find((p) => p.user.id === currentUserId);
  const expected = data.participants.filter((p) => p.expected);
  const present = expected.filter((p) => p.checked_in_at).length;

  const columns: Column<Participant>[] = [
    {
      key: 'name',
      header: t('attendance.fields.person'),
      render: (p) => (
        <>
          <strong>{personLabel(p.user)}</strong>
          {(p.facilitator || !p.expected) && (
            <span className="cell-secondary">
              {p.facilitator ? t('attendance.facilitator') : t('attendance.notExpected')}
            </span>
          )}
        </>
      ),
    },
    {
      key: 'organisation',
      header: t('attendance.fields.organisation'),
      render: (p) => organisationLabel(p.organisation, '—'),
    },
    {
      key: 'status',
      header: t('attendance.fields.status'),
      render: (p) =>
        p.checked_in_at ? (
          <Badge tone="success">
            {t('attendance.checkedInAt', { time: format.time(p.checked_in_at, meeting.timezone) })}
          </Badge>
        ) : (
          <Badge tone="muted">{t('attendance.notCheckedIn')}</Badge>
        ),
    },
  ];
  if (canOthers) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      render: (p) => (
        <Button
          variant={p.checked_in_at ? 'ghost' : 'secondary'}
          busy={check.isPending && check.variables?.userId === p.user.id}
          onClick={() => check.mutate({ userId: p.user.id, present: !p.checked_in_at })}
        >
          {p.checked_in_at ? t('attendance.undo') : t('attendance.checkIn')}{' '}
          <span className="visually-hidden">{personLabel(p.user)}</span>
        </Button>
      ),
    });
  }

  return (
    <>
      <Alert tone="error" messages={errors.general} />
      {canSelf && currentUserId !== null && !me?.checked_in_at && (
        <p>
          <Button
            variant="primary"
            busy={check.isPending && check.variables?.userId === currentUserId}
            onClick={() => check.mutate({ userId: currentUserId, present: true })}
          >
            {t('attendance.checkMeIn')}
          </Button>
        </p>
      )}
      {me?.checked_in_at && (
        <Alert tone="success">
          <p>{t('attendance.youAreCheckedIn', { time: format.time(me.checked_in_at, meeting.timezone) })}</p>
        </Alert>
      )}
      <dl className="summary-list">
        <div>
          <dt>{t('attendance.present')}</dt>
          <dd>{t('attendance.ratio', { present: format.number(present), expected: format.number(expected.length) })}</dd>
        </div>
      </dl>
      {data.participants.length === 0 ? (
        <p className="muted">{t('attendance.noParticipants')}</p>
      ) : (
        <Table
          caption={t('attendance.participantsCaption', { count: data.participants.length })}
          columns={columns}
          rows={data.participants}
          rowKey={(p) => p.user.id}
        />
      )}
      {data.by_organisation.length > 0 && (
        <Table
          caption={t('attendance.byOrganisation')}
          columns={[
            {
              key: 'organisation',
              header: t('attendance.fields.organisation'),
              render: (row) => organisationLabel(row.organisation, t('attendance.noOrganisation')),
            },
            {
              key: 'ratio',
              header: t('attendance.fields.presentOfExpected'),
              render: (row) => t('attendance.ratio', { present: format.number(row.present), expected: format.number(row.expected) }),
            },
          ]}
          rows={data.by_organisation}
          rowKey={(row) => row.organisation?.id ?? 'none'}
        />
      )}
      {data.by_group.length > 0 && (
        <Table
          caption={t('attendance.byGroup')}
          columns={[
            { key: 'group', header: t('attendance.fields.group'), render: (row) => row.group.name },
            {
              key: 'ratio',
              header: t('attendance.fields.presentOfExpected'),
              render: (row) => t('attendance.ratio', { present: format.number(row.present), expected: format.number(row.expected) }),
            },
          ]}
          rows={data.by_group}
          rowKey={(row) => row.group.id}
        />
      )}
    </>
  );
}
