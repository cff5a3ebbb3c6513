import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, Dialog, TextArea, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import type { Clocked, SessionDetail, Vote } from '../api/live';
import { useCloseVote, useDot, useOpenVote } from '../hooks/useLive';
import { Countdown } from './Countdown';

interface DotVotesProps {
  slug: string;
  meetingId: number;
  session: Clocked<SessionDetail>;
}

/** Dot votes of a room, newest first. Totals stay hidden until a vote closes. */
export function DotVotes({ slug, meetingId, session }: DotVotesProps) {
  const { t } = useTranslation();
  const [opening, setOpening] = useState(false);
  const headingId = `votes-${session.id}-heading`;
  const hasOpenVote = session.votes.some((vote) => vote.status === 'open');
  const canOpen = session.permissions.control && session.status === 'open' && !hasOpenVote;

  return (
    <section className="room-section" aria-labelledby={headingId}>
      <h4 id={headingId} className="room-section-title">
        {t('live.vote.title')}
      </h4>
      {canOpen && (
        <p>
          <Button onClick={() => setOpening(true)}>{t('live.vote.open')}</Button>
        </p>
      )}
      {session.votes.length === 0 ? (
        <p className="muted">{t('live.vote.none')}</p>
      ) : (
        session.votes.map((vote) => <VoteCard key={vote.id} slug={slug} meetingId={meetingId} session={session} vote={vote} />)
      )}
      {opening && <OpenVoteDialog slug={slug} meetingId={meetingId} sessionId={session.id} onClose={() => setOpening(false)} />}
    </section>
  );
}

function VoteCard({ slug, meetingId, session, vote }: { slug: string; meetingId: number; session: Clocked<SessionDetail>; vote: Vote }) {
  const { t } = useTranslation();
  const dot = useDot(slug, meetingId, session.id);
  const close = useCloseVote(slug, meetingId, session.id);
  const errors = formErrors(dot.error ?? close.error, [] as const);
  const open = vote.status === 'open';
  const left = Math.max(0, vote.dots_per_person - vote.my_dots_used);
  const participate = session.permissions.participate && open;
  const maxTotal = Math.max(1, ...vote.options.map((option) => option.total ?? 0));
  const questionId = `vote-${vote.id}-question`;

  function press(optionId: number, place: boolean) {
    close.reset();
    dot.mutate({ voteId: vote.id, optionId, place });
  }

  return (
    <div className="vote card" role="group" aria-labelledby={questionId}>
      <p id={questionId} className="vote-question">
        {vote.question}
      </p>
      <p className="card-meta" style={{ marginTop: 0 }}>
        <Badge tone={open ? 'success' : 'muted'}>{open ? t('live.vote.statusOpen') : t('live.vote.statusClosed')}</Badge>
        {open && participate && <span>{t('live.vote.dotsLeft', { left, count: vote.dots_per_person })}</span>}
        {open && <span className="muted">{t('live.vote.voters', { count: vote.voters_count })}</span>}
      </p>
      {open && <Countdown deadline={vote.closes_at} clockOffsetMs={session.clockOffsetMs} label={t('live.vote.closesIn')} />}
      <Alert tone="error" messages={errors.general} />
      {vote.results_visible ? (
        <ol className="vote-results" aria-label={t('live.vote.results')}>
          {vote.options.map((option) => (
            <li key={option.id} className={option.top ? 'is-top' : undefined}>
              <span className="vote-option-label">
                {option.label}
                {option.top && (
                  <>
                    {' '}
                    <Badge tone="success">{t('live.vote.top')}</Badge>
                  </>
                )}
              </span>
              <span className="vote-bar" aria-hidden="true">
                <span className="vote-bar-fill" style={{ width: `${((option.total ?? 0) / maxTotal) * 100}%` }} />
              </span>
              <span className="vote-total">{t('live.vote.total', { count: option.total ?? 0 })}</span>
            </li>
          ))}
        </ol>
      ) : (
        <>
          <p className="form-note">{t('live.vote.resultsAtClose')}</p>
          <ul className="vote-options">
            {vote.options.map((option) => (
              <li key={option.id}>
                <span className="vote-option-label">{option.label}</span>
                <span className="vote-my-dots">
                  <span aria-hidden="true">{'●'.repeat(option.my_dots)}</span>
                  <span className="visually-hidden">{t('live.vote.myDots', { count: option.my_dots })}</span>
                </span>
                {participate && (
                  <span className="vote-option-actions">
                    <Button
                      disabled={dot.isPending || left === 0}
                      onClick={() => press(option.id, true)}
                      aria-label={t('live.vote.placeDot', { label: option.label })}
                    >
                      {t('live.vote.place')}
                    </Button>
                    <Button
                      variant="ghost"
                      disabled={dot.isPending || option.my_dots === 0}
                      onClick={() => press(option.id, false)}
                      aria-label={t('live.vote.removeDot', { label: option.label })}
                    >
                      {t('live.vote.remove')}
                    </Button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {open && session.permissions.control && (
        <p>
          <Button
            variant="danger"
            busy={close.isPending}
            onClick={() => {
              dot.reset();
              close.mutate(vote.id);
            }}
          >
            {t('live.vote.close')}
          </Button>
        </p>
      )}
    </div>
  );
}

function OpenVoteDialog({
  slug,
  meetingId,
  sessionId,
  onClose,
}: {
  slug: string;
  meetingId: number;
  sessionId: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const openVote = useOpenVote(slug, meetingId, sessionId);
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const [dots, setDots] = useState('3');
  const [minutes, setMinutes] = useState('5');
  const errors = formErrors(openVote.error, ['question', 'options', 'dots_per_person', 'minutes'] as const);

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('live.vote.openTitle')}
      busy={openVote.isPending}
      onSubmit={() =>
        openVote.mutate(
          {
            question: question.trim(),
            options: options
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
            dots_per_person: Number(dots),
            minutes: Number(minutes),
          },
          { onSuccess: onClose },
        )
      }
      footer={
        <>
          <Button onClick={onClose} disabled={openVote.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={openVote.isPending}>
            {t('live.vote.openSubmit')}
          </Button>
        </>
      }
    >
      <Alert tone="error" messages={errors.general} />
      <TextField
        label={t('live.vote.question')}
        required
        maxLength={200}
        value={question}
        onChange={(event) => setQuestion(event.target.value)}
        error={errors.fields.question}
        data-autofocus
      />
      <TextArea
        label={t('live.vote.options')}
        hint={t('live.vote.optionsHint')}
        required
        rows={5}
        value={options}
        onChange={(event) => setOptions(event.target.value)}
        error={errors.fields.options}
      />
      <TextField
        label={t('live.vote.dotsPerPerson')}
        type="number"
        min={1}
        max={10}
        inputMode="numeric"
        required
        value={dots}
        onChange={(event) => setDots(event.target.value)}
        error={errors.fields.dots_per_person}
      />
      <TextField
        label={t('live.vote.minutes')}
        type="number"
        min={1}
        max={60}
        inputMode="numeric"
        required
        value={minutes}
        onChange={(event) => setMinutes(event.target.value)}
        error={errors.fields.minutes}
      />
    </Dialog>
  );
}
