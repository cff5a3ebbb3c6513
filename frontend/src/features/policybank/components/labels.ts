import { useTranslation } from 'react-i18next';
import type { FacetName, Theme } from '../api/policybank';

function displayNames(language: string, type: 'region' | 'language'): Intl.DisplayNames | null {
  try {
    const names = new Intl.DisplayNames([language === 'km' ? 'km' : 'en'], { type, fallback: 'code' });
    // Chromium's built-in locale data has no Khmer: it quietly answers in English instead, which on a
    // Khmer page is worse than the catalogue's short list (or the bare code) below.
    return names.resolvedOptions().locale.split('-')[0] === (language === 'km' ? 'km' : 'en') ? names : null;
  } catch {
    return null;
  }
}

/** Names for codes in the UI language: kinds from the catalogue, countries and languages from Intl. */
export function usePolicyLabels() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const regions = displayNames(language, 'region');
  const languages = displayNames(language, 'language');
  const kind = (value: string) => (i18n.exists(`policybank.kinds.${value}`) ? t(`policybank.kinds.${value}`) : value);
  // The catalogue names the countries and languages the network works with, so they read the same in
  // every browser; Intl names the rest where the browser knows the UI language.
  const country = (code: string) => {
    const upper = code.toUpperCase();
    if (i18n.exists(`policybank.countries.${upper}`)) return t(`policybank.countries.${upper}`);
    try {
      return regions?.of(upper) ?? code;
    } catch {
      return code;
    }
  };
  const languageName = (code: string) => {
    const lower = code.toLowerCase();
    if (i18n.exists(`policybank.languages.${lower}`)) return t(`policybank.languages.${lower}`);
    try {
      return languages?.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const theme = (value: Pick<Theme, 'name_en' | 'name_km'>) =>
    language === 'km' && value.name_km ? value.name_km : value.name_en;
  /**
   * A facet value as a reader knows it. The server labels themes in English, so `themes` (when given)
   * supplies the Khmer names; publishers are shown as written.
   */
  const facetValue = (facet: FacetName, value: string, serverLabel: string, themes?: readonly Theme[]) => {
    if (facet === 'kind') return kind(value);
    if (facet === 'country') return country(value);
    if (facet === 'language') return languageName(value);
    if (facet === 'theme') {
      const known = themes?.find((candidate) => String(candidate.id) === value);
      if (known) return theme(known);
    }
    return serverLabel || value;
  };
  return { kind, country, language: languageName, theme, facetValue };
}
