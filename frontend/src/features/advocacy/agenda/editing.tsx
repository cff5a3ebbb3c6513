import { useEffect, useRef, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LivePeer } from '../../../lib/live';

/**
 * Tells the others what I am editing: whatever has focus inside an element marked
 * `data-live-path` ("goal", "objectives/k3x9"). One pair of handlers on the page's container,
 * so every field, select and checkbox reports without wiring each one.
 */
export function useEditingTracker(setEditing: (path: string | null) => void) {
  const setter = useRef(setEditing);
  const current = useRef<string | null>(null);
  useEffect(() => {
    setter.current = setEditing;
  });
  useEffect(
    () => () => {
      if (current.current !== null) setter.current(null);
    },
    [],
  );

  function report(path: string | null) {
    if (path === current.current) return;
    current.current = path;
    setter.current(path);
  }

  return {
    onFocus(event: FocusEvent<HTMLElement>) {
      const marked = (event.target as Element).closest('[data-live-path]');
      report(marked?.getAttribute('data-live-path') ?? null);
    },
    onBlur(event: FocusEvent<HTMLElement>) {
      const next = event.relatedTarget as Node | null;
      if (!next || !event.currentTarget.contains(next)) report(null);
    },
  };
}

/** "Dara is editing" next to the part someone else has focus in. */
export function EditingBy({ peers, path, exact = false }: { peers: LivePeer[]; path: string; exact?: boolean }) {
  const { t, i18n } = useTranslation();
  const here = peers.filter(
    (peer) => peer.editing !== null && (peer.editing === path || (!exact && peer.editing.startsWith(`${path}/`))),
  );
  const names = [...new Set(here.map((peer) => peer.name || t('advocacyAgenda.someone')))];
  if (!names.length) return null;
  const list = new Intl.ListFormat(i18n.resolvedLanguage === 'km' ? 'km-KH' : 'en-GB', { type: 'conjunction' }).format(names);
  return (
    <span className="adv-editing">
      {here.slice(0, 3).map((peer) => (
        <span key={peer.clientId} className="adv-editing-dot" style={{ backgroundColor: peer.color }} aria-hidden="true" />
      ))}
      {t('advocacyAgenda.editingBy', { names: list, count: names.length })}
    </span>
  );
}
