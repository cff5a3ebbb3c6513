import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, Select, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { currentLanguage, isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../lib/i18n';
import type { Membership, Role } from '../api/people';
import { useInviteMember, useOrganisationOptions } from '../hooks/usePeople';
import { organisationOptions, roleOptions } from './roleOptions';

interface InviteDialogProps {
  slug: string;
  open: boolean;
  onClose: () => void;
  onInvited: (membership: Membership) => void;
}

function InviteForm({ slug, onClose, onInvited }: Omit<InviteDialogProps, 'open'>) {
  const { t } = useTranslation();
  const invite = useInviteMember(slug);
  const organisations = useOrganisationOptions(slug);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [organisationId, setOrganisationId] = useState('');
  const [language, setLanguage] = useState<Language>(currentLanguage());
  const errors = formErrors(invite.error, ['email', 'display_name', 'role', 'organisation_id', 'preferred_language'] as const);

  function submit() {
    invite.mutate(
      {
        email: email.trim(),
        display_name: displayName.trim(),
        role,
        organisation_id: organisationId ? Number(organisationId) : null,
        preferred_language: language,
      },
      { onSuccess: onInvited },
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('people.inviteTitle')}
      busy={invite.isPending}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose} disabled={invite.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={invite.isPending}>
            {t('people.sendInvitation')}
          </Button>
        </>
      }
    >
      <p>{t('people.inviteIntro')}</p>
      <Alert tone="error" messages={errors.general} />
      <TextField
        label={t('people.email')}
        type="email"
        inputMode="email"
        autoComplete="off"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={errors.fields.email}
        data-autofocus
      />
      <TextField
        label={t('people.displayName')}
        required
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        error={errors.fields.display_name}
      />
      <Select
        label={t('people.role')}
        required
        value={role}
        onChange={(event) => setRole(event.target.value as Role)}
        options={roleOptions(t)}
        hint={t('people.roleHint')}
        error={errors.fields.role}
      />
      <Select
        label={t('people.organisation')}
        value={organisationId}
        onChange={(event) => setOrganisationId(event.target.value)}
        options={organisationOptions(t, organisations.data)}
        hint={organisations.isError ? organisations.error.message : undefined}
        error={errors.fields.organisation_id}
      />
      <Select
        label={t('people.language')}
        hint={t('people.languageHint')}
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) setLanguage(event.target.value);
        }}
        options={LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
        error={errors.fields.preferred_language}
      />
    </Dialog>
  );
}

export function InviteDialog({ open, ...props }: InviteDialogProps) {
  // Mounting the form only while open gives every invitation a fresh form.
  return open ? <InviteForm {...props} /> : null;
}
