interface ProgressBarProps {
  /** 0..100 */
  value: number;
  label: string;
  valueText?: string;
  testId?: string;
  tone?: 'normal' | 'success' | 'error';
}

export function ProgressBar({ value, label, valueText, testId, tone = 'normal' }: ProgressBarProps) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      className={`progress progress-${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      aria-valuetext={valueText}
      data-testid={testId}
    >
      <div className="progress-fill" style={{ width: `${clamped}%` }} />
    </div>
  );
}
