import { useTranslation } from 'react-i18next';
import type { FacetName, Theme } from '../api/policybank';

function displayNames(language: string, type: 'region' | 'language'): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([language === 'km' ? 'km' : 'en'], { type, fallback: 'code' });
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
  const country = (code: string) => {
    try {
      return regions?.of(code.toUpperCase()) ?? code;
    } catch {
      return code;
    }
  };
  const languageName = (code: string) => {
    try {
      return languages?.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const theme = (value: Pick<Theme, 'name_en' | 'name_km'>) =>
    language === 'km' && value.name_km ? value.name_km : value.name_en;
  /** A facet value as a reader knows it; the server's own label (theme names, publishers) when it sent one. */
  const facetValue = (facet: FacetName, value: string, serverLabel: string) => {
    if (facet === 'kind') return kind(value);
    if (facet === 'country') return country(value);
    if (facet === 'language') return languageName(value);
    return serverLabel || value;
  };
  return { kind, country, language: languageName, theme, facetValue };
}
