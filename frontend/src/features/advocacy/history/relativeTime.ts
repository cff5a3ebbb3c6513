import { useTranslation } from 'react-i18next';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function localeOf(language: string | undefined): string {
  return language === 'km' ? 'km-KH' : 'en-GB';
}

/**
 * "just now", "5 minutes ago", "yesterday", "3 days ago", then the date: how long ago, in the
 * UI language (Intl knows Khmer). `justNow` is the catalogue's word for under a minute.
 */
export function relativeTime(iso: string, now: number, locale: string, justNow: string): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const ago = now - then;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (ago < MINUTE) return justNow;
  if (ago < HOUR) return format.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return format.format(-Math.floor(ago / HOUR), 'hour');
  const days = calendarDaysBetween(then, now);
  if (days < 7) return format.format(-Math.max(days, 1), 'day');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(then));
}

/** Calendar days from `then` to `now` in the browser's time zone (yesterday 23:50 is 1 day ago). */
export function calendarDaysBetween(then: number, now: number): number {
  const start = new Date(then);
  const end = new Date(now);
  const a = Date.UTC(start.getFullYear(), start.getMonth(), start.getDate());
  const b = Date.UTC(end.getFullYear(), end.getMonth(), end.getDate());
  return Math.round((b - a) / DAY);
}

/** The local calendar day of a timestamp, as "YYYY-MM-DD" (to group a history by day). */
export function dayKey(iso: string): string {
  const date = new Date(iso);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

export function useRelativeTime() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage);
  return {
    locale,
    ago: (iso: string | null | undefined, now = Date.now()) => (iso ? relativeTime(iso, now, locale, t('history.justNow')) : ''),
    /** "Today", "Yesterday" or the full date, for a day heading. */
    day(iso: string, now = Date.now()): string {
      const days = calendarDaysBetween(new Date(iso).getTime(), now);
      if (days === 0) return t('history.today');
      if (days === 1) return t('history.yesterday');
      return new Intl.DateTimeFormat(locale, { dateStyle: 'full' }).format(new Date(iso));
    },
    /** Today: how long ago; earlier days (under their day's heading): the time of day. */
    when(iso: string, now = Date.now()): string {
      if (calendarDaysBetween(new Date(iso).getTime(), now) === 0) return relativeTime(iso, now, locale, t('history.justNow'));
      return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(iso));
    },
    exact: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    list: (names: string[]) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(names),
  };
}
