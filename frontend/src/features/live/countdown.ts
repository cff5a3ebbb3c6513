/**
 * Countdown maths. The server sends a timer as a start instant plus banked
 * seconds (never a ticking number), so every client computes the remaining
 * time itself; `clockOffsetMs` (server clock − local clock) corrects a phone
 * whose clock is wrong.
 */
import type { Timer } from './api/live';

/** Seconds left on `timer` at the server instant `serverNowMs`; negative once it overruns. */
export function remainingSeconds(timer: Timer, serverNowMs: number): number {
  let running = 0;
  if (timer.running && timer.started_at) {
    const started = Date.parse(timer.started_at);
    if (!Number.isNaN(started)) running = Math.max(0, (serverNowMs - started) / 1000);
  }
  return timer.duration_seconds - timer.elapsed_seconds - running;
}

/** Seconds until the server instant `deadline` (a vote's closes_at); negative after it. */
export function secondsUntil(deadline: string, serverNowMs: number): number {
  const end = Date.parse(deadline);
  return Number.isNaN(end) ? 0 : (end - serverNowMs) / 1000;
}

export function serverNow(clockOffsetMs: number, localNowMs: number = Date.now()): number {
  return localNowMs + clockOffsetMs;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export interface CountdownParts {
  /** "mm:ss" (minutes may pass 59). */
  clock: string;
  overrun: boolean;
}

/**
 * Whole seconds for display: time left rounds up (a fresh 5-minute timer
 * reads 05:00, not 04:59), overrun rounds down (the first "+00:01" appears a
 * full second after zero).
 */
export function countdownParts(seconds: number): CountdownParts {
  const overrun = seconds < 0 && Math.floor(-seconds) >= 1;
  const whole = overrun ? Math.floor(-seconds) : Math.max(0, Math.ceil(seconds));
  return { clock: `${pad(Math.floor(whole / 60))}:${pad(whole % 60)}`, overrun };
}
