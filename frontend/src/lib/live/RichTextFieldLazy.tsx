import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { RichTextFieldProps } from './RichTextField';

// The editor (TipTap + ProseMirror) is most of lib/live's weight: only pages with prose load it.
let loading: Promise<typeof import('./RichTextField')> | null = null;
const load = () => (loading ??= import('./RichTextField'));
// Tests: load it with the test file, not inside the first test's time budget.
if (import.meta.env.MODE === 'test') void load();
const Editor = lazy(async () => ({ default: (await load()).RichTextField }));

function Placeholder({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <div className="rich-text">
      <span className="field-label">{label}</span>
      <div className="rich-text-body">
        <div className="rich-text-content rich-text-loading">
          <span className="spinner-wrap" role="status">
            <span className="spinner spinner-small" aria-hidden="true" />
            <span className="visually-hidden">{t('common.loading')}</span>
          </span>
        </div>
      </div>
    </div>
  );
}

/** RichTextField, loaded on first use (same props). */
export function RichTextField(props: RichTextFieldProps) {
  return (
    <Suspense fallback={<Placeholder label={props.label} />}>
      <Editor {...props} />
    </Suspense>
  );
}
