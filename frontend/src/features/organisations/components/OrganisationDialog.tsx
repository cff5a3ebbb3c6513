import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, Select, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { ORGANISATION_KINDS, type Organisation, type OrganisationInput, type OrganisationKind } from '../api/organisations';
import { useSaveOrganisation } from '../hooks/useOrganisations';

const FIELDS = [
  'name',
  'acronym',
  'kind',
  'province',
  'country',
  'contact_name',
  'contact_email',
  'contact_phone',
] as const;

type FormState = Required<Omit<OrganisationInput, 'kind'>> & { kind: OrganisationKind };

function initialState(organisation: Organisation | null): FormState {
  return {
    name: organisation?.name ?? '',
    acronym: organisation?.acronym ?? '',
    kind: organisation?.kind ?? 'ngo',
    province: organisation?.province ?? '',
    country: organisation?.country ?? '',
    contact_name: organisation?.contact_name ?? '',
    contact_email: organisation?.contact_email ?? '',
    contact_phone: organisation?.contact_phone ?? '',
  };
}

interface OrganisationDialogProps {
  slug: string;
  /** null creates a new organisation. */
  organisation: Organisation | null;
  onClose: () => void;
  onSaved: (organisation: Organisation) => void;
}

export function OrganisationDialog({ slug, organisation, onClose, onSaved }: OrganisationDialogProps) {
  const { t } = useTranslation();
  const save = useSaveOrganisation(slug);
  const [form, setForm] = useState<FormState>(() => initialState(organisation));
  const errors = formErrors(save.error, FIELDS);

  function set<K extends keyof FormState>(key: K, value: FormState[K]) {
    setForm((current) => ({ ...current, [key]: value }));
  }

  function submit() {
    const body = Object.fromEntries(
      Object.entries(form).map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]),
    ) as FormState;
    save.mutate({ id: organisation?.id ?? null, body }, { onSuccess: onSaved });
  }

  const text = (key: Exclude<keyof FormState, 'kind'>, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      label={t(`organisations.fields.${key}`)}
      value={form[key]}
      onChange={(event) => set(key, event.target.value)}
      error={errors.fields[key]}
      {...extra}
    />
  );

  return (
    <Dialog
      open
      onClose={onClose}
      title={organisation ? t('organisations.editTitle', { name: organisation.name }) : t('organisations.createTitle')}
      busy={save.isPending}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {organisation ? t('common.save') : t('organisations.create')}
          </Button>
        </>
      }
    >
      <Alert tone="error" messages={errors.general} />
      {text('name', { required: true, 'data-autofocus': true } as Partial<Parameters<typeof TextField>[0]>)}
      {text('acronym', { hint: t('organisations.acronymHint') })}
      <Select
        label={t('organisations.fields.kind')}
        required
        value={form.kind}
        onChange={(event) => set('kind', event.target.value as OrganisationKind)}
        options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`organisationKinds.${kind}`) }))}
        error={errors.fields.kind}
      />
      {text('province')}
      {text('country')}
      {text('contact_name', { autoComplete: 'off' })}
      {text('contact_email', { type: 'email', inputMode: 'email', autoComplete: 'off' })}
      {text('contact_phone', { type: 'tel', inputMode: 'tel', autoComplete: 'off' })}
    </Dialog>
  );
}
