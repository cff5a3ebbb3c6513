import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useRequestPasswordReset } from '../hooks/useAuth';
import { AuthLayout } from './AuthLayout';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const reset = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const errors = formErrors(reset.error, ['email'] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    reset.mutate(email.trim());
  }

  return (
    <AuthLayout title={t('auth.forgotTitle')}>
      {reset.isSuccess ? (
        <Alert tone="success" title={t('auth.resetSentTitle')}>
          <p>{t('auth.resetSentBody')}</p>
        </Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <p>{t('auth.forgotIntro')}</p>
          <Alert tone="error" messages={errors.general} />
          <TextField
            label={t('auth.email')}
            type="email"
            name="email"
            autoComplete="email"
            inputMode="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={errors.fields.email}
          />
          <Button type="submit" variant="primary" busy={reset.isPending}>
            {t('auth.sendResetLink')}
          </Button>
        </form>
      )}
      <p>
        <Link to="/login">{t('auth.backToSignIn')}</Link>
      </p>
    </AuthLayout>
  );
}
