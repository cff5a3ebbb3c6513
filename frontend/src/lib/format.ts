import { useTranslation } from 'react-i18next';

function localeFor(language: string | undefined): string {
  return language === 'km' ? 'km-KH' : 'en-GB';
}

/** Date and number formatting in the UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = localeFor(i18n.resolvedLanguage);
  return {
    dateTime(iso: string | null | undefined): string {
      if (!iso) return '';
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso;
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
    },
    /** A date as seen in `timeZone` (a meeting's own zone), e.g. "Tuesday 1 December 2026". */
    date(iso: string | null | undefined, timeZone?: string, style: 'full' | 'medium' = 'full'): string {
      return formatIn(locale, iso, { dateStyle: style, timeZone });
    },
    /** A time of day as seen in `timeZone`, e.g. "08:30". */
    time(iso: string | null | undefined, timeZone?: string): string {
      return formatIn(locale, iso, { hour: '2-digit', minute: '2-digit', timeZone });
    },
    number(value: number): string {
      return new Intl.NumberFormat(locale).format(value);
    },
  };
}

function formatIn(locale: string, iso: string | null | undefined, options: Intl.DateTimeFormatOptions): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    // An unknown time zone name: show the time in the browser's zone rather than nothing.
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: undefined }).format(date);
  }
}
