import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, Select, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import type { MeetingDetail } from '../api/meetings';
import { useCreateMeeting, useGroupOptions, useTemplates } from '../hooks/useMeetings';

const FIELDS = ['title', 'date', 'start_time', 'timezone', 'venue', 'online_link', 'group_ids', 'facilitator_ids', 'template_id'] as const;

export const DEFAULT_TIMEZONE = 'Asia/Phnom_Penh';
export const TIMEZONES = [
  'Asia/Phnom_Penh',
  'Asia/Bangkok',
  'Asia/Ho_Chi_Minh',
  'Asia/Vientiane',
  'Asia/Yangon',
  'Asia/Kuala_Lumpur',
  'Asia/Singapore',
  'Asia/Jakarta',
  'Asia/Manila',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Australia/Sydney',
  'Europe/London',
  'Europe/Paris',
  'America/New_York',
  'UTC',
] as const;

/** The agenda most meetings of the network start from. */
export const DEFAULT_TEMPLATE_NAME = 'Joint thematic working group meeting';

interface FormState {
  title: string;
  date: string;
  start_time: string;
  timezone: string;
  venue: string;
  online_link: string;
  group_ids: number[];
  /** null until the person picks: the built-in default, once the templates have arrived. */
  template_id: string | null;
}

interface ScheduleMeetingDialogProps {
  slug: string;
  currentUserId: number | null;
  onClose: () => void;
  onCreated: (meeting: MeetingDetail) => void;
}

export function ScheduleMeetingDialog({ slug, currentUserId, onClose, onCreated }: ScheduleMeetingDialogProps) {
  const { t } = useTranslation();
  const create = useCreateMeeting(slug);
  const groups = useGroupOptions(slug);
  const templates = useTemplates(slug);
  const [form, setForm] = useState<FormState>({
    title: '',
    date: '',
    start_time: '08:30',
    timezone: DEFAULT_TIMEZONE,
    venue: '',
    online_link: '',
    group_ids: [],
    template_id: null,
  });
  const errors = formErrors(create.error, FIELDS);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  const templateList = templates.data ?? [];
  const defaultTemplate =
    templateList.find((tpl) => tpl.builtin && tpl.name === DEFAULT_TEMPLATE_NAME) ?? templateList.find((tpl) => tpl.builtin);
  // '' means "start with an empty agenda".
  const templateId = form.template_id ?? defaultTemplate?.id ?? '';

  function toggleGroup(id: number, checked: boolean) {
    set('group_ids', checked ? [...form.group_ids, id] : form.group_ids.filter((g) => g !== id));
  }

  function submit() {
    create.mutate(
      {
        title: form.title.trim(),
        date: form.date,
        start_time: form.start_time.length === 5 ? `${form.start_time}:00` : form.start_time,
        timezone: form.timezone,
        venue: form.venue.trim(),
        online_link: form.online_link.trim(),
        group_ids: form.group_ids,
        facilitator_ids: currentUserId ? [currentUserId] : [],
        template_id: templateId || null,
      },
      { onSuccess: onCreated },
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('meetings.scheduleTitle')}
      busy={create.isPending}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose} disabled={create.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('meetings.scheduleSubmit')}
          </Button>
        </>
      }
    >
      <Alert tone="error" messages={errors.general} />
      <TextField
        label={t('meetings.fields.title')}
        required
        value={form.title}
        onChange={(event) => set('title', event.target.value)}
        error={errors.fields.title}
        data-autofocus
      />
      <TextField
        label={t('meetings.fields.date')}
        type="date"
        required
        value={form.date}
        onChange={(event) => set('date', event.target.value)}
        error={errors.fields.date}
      />
      <TextField
        label={t('meetings.fields.startTime')}
        type="time"
        required
        value={form.start_time}
        onChange={(event) => set('start_time', event.target.value)}
        error={errors.fields.start_time}
      />
      <Select
        label={t('meetings.fields.timezone')}
        required
        value={form.timezone}
        onChange={(event) => set('timezone', event.target.value)}
        options={TIMEZONES.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
        error={errors.fields.timezone}
      />
      <TextField
        label={t('meetings.fields.venue')}
        value={form.venue}
        onChange={(event) => set('venue', event.target.value)}
        hint={t('meetings.venueHint')}
        error={errors.fields.venue}
      />
      <TextField
        label={t('meetings.fields.onlineLink')}
        type="url"
        inputMode="url"
        value={form.online_link}
        onChange={(event) => set('online_link', event.target.value)}
        error={errors.fields.online_link}
      />
      <fieldset className="choice-group" aria-describedby={errors.fields.group_ids ? 'schedule-groups-error' : undefined}>
        <legend>{t('meetings.fields.groups')}</legend>
        {groups.isPending ? (
          <p className="muted">{t('common.loading')}</p>
        ) : groups.isError ? (
          <p className="muted">{t('meetings.groupsUnavailable')}</p>
        ) : groups.data.length === 0 ? (
          <p className="muted">{t('meetings.noGroupsToInvite')}</p>
        ) : (
          groups.data.map((group) => (
            <label key={group.id} className="choice">
              <input
                type="checkbox"
                checked={form.group_ids.includes(group.id)}
                onChange={(event) => toggleGroup(group.id, event.target.checked)}
              />
              {group.name}
            </label>
          ))
        )}
        {errors.fields.group_ids && (
          <p id="schedule-groups-error" className="field-error" role="alert">
            {errors.fields.group_ids}
          </p>
        )}
      </fieldset>
      <p className="form-note">{t('meetings.facilitatorNote')}</p>
      {errors.fields.facilitator_ids && (
        <p className="field-error" role="alert">
          {errors.fields.facilitator_ids}
        </p>
      )}
      <Select
        label={t('meetings.fields.template')}
        value={templateId}
        onChange={(event) => set('template_id', event.target.value)}
        options={[
          ...templateList.map((tpl) => ({ value: tpl.id, label: tpl.name })),
          { value: '', label: t('meetings.noTemplate') },
        ]}
        hint={t('meetings.templateHint')}
        error={errors.fields.template_id}
      />
    </Dialog>
  );
}
