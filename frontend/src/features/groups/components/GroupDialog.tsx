import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, Select, TextArea, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { VISIBILITIES, type GroupDetail, type GroupUpdate, type Visibility } from '../api/groups';
import { useCreateGroup, useUpdateGroup } from '../hooks/useGroups';

const FIELDS = ['name', 'theme', 'description', 'visibility'] as const;

interface FormState {
  name: string;
  theme: string;
  description: string;
  visibility: Visibility;
}

interface GroupFormProps {
  form: FormState;
  onChange: (form: FormState) => void;
  errors: ReturnType<typeof formErrors<(typeof FIELDS)[number]>>;
  /** Leads edit the theme and description only; name and visibility are for admins and the executive committee. */
  canEditSettings: boolean;
}

function GroupFields({ form, onChange, errors, canEditSettings }: GroupFormProps) {
  const { t } = useTranslation();
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => onChange({ ...form, [key]: value });
  return (
    <>
      <Alert tone="error" messages={errors.general} />
      <TextField
        label={t('groups.fields.name')}
        required
        value={form.name}
        onChange={(event) => set('name', event.target.value)}
        disabled={!canEditSettings}
        hint={canEditSettings ? undefined : t('groups.settingsLockedHint')}
        error={errors.fields.name}
        data-autofocus={canEditSettings || undefined}
      />
      <TextField
        label={t('groups.fields.theme')}
        value={form.theme}
        onChange={(event) => set('theme', event.target.value)}
        hint={t('groups.themeHint')}
        error={errors.fields.theme}
        data-autofocus={!canEditSettings || undefined}
      />
      <TextArea
        label={t('groups.fields.description')}
        value={form.description}
        onChange={(event) => set('description', event.target.value)}
        hint={t('groups.descriptionHint')}
        error={errors.fields.description}
      />
      <Select
        label={t('groups.fields.visibility')}
        required
        value={form.visibility}
        onChange={(event) => set('visibility', event.target.value as Visibility)}
        options={VISIBILITIES.map((value) => ({ value, label: t(`visibility.${value}`) }))}
        disabled={!canEditSettings}
        hint={t('groups.visibilityHint')}
        error={errors.fields.visibility}
      />
    </>
  );
}

interface CreateGroupDialogProps {
  slug: string;
  onClose: () => void;
  onCreated: (group: GroupDetail) => void;
}

export function CreateGroupDialog({ slug, onClose, onCreated }: CreateGroupDialogProps) {
  const { t } = useTranslation();
  const create = useCreateGroup(slug);
  const [form, setForm] = useState<FormState>({ name: '', theme: '', description: '', visibility: 'workspace' });
  const errors = formErrors(create.error, FIELDS);

  function submit() {
    create.mutate(
      { name: form.name.trim(), theme: form.theme.trim(), description: form.description.trim(), visibility: form.visibility },
      { onSuccess: onCreated },
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('groups.createTitle')}
      busy={create.isPending}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose} disabled={create.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('groups.create')}
          </Button>
        </>
      }
    >
      <GroupFields form={form} onChange={setForm} errors={errors} canEditSettings />
    </Dialog>
  );
}

interface EditGroupDialogProps {
  slug: string;
  group: GroupDetail;
  onClose: () => void;
  onSaved: (group: GroupDetail) => void;
}

export function EditGroupDialog({ slug, group, onClose, onSaved }: EditGroupDialogProps) {
  const { t } = useTranslation();
  const update = useUpdateGroup(slug, group.id);
  const canEditSettings = group.permissions.edit_settings;
  const [form, setForm] = useState<FormState>({
    name: group.name,
    theme: group.theme ?? '',
    description: group.description ?? '',
    visibility: group.visibility,
  });
  const errors = formErrors(update.error, FIELDS);

  function submit() {
    const body: GroupUpdate = { theme: form.theme.trim(), description: form.description.trim() };
    if (canEditSettings) Object.assign(body, { name: form.name.trim(), visibility: form.visibility });
    update.mutate(body, { onSuccess: onSaved });
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('groups.editTitle', { name: group.name })}
      busy={update.isPending}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose} disabled={update.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={update.isPending}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <GroupFields form={form} onChange={setForm} errors={errors} canEditSettings={canEditSettings} />
    </Dialog>
  );
}
