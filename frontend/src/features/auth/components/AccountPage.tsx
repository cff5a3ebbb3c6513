import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, LoadingBlock, PageHeader, QueryError, Select, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { currentLanguage, isLanguage, LANGUAGE_NAMES, LANGUAGES, setLanguage } from '../../../lib/i18n';
import type { Me } from '../api/auth';
import { useChangePassword, useMe, useUpdateMe } from '../hooks/useAuth';

function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const update = useUpdateMe();
  const [displayName, setDisplayName] = useState(me.display_name);
  // null until the person picks a language here: the header's LanguageSwitch may change it
  // meanwhile, and saving the name must not send (and switch back to) a stale choice.
  const [languageChoice, setLanguageChoice] = useState<string | null>(null);
  const language = languageChoice ?? me.preferred_language ?? currentLanguage();
  const errors = formErrors(update.error, ['display_name', 'preferred_language'] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const chosen = languageChoice !== null && isLanguage(languageChoice) ? languageChoice : null;
    update.mutate(
      { display_name: displayName.trim(), ...(chosen ? { preferred_language: chosen } : {}) },
      {
        onSuccess: () => {
          setLanguageChoice(null);
          if (chosen) void setLanguage(chosen);
        },
      },
    );
  }

  return (
    <section className="section card" aria-labelledby="profile-heading">
      <h2 id="profile-heading" className="section-title">
        {t('account.profile')}
      </h2>
      <form onSubmit={onSubmit} noValidate>
        {update.isSuccess && <Alert tone="success" messages={[t('account.profileSaved')]} />}
        <Alert tone="error" messages={errors.general} />
        <p>
          <strong>{t('auth.email')}:</strong> {me.email}
        </p>
        <TextField
          label={t('account.displayName')}
          name="display_name"
          autoComplete="name"
          required
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          error={errors.fields.display_name}
        />
        <Select
          label={t('account.preferredLanguage')}
          hint={t('account.preferredLanguageHint')}
          name="preferred_language"
          value={language}
          onChange={(event) => setLanguageChoice(event.target.value)}
          options={LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
          error={errors.fields.preferred_language}
        />
        <Button type="submit" variant="primary" busy={update.isPending}>
          {t('common.save')}
        </Button>
      </form>
    </section>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const errors = formErrors(change.error, ['old_password', 'new_password'] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (newPassword !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate(
      { old_password: oldPassword, new_password: newPassword },
      {
        onSuccess: () => {
          setOldPassword('');
          setNewPassword('');
          setRepeat('');
        },
      },
    );
  }

  return (
    <section className="section card" aria-labelledby="password-heading">
      <h2 id="password-heading" className="section-title">
        {t('account.changePassword')}
      </h2>
      <form onSubmit={onSubmit} noValidate>
        {change.isSuccess && <Alert tone="success" messages={[t('account.passwordChanged')]} />}
        <Alert tone="error" messages={errors.general} />
        <TextField
          label={t('account.currentPassword')}
          type="password"
          name="old_password"
          autoComplete="current-password"
          required
          value={oldPassword}
          onChange={(event) => setOldPassword(event.target.value)}
          error={errors.fields.old_password}
        />
        <TextField
          label={t('auth.newPassword')}
          type="password"
          name="new_password"
          autoComplete="new-password"
          required
          hint={t('auth.passwordHint')}
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          error={errors.fields.new_password}
        />
        <TextField
          label={t('auth.repeatPassword')}
          type="password"
          name="repeat_password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
          error={mismatch ? t('auth.passwordsDiffer') : null}
        />
        <Button type="submit" variant="primary" busy={change.isPending}>
          {t('account.changePassword')}
        </Button>
      </form>
    </section>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeader title={t('account.title')} />
      {me.isPending ? (
        <LoadingBlock />
      ) : me.data ? (
        <>
          <ProfileForm me={me.data} />
          <PasswordForm />
        </>
      ) : (
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      )}
    </>
  );
}
