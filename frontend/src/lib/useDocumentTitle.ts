import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab title to "<title> · Roundtable" so screen-reader users hear where they landed. */
export function useDocumentTitle(title: string | null | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    const product = t('app.name');
    document.title = title ? `${title} · ${product}` : product;
  }, [title, t]);
}
