import { describe, expect, test } from 'vitest';
import { clockOffset, type Timer } from './api/live';
import { countdownParts, remainingSeconds, secondsUntil, serverNow } from './countdown';

const STARTED = '2026-12-01T02:00:00Z';
const startedMs = Date.parse(STARTED);

function timer(overrides: Partial<Timer> = {}): Timer {
  return { running: true, started_at: STARTED, elapsed_seconds: 0, duration_seconds: 600, ...overrides };
}

describe('countdown maths', () => {
  test('a running timer counts down from the server instant it started', () => {
    expect(remainingSeconds(timer(), startedMs)).toBe(600);
    expect(remainingSeconds(timer(), startedMs + 90_000)).toBe(510);
    expect(countdownParts(remainingSeconds(timer(), startedMs + 90_000)).clock).toBe('08:30');
  });

  test('banked seconds count and a paused timer ignores the clock', () => {
    const paused = timer({ running: false, elapsed_seconds: 125 });
    expect(remainingSeconds(paused, startedMs)).toBe(475);
    expect(remainingSeconds(paused, startedMs + 3_600_000)).toBe(475);
    expect(remainingSeconds(timer({ elapsed_seconds: 60 }), startedMs + 30_000)).toBe(510);
  });

  test('the server offset corrects a phone whose clock is two minutes slow', () => {
    // The server said 02:05:00 when the phone's clock read 02:03:00.
    const phoneReceivedAt = Date.parse('2026-12-01T02:03:00Z');
    const offset = clockOffset('2026-12-01T02:05:00Z', phoneReceivedAt);
    expect(offset).toBe(120_000);
    // Ten seconds later on the phone: 5 min 10 s have passed on the server.
    const at = serverNow(offset, phoneReceivedAt + 10_000);
    expect(countdownParts(remainingSeconds(timer(), at)).clock).toBe('04:50');
    // Without the correction the phone would show two minutes too much.
    expect(countdownParts(remainingSeconds(timer(), phoneReceivedAt + 10_000)).clock).toBe('06:50');
  });

  test('overrun is shown as time over, starting a full second after zero', () => {
    expect(countdownParts(remainingSeconds(timer(), startedMs + 600_000))).toEqual({ clock: '00:00', overrun: false });
    expect(countdownParts(-0.4)).toEqual({ clock: '00:00', overrun: false });
    expect(countdownParts(remainingSeconds(timer(), startedMs + 601_000))).toEqual({ clock: '00:01', overrun: true });
    expect(countdownParts(remainingSeconds(timer(), startedMs + 600_000 + 754_000))).toEqual({ clock: '12:34', overrun: true });
  });

  test('time left rounds up and long timers keep counting minutes past 59', () => {
    expect(countdownParts(299.2).clock).toBe('05:00');
    expect(countdownParts(4_500).clock).toBe('75:00');
  });

  test('a vote deadline is measured on the server clock', () => {
    expect(secondsUntil('2026-12-01T02:05:00Z', startedMs)).toBe(300);
    expect(secondsUntil('2026-12-01T02:05:00Z', startedMs + 301_000)).toBe(-1);
  });
});
