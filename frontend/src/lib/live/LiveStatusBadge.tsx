import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveStatus } from './types';

/** Statuses that come and go with every keystroke: shown, but not read out each time. */
const ROUTINE: ReadonlySet<LiveStatus> = new Set(['saving', 'saved', 'connecting']);

/**
 * Saved / saving / offline ... for a live document. The badge always shows the status; its live
 * region (polite) speaks only when something changes that a person must know about (offline,
 * read only, refused, ...) and when everything is saved again after being offline, so screen
 * reader users are not interrupted by "saving, saved" on every keystroke.
 */
export function LiveStatusBadge({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  const [previous, setPrevious] = useState(status);
  const [wasOffline, setWasOffline] = useState(status === 'offline');
  const [announcement, setAnnouncement] = useState('');

  // Adjusting state while rendering (not in an effect): the announcement changes with the status.
  if (previous !== status) {
    setPrevious(status);
    if (status === 'offline') setWasOffline(true);
    if (!ROUTINE.has(status)) {
      setAnnouncement(t(`liveDoc.statusHint.${status}`));
    } else if (status === 'saved' && wasOffline) {
      setWasOffline(false);
      setAnnouncement(t('liveDoc.statusHint.savedAgain'));
    }
  }

  return (
    <span className={`live-status is-${status}`} title={t(`liveDoc.statusHint.${status}`)}>
      <span className="live-status-dot" aria-hidden="true" />
      <span className="live-status-label">{t(`liveDoc.status.${status}`)}</span>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
    </span>
  );
}
