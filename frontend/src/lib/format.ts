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
    number(value: number): string {
      return new Intl.NumberFormat(locale).format(value);
    },
  };
}
