import { useTranslation } from 'react-i18next';

interface SpinnerProps {
  label?: string;
  size?: 'small' | 'normal';
  /** Inside a busy button the button itself says what is happening. */
  decorative?: boolean;
}

export function Spinner({ label, size = 'normal', decorative = false }: SpinnerProps) {
  const { t } = useTranslation();
  if (decorative) return <span className={`spinner spinner-${size}`} aria-hidden="true" />;
  return (
    <span className="spinner-wrap" role="status">
      <span className={`spinner spinner-${size}`} aria-hidden="true" />
      <span className="visually-hidden">{label ?? t('common.loading')}</span>
    </span>
  );
}

/** A centred spinner for a whole page or section that is loading. */
export function LoadingBlock({ label }: { label?: string }) {
  return (
    <div className="loading-block">
      <Spinner label={label} />
    </div>
  );
}
