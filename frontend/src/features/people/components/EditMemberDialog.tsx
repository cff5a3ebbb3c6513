import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, Select } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import type { Membership, Role } from '../api/people';
import { useOrganisationOptions, useUpdateMember } from '../hooks/usePeople';
import { organisationOptions, roleOptions } from './roleOptions';

interface EditMemberDialogProps {
  slug: string;
  membership: Membership;
  onClose: () => void;
  onSaved: (membership: Membership) => void;
}

export function EditMemberDialog({ slug, membership, onClose, onSaved }: EditMemberDialogProps) {
  const { t } = useTranslation();
  const update = useUpdateMember(slug);
  const organisations = useOrganisationOptions(slug);
  const [role, setRole] = useState<Role>(membership.role ?? 'member');
  const [organisationId, setOrganisationId] = useState(membership.organisation ? String(membership.organisation.id) : '');
  const errors = formErrors(update.error, ['role', 'organisation_id'] as const);
  const name = membership.user.display_name || membership.user.email;

  // The person's current organisation stays selectable even before the list has loaded.
  const options = organisationOptions(t, organisations.data);
  if (membership.organisation && !options.some((option) => option.value === String(membership.organisation!.id))) {
    options.push({ value: String(membership.organisation.id), label: membership.organisation.name });
  }

  function submit() {
    update.mutate(
      { id: membership.id, body: { role, organisation_id: organisationId ? Number(organisationId) : null } },
      { onSuccess: onSaved },
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('people.editTitle', { name })}
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
      <p className="muted">{membership.user.email}</p>
      <Alert tone="error" messages={errors.general} />
      <Select
        label={t('people.role')}
        required
        value={role}
        onChange={(event) => setRole(event.target.value as Role)}
        options={roleOptions(t)}
        hint={t('people.roleHint')}
        error={errors.fields.role}
        data-autofocus
      />
      <Select
        label={t('people.organisation')}
        value={organisationId}
        onChange={(event) => setOrganisationId(event.target.value)}
        options={options}
        error={errors.fields.organisation_id}
      />
    </Dialog>
  );
}
