import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert, Button, TextField } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useConfirmPasswordReset } from '../hooks/useAuth';
import { AuthLayout } from './AuthLayout';

/** Sets a new password from an e-mailed link; invitations use the same link to set a first one. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { uid = '', token = '' } = useParams();
  const confirm = useConfirmPasswordReset();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const errors = formErrors(confirm.error, ['new_password'] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    confirm.mutate({ uid, token, new_password: password });
  }

  return (
    <AuthLayout title={t('auth.resetTitle')}>
      {confirm.isSuccess ? (
        <>
          <Alert tone="success" title={t('auth.resetDoneTitle')}>
            <p>{t('auth.resetDoneBody')}</p>
          </Alert>
          <p>
            <Link to="/login" className="btn btn-primary">
              {t('auth.signIn')}
            </Link>
          </p>
        </>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <p>{t('auth.resetIntro')}</p>
          <Alert tone="error" messages={errors.general} />
          <TextField
            label={t('auth.newPassword')}
            type="password"
            name="new_password"
            autoComplete="new-password"
            required
            hint={t('auth.passwordHint')}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
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
          <Button type="submit" variant="primary" busy={confirm.isPending}>
            {t('auth.setPassword')}
          </Button>
          <p>
            <Link to="/forgot-password">{t('auth.requestNewLink')}</Link>
          </p>
        </form>
      )}
    </AuthLayout>
  );
}
