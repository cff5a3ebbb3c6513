import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, ConfirmDialog, Select, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import type { Clocked, LiveCommand, LiveSnapshot } from '../api/live';
import { useLiveCommand } from '../hooks/useLive';

interface FacilitatorConsoleProps {
  slug: string;
  meetingId: number;
  snapshot: Clocked<LiveSnapshot>;
}

function spotlightValue(snapshot: LiveSnapshot): string {
  const spotlight = snapshot.run_state?.spotlight;
  return spotlight && spotlight.kind !== 'agenda' ? `${spotlight.kind}:${spotlight.id}` : 'none';
}

/** The controls of whoever runs the meeting. Every press is a command the server may refuse. */
export function FacilitatorConsole({ slug, meetingId, snapshot }: FacilitatorConsoleProps) {
  const { t } = useTranslation();
  const command = useLiveCommand(slug, meetingId);
  const [extendMinutes, setExtendMinutes] = useState('10');
  const [spotlightChoice, setSpotlightChoice] = useState<string | null>(null);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const run = snapshot.run_state;
  const started = Boolean(run && !run.ended_at) && snapshot.meeting.status !== 'closed';
  const index = snapshot.items.findIndex((item) => item.id === run?.current_item_id);
  const pending = command.isPending;
  const errors = formErrors(command.error, ['minutes'] as const);
  const pendingAction = pending ? command.variables?.action : null;
  const spotlight = spotlightChoice ?? spotlightValue(snapshot);
  const minutes = Number(extendMinutes);
  const minutesValid = Number.isInteger(minutes) && minutes >= 1 && minutes <= 60;
  const nextButton = useRef<HTMLButtonElement>(null);
  const awaitingStart = useRef(!started);

  // "Start" disappears once the meeting runs: hand focus to "Next item" rather than lose it.
  useEffect(() => {
    if (!started || !awaitingStart.current) return;
    awaitingStart.current = false;
    const active = document.activeElement;
    if (!active || active === document.body) nextButton.current?.focus();
  }, [started]);

  function send(body: LiveCommand, onSuccess?: () => void) {
    command.mutate(body, { onSuccess });
  }

  function sendSpotlight() {
    if (spotlight === 'none') {
      send({ action: 'spotlight', kind: null }, () => setSpotlightChoice(null));
      return;
    }
    const [kind, id] = spotlight.split(':');
    send({ action: 'spotlight', kind: kind as 'item' | 'group', id: Number(id) }, () => setSpotlightChoice(null));
  }

  const spotlightOptions = [
    { value: 'none', label: t('live.console.spotlightNone') },
    ...snapshot.items.map((item) => ({ value: `item:${item.id}`, label: t('live.console.spotlightItem', { title: item.title }) })),
    ...snapshot.groups.map((group) => ({ value: `group:${group.id}`, label: t('live.console.spotlightGroup', { name: group.name }) })),
  ];

  function busy(action: LiveCommand['action']) {
    return pendingAction === action;
  }

  return (
    <section className="section live-console" aria-labelledby="live-console-heading">
      <h2 id="live-console-heading" className="section-title">
        {t('live.console.title')}
      </h2>
      {!confirmingEnd && <Alert tone="error" messages={[...errors.general, ...(errors.fields.minutes ? [errors.fields.minutes] : [])]} />}
      <div className="console-group" role="group" aria-label={t('live.console.agendaGroup')}>
        {snapshot.meeting.status === 'planned' && (
          <Button
            variant="primary"
            busy={busy('start')}
            disabled={pending || snapshot.items.length === 0}
            onClick={() => send({ action: 'start' })}
          >
            {t('live.console.start')}
          </Button>
        )}
        <Button busy={busy('previous')} disabled={pending || !started || index <= 0} onClick={() => send({ action: 'previous' })}>
          {t('live.console.previous')}
        </Button>
        <Button
          ref={nextButton}
          variant={started ? 'primary' : 'secondary'}
          busy={busy('next')}
          disabled={pending || !started || index < 0 || index >= snapshot.items.length - 1}
          onClick={() => send({ action: 'next' })}
        >
          {t('live.console.next')}
        </Button>
      </div>
      <div className="console-group" role="group" aria-label={t('live.console.timerGroup')}>
        {run?.timer.running ? (
          <Button busy={busy('timer_pause')} disabled={pending || !started} onClick={() => send({ action: 'timer_pause' })}>
            {t('live.console.timerPause')}
          </Button>
        ) : (
          <Button busy={busy('timer_start')} disabled={pending || !started} onClick={() => send({ action: 'timer_start' })}>
            {t('live.console.timerStart')}
          </Button>
        )}
        <Button
          busy={busy('timer_extend') && (command.variables as { minutes?: number })?.minutes === 5}
          disabled={pending || !started}
          onClick={() => send({ action: 'timer_extend', minutes: 5 })}
          aria-label={t('live.console.extendFiveLabel')}
        >
          {t('live.console.extendFive')}
        </Button>
        <form
          className="console-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (minutesValid) send({ action: 'timer_extend', minutes });
          }}
        >
          <TextField
            label={t('live.console.extendMinutes')}
            type="number"
            min={1}
            max={60}
            inputMode="numeric"
            value={extendMinutes}
            onChange={(event) => setExtendMinutes(event.target.value)}
            error={extendMinutes !== '' && !minutesValid ? t('live.console.extendMinutesHint') : null}
            className="console-minutes"
          />
          <Button type="submit" disabled={pending || !started || !minutesValid}>
            {t('live.console.extend')}
          </Button>
        </form>
      </div>
      <div className="console-group" role="group" aria-label={t('live.console.screenGroup')}>
        <form
          className="console-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            sendSpotlight();
          }}
        >
          <Select
            label={t('live.console.spotlightLabel')}
            options={spotlightOptions}
            value={spotlight}
            onChange={(event) => setSpotlightChoice(event.target.value)}
          />
          <Button type="submit" busy={busy('spotlight')} disabled={pending || !started}>
            {t('live.console.spotlightApply')}
          </Button>
        </form>
        <Button
          busy={busy('editing')}
          disabled={pending || !started}
          onClick={() => send({ action: 'editing', open: !run?.editing_open })}
        >
          {run?.editing_open ? t('live.console.closeEditing') : t('live.console.openEditing')}
        </Button>
      </div>
      <div className="console-group">
        <Button variant="danger" disabled={pending || !started} onClick={() => setConfirmingEnd(true)}>
          {t('live.console.end')}
        </Button>
      </div>
      <ConfirmDialog
        open={confirmingEnd}
        title={t('live.console.endTitle')}
        confirmLabel={t('live.console.end')}
        busy={busy('end')}
        errors={confirmingEnd ? errors.general : undefined}
        onCancel={() => {
          command.reset();
          setConfirmingEnd(false);
        }}
        onConfirm={() => send({ action: 'end' }, () => setConfirmingEnd(false))}
      >
        <p>{t('live.console.endBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
