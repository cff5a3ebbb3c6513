import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, Select, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { ITEM_KINDS, type AgendaItem, type ItemInput, type ItemKind, type MeetingDetail, type PersonRef } from '../api/meetings';
import { useAddItem, useUpdateItem } from '../hooks/useMeetings';

const FIELDS = ['kind', 'title', 'planned_minutes', 'presenter_id', 'responsible_group_id'] as const;

interface ItemDialogProps {
  slug: string;
  meeting: MeetingDetail;
  /** The item to edit; absent to add a new one at the end. */
  item?: AgendaItem;
  /** People who can present (the meeting's participants and facilitators). */
  people: readonly PersonRef[];
  onClose: () => void;
  onSaved: (title: string) => void;
}

export function ItemDialog({ slug, meeting, item, people, onClose, onSaved }: ItemDialogProps) {
  const { t } = useTranslation();
  const add = useAddItem(slug, meeting.id);
  const update = useUpdateItem(slug, meeting.id);
  const mutation = item ? update : add;
  const [kind, setKind] = useState<ItemKind>(item?.kind ?? 'discussion');
  const [title, setTitle] = useState(item?.title ?? '');
  const [minutes, setMinutes] = useState(item ? String(item.planned_minutes) : '30');
  const [presenter, setPresenter] = useState(item?.presenter ? String(item.presenter.id) : '');
  const [group, setGroup] = useState(item?.responsible_group ? String(item.responsible_group.id) : '');
  const errors = formErrors(mutation.error, FIELDS);

  const presenterOptions = [...people];
  if (item?.presenter && !presenterOptions.some((p) => p.id === item.presenter!.id)) presenterOptions.push(item.presenter);
  const groupOptions = [...meeting.groups];
  if (item?.responsible_group && !groupOptions.some((g) => g.id === item.responsible_group!.id)) {
    groupOptions.push(item.responsible_group);
  }

  function submit() {
    const body: ItemInput = {
      kind,
      title: title.trim(),
      planned_minutes: minutes.trim() === '' ? Number.NaN : Number(minutes),
      presenter_id: presenter ? Number(presenter) : null,
      responsible_group_id: group ? Number(group) : null,
    };
    // An empty or non-numeric duration goes to the server as null so it answers with its own message.
    const payload = Number.isFinite(body.planned_minutes) ? body : { ...body, planned_minutes: null as unknown as number };
    const onSuccess = () => onSaved(body.title);
    if (item) update.mutate({ itemId: item.id, body: payload }, { onSuccess });
    else add.mutate(payload, { onSuccess });
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={item ? t('agenda.editTitle', { title: item.title }) : t('agenda.addTitle')}
      busy={mutation.isPending}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose} disabled={mutation.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={mutation.isPending}>
            {item ? t('common.save') : t('agenda.add')}
          </Button>
        </>
      }
    >
      <Alert tone="error" messages={errors.general} />
      <Select
        label={t('agenda.fields.kind')}
        required
        value={kind}
        onChange={(event) => setKind(event.target.value as ItemKind)}
        options={ITEM_KINDS.map((value) => ({ value, label: t(`agenda.kinds.${value}`) }))}
        error={errors.fields.kind}
      />
      <TextField
        label={t('agenda.fields.title')}
        required
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={errors.fields.title}
        data-autofocus
      />
      <TextField
        label={t('agenda.fields.minutes')}
        type="number"
        inputMode="numeric"
        min={1}
        max={600}
        step={1}
        required
        value={minutes}
        onChange={(event) => setMinutes(event.target.value)}
        hint={t('agenda.minutesHint')}
        error={errors.fields.planned_minutes}
      />
      <Select
        label={t('agenda.fields.presenter')}
        value={presenter}
        onChange={(event) => setPresenter(event.target.value)}
        options={[
          { value: '', label: t('agenda.nobody') },
          ...presenterOptions.map((p) => ({ value: String(p.id), label: p.display_name || p.email || String(p.id) })),
        ]}
        error={errors.fields.presenter_id}
      />
      <Select
        label={t('agenda.fields.group')}
        value={group}
        onChange={(event) => setGroup(event.target.value)}
        options={[
          { value: '', label: t('agenda.noGroup') },
          ...groupOptions.map((g) => ({ value: String(g.id), label: g.name })),
        ]}
        error={errors.fields.responsible_group_id}
      />
    </Dialog>
  );
}
