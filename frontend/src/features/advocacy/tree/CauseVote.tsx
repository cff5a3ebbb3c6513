import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Dialog, Select, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useStartCauseVote, type TreeDetail } from './api';

const FIELDS = ['session_id', 'dots_per_person', 'closes_in_minutes'] as const;

/**
 * Prioritising causes with the meeting's dot votes: during group work the facilitator opens a vote whose
 * options are the tree's causes; members place their dots in the meeting room, and the closed vote's
 * results mark the top causes here.
 */
export function CauseVoteButton({ slug, detail }: { slug: string; detail: TreeDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (detail.kind !== 'problem' || detail.vote_sessions.length === 0 || detail.top_vote?.status === 'open') return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('tree.vote.start')}</Button>
      {open && <CauseVoteDialog slug={slug} detail={detail} onClose={() => setOpen(false)} />}
    </>
  );
}

/** While a vote on the causes is open, everyone is pointed to the meeting room where they vote. */
export function OpenCauseVoteNotice({ slug, detail }: { slug: string; detail: TreeDetail }) {
  const { t } = useTranslation();
  const vote = detail.top_vote;
  if (!vote || vote.status !== 'open') return null;
  return (
    <Alert tone="info" className="tree-vote-alert">
      {t('tree.vote.open')} <Link to={`/w/${slug}/meetings/${vote.meeting_id}/live`}>{t('tree.vote.goToRoom')}</Link>
    </Alert>
  );
}

function CauseVoteDialog({ slug, detail, onClose }: { slug: string; detail: TreeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const start = useStartCauseVote(slug, detail.id);
  const [sessionId, setSessionId] = useState(String(detail.vote_sessions[0]?.id ?? ''));
  const [dots, setDots] = useState('3');
  const [minutes, setMinutes] = useState('5');
  const errors = formErrors(start.error, FIELDS);

  function submit() {
    start.mutate(
      { session_id: Number(sessionId), dots_per_person: Number(dots), closes_in_minutes: Number(minutes) },
      { onSuccess: onClose },
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('tree.vote.title')}
      onSubmit={submit}
      busy={start.isPending}
      footer={
        <>
          <Button onClick={onClose} disabled={start.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={start.isPending}>
            {t('tree.vote.submit')}
          </Button>
        </>
      }
    >
      <p>{t('tree.vote.explain')}</p>
      {errors.general.length > 0 && <Alert tone="error" messages={errors.general} />}
      {detail.vote_sessions.length > 1 && (
        <Select
          label={t('tree.vote.session')}
          value={sessionId}
          onChange={(event) => setSessionId(event.target.value)}
          error={errors.fields.session_id}
          options={detail.vote_sessions.map((session) => ({ value: String(session.id), label: session.meeting_title }))}
        />
      )}
      <TextField
        label={t('tree.vote.dots')}
        type="number"
        min={1}
        max={10}
        required
        value={dots}
        onChange={(event) => setDots(event.target.value)}
        error={errors.fields.dots_per_person}
        data-autofocus
      />
      <TextField
        label={t('tree.vote.minutes')}
        type="number"
        min={1}
        max={120}
        required
        value={minutes}
        onChange={(event) => setMinutes(event.target.value)}
        error={errors.fields.closes_in_minutes}
      />
    </Dialog>
  );
}
