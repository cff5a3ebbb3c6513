import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { Alert, Button, LoadingBlock, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useLogin, useMe } from '../hooks/useAuth';
import { useSafeNext } from '../hooks/useSafeNext';
import { AuthLayout } from './AuthLayout';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const next = useSafeNext();
  const me = useMe();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (me.isPending) return <LoadingBlock />;
  if (me.data && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  const errors = formErrors(login.error, ['email', 'password'] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(next, { replace: true }) });
  }

  return (
    <AuthLayout title={t('auth.signInTitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Alert tone="error" messages={errors.general} />
        <TextField
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.fields.email}
        />
        <TextField
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.fields.password}
        />
        <Button type="submit" variant="primary" busy={login.isPending}>
          {t('auth.signIn')}
        </Button>
      </form>
      <p>
        <Link to="/forgot-password">{t('auth.forgotPassword')}</Link>
      </p>
    </AuthLayout>
  );
}
