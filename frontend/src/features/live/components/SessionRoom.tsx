import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, LoadingBlock, QueryError } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import type { Clocked, SessionCommand, SessionDetail } from '../api/live';
import { useSession, useSessionCommand } from '../hooks/useLive';
import { Countdown } from './Countdown';
import { DotVotes } from './DotVotes';
import { ParkingLot } from './ParkingLot';

interface SessionRoomProps {
  slug: string;
  meetingId: number;
  sessionId: number;
  currentUserId: number | null;
}

export function SessionRoom({ slug, meetingId, sessionId, currentUserId }: SessionRoomProps) {
  const session = useSession(slug, meetingId, sessionId);
  if (session.isPending) return <LoadingBlock />;
  if (session.isError) return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  return <Room slug={slug} meetingId={meetingId} session={session.data} currentUserId={currentUserId} />;
}

interface RoomProps {
  slug: string;
  meetingId: number;
  session: Clocked<SessionDetail>;
  currentUserId: number | null;
}

/** One group's room: its step guide, step timer, parking lot and dot votes. */
export function Room({ slug, meetingId, session, currentUserId }: RoomProps) {
  const { t } = useTranslation();
  const headingId = `room-${session.id}-heading`;
  const stepIndex = session.steps.findIndex((step) => step.key === session.current_step);
  const currentStep = session.steps[stepIndex];
  const open = session.status === 'open';

  return (
    <article className="room card" aria-labelledby={headingId}>
      <header className="room-header">
        <h3 id={headingId} className="card-title">
          {t('live.room.title', { name: session.group.name })}
        </h3>
        <span className="card-meta" style={{ marginTop: 0 }}>
          {!open && <Badge tone="muted">{t('live.room.closed')}</Badge>}
          <span className="muted">
            {session.facilitator
              ? t('live.room.facilitator', { name: session.facilitator.display_name || session.facilitator.email })
              : t('live.room.noFacilitator')}
          </span>
          <span className="muted">{t('live.room.here', { count: session.presence.length })}</span>
        </span>
      </header>

      <ol className="stepper" aria-label={t('live.room.steps')}>
        {session.steps.map((step, index) => {
          const state = index < stepIndex ? 'is-done' : index === stepIndex ? 'is-current' : undefined;
          return (
            <li key={step.key} className={state} aria-current={index === stepIndex ? 'step' : undefined}>
              <span className="stepper-number" aria-hidden="true">
                {index + 1}
              </span>
              <span className="stepper-label">{step.label}</span>
              {index === stepIndex && <span className="visually-hidden"> {t('live.room.currentStep')}</span>}
            </li>
          );
        })}
      </ol>

      <div className="room-step">
        <p className="room-step-title">
          {currentStep ? t('live.room.stepOf', { number: stepIndex + 1, count: session.steps.length, label: currentStep.label }) : null}
        </p>
        <Countdown timer={session.timer} clockOffsetMs={session.clockOffsetMs} label={t('live.room.stepTimeLeft')} />
      </div>

      {session.permissions.control && (
        <StepControls slug={slug} meetingId={meetingId} session={session} stepIndex={stepIndex} />
      )}

      <ParkingLot slug={slug} meetingId={meetingId} session={session} currentUserId={currentUserId} />
      <DotVotes slug={slug} meetingId={meetingId} session={session} />
    </article>
  );
}

function StepControls({
  slug,
  meetingId,
  session,
  stepIndex,
}: {
  slug: string;
  meetingId: number;
  session: Clocked<SessionDetail>;
  stepIndex: number;
}) {
  const { t } = useTranslation();
  const command = useSessionCommand(slug, meetingId, session.id);
  const pending = command.isPending;
  const pendingAction = pending ? command.variables?.action : null;
  const errors = formErrors(command.error, [] as const);
  const open = session.status === 'open';
  const send = (body: SessionCommand) => command.mutate(body);

  return (
    <div className="room-controls">
      <Alert tone="error" messages={errors.general} />
      {open ? (
        <div className="console-group" role="group" aria-label={t('live.room.controls')}>
          <Button
            busy={pendingAction === 'step_previous'}
            disabled={pending || stepIndex <= 0}
            onClick={() => send({ action: 'step_previous' })}
          >
            {t('live.room.previousStep')}
          </Button>
          <Button
            variant="primary"
            busy={pendingAction === 'step_next'}
            disabled={pending || stepIndex < 0 || stepIndex >= session.steps.length - 1}
            onClick={() => send({ action: 'step_next' })}
          >
            {t('live.room.nextStep')}
          </Button>
          {session.timer.running ? (
            <Button busy={pendingAction === 'timer_pause'} disabled={pending} onClick={() => send({ action: 'timer_pause' })}>
              {t('live.room.pauseTimer')}
            </Button>
          ) : (
            <Button busy={pendingAction === 'timer_start'} disabled={pending} onClick={() => send({ action: 'timer_start' })}>
              {t('live.room.startTimer')}
            </Button>
          )}
          <Button
            busy={pendingAction === 'timer_extend'}
            disabled={pending}
            onClick={() => send({ action: 'timer_extend', minutes: 5 })}
            aria-label={t('live.room.extendLabel')}
          >
            {t('live.console.extendFive')}
          </Button>
          <Button variant="danger" busy={pendingAction === 'close'} disabled={pending} onClick={() => send({ action: 'close' })}>
            {t('live.room.close')}
          </Button>
        </div>
      ) : (
        <div className="console-group">
          <Button busy={pendingAction === 'reopen'} disabled={pending} onClick={() => send({ action: 'reopen' })}>
            {t('live.room.reopen')}
          </Button>
        </div>
      )}
    </div>
  );
}
