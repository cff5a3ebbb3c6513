import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues } from '../locales/catalogues';

export const LANGUAGES = ['en', 'km'] as const;
export type Language = (typeof LANGUAGES)[number];

/** How each language names itself in the switcher: never translated. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', km: 'ខ្មែរ' };

const STORAGE_KEY = 'roundtable.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language remembered on this device (used while logged out). */
export function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    // Private browsing modes may refuse storage; fall back to the browser language.
    return null;
  }
}

function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    /* storage unavailable: the choice lasts for this page only */
  }
}

function initialLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  const browser = typeof navigator !== 'undefined' ? navigator.language : 'en';
  return browser.toLowerCase().startsWith('km') ? 'km' : 'en';
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

function applyToDocument(language: string): void {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language;
  }
}

/** Switches the UI language, remembers it on this device and updates <html lang>. */
export async function setLanguage(language: Language): Promise<void> {
  rememberLanguage(language);
  if (i18n.resolvedLanguage !== language) {
    await i18n.changeLanguage(language);
  }
}

i18n.on('languageChanged', applyToDocument);

// Both catalogues are bundled: they are small, and a second request for the
// Khmer one would be a second chance to fail on a weak connection.
void i18n.use(initReactI18next).init({
  resources: { en: { translation: catalogues.en }, km: { translation: catalogues.km } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
applyToDocument(i18n.language);

export default i18n;
