import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, LoadingBlock, PageHeader, QueryError, Select, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { currentLanguage, isLanguage, LANGUAGE_NAMES, LANGUAGES, setLanguage } from '../../../lib/i18n';
import { NOTIFICATION_EMAIL_CHOICES, type Me, type NotificationEmail } from '../api/auth';
import {
  useChangePassword,
  useMe,
  useNotificationSettings,
  useUpdateMe,
  useUpdateNotificationSettings,
} from '../hooks/useAuth';

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

function NotificationEmailForm({ saved }: { saved: NotificationEmail }) {
  const { t } = useTranslation();
  const update = useUpdateNotificationSettings();
  const id = useId();
  // null until the person picks here, so a refetch (another tab changed it) shows the saved value.
  const [choice, setChoice] = useState<NotificationEmail | null>(null);
  const value = choice ?? saved;
  const errors = formErrors(update.error, ['notification_email'] as const);
  const errorId = `${id}-error`;

  function onChoose(next: NotificationEmail) {
    setChoice(next);
    // "Saved" would otherwise sit next to a choice that is not saved yet.
    if (update.isSuccess) update.reset();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    update.mutate({ notification_email: value }, { onSuccess: () => setChoice(null) });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <p>{t('account.notificationEmails.intro')}</p>
      <fieldset
        className="choice-group"
        disabled={update.isPending}
        aria-describedby={errors.fields.notification_email ? errorId : undefined}
      >
        <legend>{t('account.notificationEmails.legend')}</legend>
        {NOTIFICATION_EMAIL_CHOICES.map((option) => (
          <div key={option}>
            <label className="choice">
              <input
                type="radio"
                name="notification_email"
                value={option}
                checked={value === option}
                onChange={() => onChoose(option)}
                aria-describedby={`${id}-${option}`}
              />
              {t(`account.notificationEmails.${option}`)}
            </label>
            {/* Indented to line up with the label text, past the radio, its default margins and the gap. */}
            <p id={`${id}-${option}`} className="field-hint" style={{ margin: '-0.25rem 0 0.5rem 2.25rem' }}>
              {t(`account.notificationEmails.${option}Hint`)}
            </p>
          </div>
        ))}
        {errors.fields.notification_email && (
          <p id={errorId} className="field-error" role="alert">
            {errors.fields.notification_email}
          </p>
        )}
      </fieldset>
      {/* Beside the button, where the eye is after pressing it (the form is taller than a phone's screen). */}
      <Alert tone="error" messages={errors.general} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={update.isPending}>
          {t('account.notificationEmails.save')}
        </Button>
        {/* Always in the page: a live region added together with its text is often not announced. */}
        <span role="status">{update.isSuccess ? t('account.notificationEmails.saved') : null}</span>
      </div>
    </form>
  );
}

function NotificationEmailSection() {
  const { t } = useTranslation();
  const settings = useNotificationSettings();
  return (
    <section className="section card" aria-labelledby="notification-emails-heading">
      <h2 id="notification-emails-heading" className="section-title">
        {t('account.notificationEmails.title')}
      </h2>
      {settings.isPending ? (
        <LoadingBlock />
      ) : settings.data ? (
        <NotificationEmailForm saved={settings.data.notification_email} />
      ) : (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      )}
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
          <NotificationEmailSection />
          <PasswordForm />
        </>
      ) : (
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      )}
    </>
  );
}
