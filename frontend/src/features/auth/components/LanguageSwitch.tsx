import { useTranslation } from 'react-i18next';
import { currentLanguage, isLanguage, LANGUAGE_NAMES, LANGUAGES, setLanguage } from '../../../lib/i18n';
import { useMe, useUpdateMe } from '../hooks/useAuth';

interface LanguageSwitchProps {
  /** "header" sits on the coloured app bar; "plain" on a light page. */
  appearance?: 'header' | 'plain';
}

/**
 * Switches the UI language at once. Signed in, the choice is also saved to the
 * person's profile (preferred_language); signed out, it is remembered on this device.
 */
export function LanguageSwitch({ appearance = 'header' }: LanguageSwitchProps) {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const updateMe = useUpdateMe();
  const value = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : currentLanguage();

  async function onChange(next: string) {
    if (!isLanguage(next) || next === value) return;
    await setLanguage(next);
    if (me) updateMe.mutate({ preferred_language: next });
  }

  return (
    <label className="language-switch">
      <span className={appearance === 'header' ? 'header-label visually-hidden' : 'visually-hidden'}>
        {t('language.label')}
      </span>
      <select
        className={appearance === 'header' ? 'header-select' : 'input select'}
        data-testid="language-switch"
        value={value}
        onChange={(event) => void onChange(event.target.value)}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </label>
  );
}
