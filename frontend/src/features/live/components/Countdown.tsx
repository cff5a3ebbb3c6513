import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Timer } from '../api/live';
import { countdownParts, remainingSeconds, secondsUntil, serverNow } from '../countdown';

const TICK_MS = 250;

// Ticks faster than once a second so the display turns over close to the true second (only this
// component re-renders, and only when the text changes does the DOM change).
function subscribeTicks(callback: () => void): () => void {
  const interval = setInterval(callback, TICK_MS);
  return () => clearInterval(interval);
}

function subscribeNever(): () => void {
  return () => undefined;
}

/** The local clock to the nearest tick, so consecutive reads within a render agree. */
function currentSecond(): number {
  return Math.round(Date.now() / TICK_MS) * TICK_MS;
}

type CountdownProps = {
  clockOffsetMs: number;
  /** What the timer measures, for screen readers ("Time left for this item"). */
  label: string;
  size?: 'large' | 'normal';
} & ({ timer: Timer; deadline?: never } | { deadline: string; timer?: never });

/**
 * A self-contained ticking clock: only this component re-renders every
 * second. The time is not announced as it ticks (role="timer" is polite-off);
 * reaching zero is announced once.
 */
export function Countdown({ clockOffsetMs, label, size = 'normal', timer, deadline }: CountdownProps) {
  const { t } = useTranslation();
  const ticking = deadline !== undefined || Boolean(timer?.running);
  const now = useSyncExternalStore(ticking ? subscribeTicks : subscribeNever, currentSecond);
  const at = serverNow(clockOffsetMs, now);
  const seconds = timer ? remainingSeconds(timer, at) : Math.max(0, secondsUntil(deadline!, at));
  const { clock, overrun } = countdownParts(seconds);
  const reachedZero = seconds <= 0;

  return (
    <div className={['countdown', `countdown-${size}`, overrun ? 'is-overrun' : null].filter(Boolean).join(' ')}>
      <span className="countdown-label">{label}</span>
      <span role="timer" aria-live="off" className="countdown-clock">
        {overrun ? t('live.overrun', { clock }) : clock}
      </span>
      {timer && !timer.running && <span className="countdown-paused">{t('live.paused')}</span>}
      <span className="visually-hidden" aria-live="polite">
        {reachedZero ? (timer ? t('live.timeUp') : t('live.voteTimeUp')) : ''}
      </span>
    </div>
  );
}
