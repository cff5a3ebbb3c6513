import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the signed-out pages: product name, language switch, one card. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <div className="auth-page">
      <div className="auth-topbar">
        <LanguageSwitch appearance="plain" />
      </div>
      <main className="auth-card" id="main">
        <p className="auth-brand">{t('app.name')}</p>
        <h1 className="page-title">{title}</h1>
        {children}
      </main>
    </div>
  );
}
