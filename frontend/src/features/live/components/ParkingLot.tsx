import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, Select, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { DISPOSITIONS, type Clocked, type Decision, type ParkingItem, type SessionDetail } from '../api/live';
import { useAddParkingItem, useDecideParkingItem, useDeleteParkingItem } from '../hooks/useLive';

interface ParkingLotProps {
  slug: string;
  meetingId: number;
  session: Clocked<SessionDetail>;
  currentUserId: number | null;
}

/** What was raised off-topic; the facilitator decides on each item before the room closes. */
export function ParkingLot({ slug, meetingId, session, currentUserId }: ParkingLotProps) {
  const { t } = useTranslation();
  const add = useAddParkingItem(slug, meetingId, session.id);
  const remove = useDeleteParkingItem(slug, meetingId, session.id);
  const [text, setText] = useState('');
  const headingId = `parking-${session.id}-heading`;
  const open = session.status === 'open';
  const undecided = session.parking_lot.filter((item) => !item.disposition).length;
  const addErrors = formErrors(add.error, ['text'] as const);
  const removeErrors = formErrors(remove.error, [] as const);
  const control = session.permissions.control;

  return (
    <section className="room-section" aria-labelledby={headingId}>
      <h4 id={headingId} className="room-section-title">
        {t('live.parking.title')}
        {undecided > 0 && (
          <span className="undecided-count">{t('live.parking.undecidedCount', { count: undecided })}</span>
        )}
      </h4>
      {session.permissions.participate && open && (
        <form
          className="console-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            const value = text.trim();
            if (!value) return;
            add.mutate(value, { onSuccess: () => setText('') });
          }}
        >
          <TextField
            label={t('live.parking.addLabel')}
            value={text}
            maxLength={500}
            onChange={(event) => setText(event.target.value)}
            error={addErrors.fields.text}
          />
          <Button type="submit" busy={add.isPending} disabled={!text.trim()}>
            {t('live.parking.add')}
          </Button>
        </form>
      )}
      <Alert tone="error" messages={[...addErrors.general, ...removeErrors.general]} />
      {session.parking_lot.length === 0 ? (
        <p className="muted">{t('live.parking.empty')}</p>
      ) : (
        <ul className="parking-list" aria-labelledby={headingId}>
          {session.parking_lot.map((item) => {
            const mayDelete = control || (item.author?.id === currentUserId && currentUserId !== null && !item.disposition);
            return (
              <li key={item.id} className={item.disposition ? undefined : 'is-undecided'}>
                <p className="parking-text">{item.text}</p>
                <p className="card-meta" style={{ marginTop: 0 }}>
                  {item.author && (
                    <span className="muted">{t('live.parking.by', { name: item.author.display_name || item.author.email })}</span>
                  )}
                  {item.disposition ? (
                    <Badge tone="success">{t(`live.parking.dispositions.${item.disposition}`)}</Badge>
                  ) : (
                    <Badge tone="neutral">{t('live.parking.undecided')}</Badge>
                  )}
                  {item.disposition_note && <span className="muted">{item.disposition_note}</span>}
                </p>
                {control && open && <DecideForm key={`${item.disposition}|${item.disposition_note}`} slug={slug} meetingId={meetingId} sessionId={session.id} item={item} />}
                {mayDelete && open && (
                  <Button
                    variant="ghost"
                    busy={remove.isPending && remove.variables === item.id}
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(item.id)}
                  >
                    {t('common.delete')} <span className="visually-hidden">{item.text}</span>
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function DecideForm({ slug, meetingId, sessionId, item }: { slug: string; meetingId: number; sessionId: number; item: ParkingItem }) {
  const { t } = useTranslation();
  const decide = useDecideParkingItem(slug, meetingId, sessionId);
  const [disposition, setDisposition] = useState<Decision | ''>(item.disposition);
  const [note, setNote] = useState(item.disposition_note);
  const errors = formErrors(decide.error, ['disposition', 'disposition_note'] as const);
  const options = [
    { value: '', label: t('live.parking.choose') },
    ...DISPOSITIONS.map((value) => ({ value, label: t(`live.parking.dispositions.${value}`) })),
  ];
  return (
    <form
      className="console-inline-form decide-form"
      aria-label={t('live.parking.decideLabel', { text: item.text })}
      onSubmit={(event) => {
        event.preventDefault();
        if (disposition) decide.mutate({ itemId: item.id, disposition, note: note.trim() });
      }}
    >
      <Select
        label={t('live.parking.disposition')}
        options={options}
        value={disposition}
        onChange={(event) => setDisposition(event.target.value as Decision | '')}
        error={errors.fields.disposition}
      />
      <TextField
        label={t('live.parking.note')}
        value={note}
        maxLength={500}
        onChange={(event) => setNote(event.target.value)}
        error={errors.fields.disposition_note}
      />
      <Button type="submit" busy={decide.isPending} disabled={!disposition}>
        {t('live.parking.decide')}
      </Button>
      <Alert tone="error" messages={errors.general} />
    </form>
  );
}
