import { describe, expect, test } from 'vitest';
import { calendarDaysBetween, dayKey, relativeTime } from './relativeTime';

const now = new Date(2026, 10, 23, 15, 0, 0).getTime();
const ago = (ms: number) => new Date(now - ms).toISOString();
const MINUTE = 60_000;

describe('relativeTime', () => {
  test.each([
    [ago(20_000), 'just now'],
    [ago(5 * MINUTE), '5 minutes ago'],
    [ago(3 * 60 * MINUTE), '3 hours ago'],
    [new Date(2026, 10, 22, 9, 0).toISOString(), 'yesterday'],
    [new Date(2026, 10, 19, 9, 0).toISOString(), '4 days ago'],
    [new Date(2026, 9, 2, 9, 0).toISOString(), '2 Oct 2026'],
  ])('%s reads “%s”', (iso, expected) => {
    expect(relativeTime(iso, now, 'en-GB', 'just now')).toBe(expected);
  });

  test('speaks Khmer', () => {
    expect(relativeTime(ago(5 * MINUTE), now, 'km-KH', 'អម្បាញ់មិញ')).toMatch(/^5 នាទី\u200b?មុន$/);
    expect(relativeTime(new Date(2026, 10, 22, 9, 0).toISOString(), now, 'km-KH', 'អម្បាញ់មិញ')).toBe('ម្សិលមិញ');
  });

  test('late last night was yesterday, even less than a day ago', () => {
    const lateLastNight = new Date(2026, 10, 22, 23, 50).getTime();
    expect(calendarDaysBetween(lateLastNight, now)).toBe(1);
    expect(dayKey(new Date(lateLastNight).toISOString())).toBe('2026-11-22');
  });
});
